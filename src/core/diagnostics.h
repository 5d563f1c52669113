#pragma once
#include <string>
#include <vector>

namespace metareview::core {

/// Where a value came from in an input file. line and col are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int col = 0;
};

enum class Severity { Error, Warning };

/// One problem in one input, rendered as `FILE:LINE:COL: error: MESSAGE`.
struct Diagnostic {
  SourceLocation where;
  Severity severity = Severity::Error;
  std::string message;

  std::string to_string() const;
};

/// Every problem found in a run, in the order found. The library collects; the CLI prints.
class Diagnostics {
 public:
  void error(const SourceLocation& where, std::string message);
  void warning(const SourceLocation& where, std::string message);

  bool has_errors() const;
  std::size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }
  void append(const Diagnostics& other);
  /// All diagnostics, one per line, each ending with '\n'.
  std::string to_string() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace metareview::core
