#include "cli/bias_command.h"

#include "core/format.h"

namespace metareview::cli {

// Ref: metafor 3.8-1 .pval(digits = 4, showeq = TRUE): 4 decimals, "< .0001" below.
std::string metafor_p(double p) { return p < 1e-4 ? "p < .0001" : "p = " + core::format_fixed(p, 4); }

}  // namespace metareview::cli
