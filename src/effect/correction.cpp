#include "effect/correction.h"

#include <array>
#include <cmath>
#include <utility>

#include "core/codes.h"
#include "core/error.h"
#include "core/format.h"

namespace metareview::effect {
namespace {
constexpr auto kCodes = core::enum_codes<CorrectionTo>({
    {CorrectionTo::All, "all"},
    {CorrectionTo::Only0, "only0"},
    {CorrectionTo::If0All, "if0all"},
    {CorrectionTo::None, "none"},
});
}  // namespace

std::string_view to_string(CorrectionTo to) { return kCodes.code(to); }
std::optional<CorrectionTo> parse_correction_to(std::string_view code) { return kCodes.parse(code); }
std::string valid_correction_tos() { return kCodes.valid(); }

bool correction_applies(CorrectionTo to, bool row_has_zero, bool any_row_has_zero) {
  switch (to) {
    case CorrectionTo::All: return true;
    case CorrectionTo::Only0: return row_has_zero;
    case CorrectionTo::If0All: return any_row_has_zero;
    case CorrectionTo::None: return false;
  }
  return false;
}

std::string correction_note(double add, CorrectionTo to) {
  return "continuity correction: added " + core::format_shortest(add) + " to every cell (to = \"" +
         std::string(to_string(to)) + "\")";
}

void check_add(double add, const char* function) {
  if (!(std::isfinite(add) && add >= 0))
    throw Error(std::string(function) + ": add must be finite and >= 0, got " + core::format_shortest(add));
}

}  // namespace metareview::effect
