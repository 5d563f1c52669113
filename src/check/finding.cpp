#include "check/finding.h"

namespace metareview::check {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Ok: return "ok";
    case Severity::Note: return "note";
    case Severity::Inconsistent: return "inconsistent";
    case Severity::Implausible: return "implausible";
  }
  return "?";
}

}  // namespace metareview::check
