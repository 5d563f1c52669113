#pragma once
// What the small-study commands (regtest, ranktest, trimfill, fsn) share: their own code
// options checked like the analysis options, the data read once, and metafor's p format.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "effect/effect_table.h"

namespace metareview::cli {

/// The analysis options resolved and --data read; nullopt when a message was written.
struct BiasInput {
  ResolvedAnalysis analysis;
  effect::EffectTable es;
};
std::optional<BiasInput> read_bias_input(const AnalysisOptions& o, std::string_view command, Context& ctx);

/// `given` parsed with `parse`; when unknown, writes "metareview <command>: <option>: unknown
/// value '<given>'; valid values: <valid>" (as the analysis options do), sets kExitUsage and
/// returns false. An empty `given` keeps `target`.
template <class T, class Parse>
bool parse_code_option(Context& ctx, std::string_view command, std::string_view option, const std::string& given,
                       Parse parse, const std::string& valid, T& target) {
  if (given.empty()) return true;
  const auto v = parse(given);
  if (!v) {
    ctx.err << "metareview " << command << ": " << option << ": unknown value '" << given
            << "'; valid values: " << valid << '\n';
    ctx.exit_code = kExitUsage;
    return false;
  }
  target = *v;
  return true;
}

/// A p-value as metafor prints it: "p = 0.4218", "p < .0001".
std::string metafor_p(double p);

}  // namespace metareview::cli
