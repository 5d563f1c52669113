#include "cli/bias_command.h"

#include "core/format.h"

namespace metareview::cli {

std::optional<BiasInput> read_bias_input(const AnalysisOptions& o, std::string_view command, Context& ctx) {
  const auto r = resolve_analysis(o, command, ctx);
  if (!r) return std::nullopt;
  auto es = read_analysis_data(o, *r, ctx);
  if (!es) return std::nullopt;
  return BiasInput{*r, std::move(*es)};
}

// Ref: metafor 3.8-1 .pval(digits = 4, showeq = TRUE): 4 decimals, "< .0001" below.
std::string metafor_p(double p) { return p < 1e-4 ? "p < .0001" : "p = " + core::format_fixed(p, 4); }

}  // namespace metareview::cli
