#include "check/finding.h"

#include "core/codes.h"

namespace metareview::check {

namespace {
constexpr auto kSeverities = core::enum_codes<Severity>({{Severity::Ok, "ok"},
                                                         {Severity::Note, "note"},
                                                         {Severity::Inconsistent, "inconsistent"},
                                                         {Severity::Implausible, "implausible"}});
}  // namespace

std::string_view to_string(Severity s) { return kSeverities.code(s); }

}  // namespace metareview::check
