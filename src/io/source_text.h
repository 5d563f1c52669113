#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "io/fs.h"  // read_file, for the readers that include this header

namespace metareview::io {

/// The bytes of one input file and where its lines start, to turn a byte offset into
/// FILE:LINE:COL. Lines end at "\n", "\r\n" or "\r" (as XML reads them); columns count
/// UTF-8 code points from 1, so a column matches what an editor shows.
class SourceText {
 public:
  SourceText(std::string file, std::string bytes);

  const std::string& file() const { return file_; }
  const std::string& bytes() const { return bytes_; }
  /// Length of a leading UTF-8 byte order mark (0 or 3); it is not a column of line 1.
  std::size_t bom() const { return bom_; }
  /// Columns are counted on from the previous call's when it was on the same line and not
  /// further on, so listing many problems along one long line stays linear.
  core::SourceLocation location(std::size_t offset) const;
  /// The first line longer than io::kMaxLineBytes (its end excluded): its number and the
  /// offset of its first byte past the limit; nullopt when every line is within it.
  std::optional<std::pair<std::size_t, std::size_t>> first_long_line() const;
  /// The first line of the file (line 1, column 1).
  core::SourceLocation start() const { return {file_, 1, 1}; }

 private:
  std::string file_;
  std::string bytes_;
  std::size_t bom_ = 0;
  std::vector<std::size_t> line_starts_;
  // The last location() answer: line index, offset and its code-point column.
  mutable std::size_t last_line_ = 0, last_offset_ = 0, last_col_ = 1;
};

/// A byte sequence that is not UTF-8, or a character XML 1.0 forbids (controls other than
/// tab, newline and carriage return; U+FFFE, U+FFFF). The CSV reader applies the XML rule
/// too, since what it reads ends up in SVG, HTML and JSON; `format` names the format.
struct InvalidCharacter {
  std::size_t offset;
  std::string what;  ///< "invalid UTF-8 byte 0xff", "character U+0001 is not allowed in XML"
};
std::optional<InvalidCharacter> find_invalid_character(std::string_view bytes, std::string_view format = "XML");

/// Whether XML 1.0 allows the code point in a document (its production Char).
bool is_xml_char(char32_t c);

}  // namespace metareview::io
