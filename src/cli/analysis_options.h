#pragma once
// The data and model options every analysis command shares (pool, forest, funnel, and the
// methods that refit a fit): one option set, so `--preset cochrane --level 0.9` means the
// same to each of them, and one place that resolves it against the code tables.
#include <optional>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "core/measure.h"
#include "effect/effect_table.h"
#include "model/spec.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace metareview::cli {

struct AnalysisOptions {
  std::string data, measure, method, test, preset = "metafor", pi_dist, i2, adhoc;
  double level = 95;
  bool strict = false;  ///< a missing value (NA) is an error; else its row is left out with a warning
  const CLI::Option* level_option = nullptr;  ///< set by add_analysis_options: was --level given?
};

/// --data --measure --method --test --level --preset --pi-dist --i2 --adhoc --strict, with help texts.
void add_analysis_options(CLI::App& app, AnalysisOptions& o);

/// The options resolved: the preset with every given option applied.
struct ResolvedAnalysis {
  core::Measure measure{};
  model::Settings settings;
};

/// Resolves the options against the preset and the code tables. On a bad value writes
/// "metareview <command>: <message>" to ctx.err, sets kExitUsage and returns nullopt.
std::optional<ResolvedAnalysis> resolve_analysis(const AnalysisOptions& o, std::string_view command, Context& ctx);

/// Reads --data and computes the effect sizes. Errors (FILE:LINE:COL) go to ctx.err with
/// kExitInvalidInput, and nullopt is returned; warnings (a row left out for a missing value)
/// go to ctx.err and the analysis goes on.
std::optional<effect::EffectTable> read_analysis_data(const AnalysisOptions& o, const ResolvedAnalysis& r,
                                                      Context& ctx);

}  // namespace metareview::cli
