#pragma once
// What the small-study commands (regtest, ranktest, trimfill, fsn) share beyond the analysis
// options (cli/analysis_options.h): metafor's p format.
#include <string>

namespace metareview::cli {

/// A p-value as metafor prints it: "p = 0.4218", "p < .0001".
std::string metafor_p(double p);

}  // namespace metareview::cli
