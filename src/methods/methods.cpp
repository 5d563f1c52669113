#include "methods/methods.h"

#include <array>

#include "methods/baujat.h"
#include "methods/cumulative.h"
#include "methods/influence.h"
#include "methods/leave_one_out.h"

namespace metareview::methods {
namespace {

// One entry per method; a new method appends its line here.
constexpr std::array kMethods{
    MethodInfo{"leave_one_out", "the fit without each study in turn (metafor leave1out)", &leave_one_out_result},
    MethodInfo{"influence", "case diagnostics of each study: rstudent, DFFITS, Cook's distance, hat, ... "
                            "(metafor influence)",
               &influence_result},
    MethodInfo{"cumulative", "the fit of the first 1, 2, ..., k studies in input order (metafor cumul)",
               &cumulative_result},
    MethodInfo{"baujat", "each study's contribution to heterogeneity and influence on the estimate (metafor baujat)",
               &baujat_result},
};

}  // namespace

std::span<const MethodInfo> all_methods() { return kMethods; }

const MethodInfo* find_method(std::string_view name) {
  for (const MethodInfo& m : kMethods)
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace metareview::methods
