#include "core/diagnostics.h"

#include <algorithm>

namespace metareview::core {

std::string Diagnostic::to_string() const {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.col > 0) out += ':' + std::to_string(where.col);
  }
  out += severity == Severity::Error ? ": error: " : ": warning: ";
  out += message;
  return out;
}

void Diagnostics::error(const SourceLocation& where, std::string message) {
  items_.push_back({where, Severity::Error, std::move(message)});
}

void Diagnostics::warning(const SourceLocation& where, std::string message) {
  items_.push_back({where, Severity::Warning, std::move(message)});
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error;
  }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const auto& d : items_) out += d.to_string() + '\n';
  return out;
}

}  // namespace metareview::core
