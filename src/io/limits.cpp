#include "io/limits.h"

namespace metareview::io {

std::string file_too_large() {
  return "the file is larger than " + std::to_string(kMaxFileBytes >> 20) +
         " MiB, the limit for an input file (docs/limits.md)";
}

std::string line_too_long(std::size_t line) {
  return "line " + std::to_string(line) + " is longer than " + std::to_string(kMaxLineBytes >> 20) +
         " MiB, the limit for a line (docs/limits.md)";
}

std::string more_errors(std::size_t n) {
  return "\u2026 and " + std::to_string(n) + " more error" + (n == 1 ? "" : "s") + " (at most " +
         std::to_string(kMaxErrorsListed) + " are listed for a file)";
}

}  // namespace metareview::io
