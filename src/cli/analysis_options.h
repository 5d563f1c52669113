#pragma once
// The data and model options every analysis command shares (pool, forest, funnel, and the
// methods that refit a fit): one option set, so `--preset cochrane --level 0.9` means the
// same to each of them, and one place that resolves it against the code tables.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "cli/commands.h"
#include "core/measure.h"
#include "effect/effect_csv.h"
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

/// `given` parsed with `parse`; when unknown, writes "metareview <command>: <option>: unknown
/// value '<given>'; valid values: <valid>", sets kExitUsage and returns false. An empty `given`
/// keeps `target`. Every command's code options are checked with it.
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

/// Resolves the options against the preset and the code tables. On a bad value writes
/// "metareview <command>: <message>" to ctx.err, sets kExitUsage and returns nullopt.
std::optional<ResolvedAnalysis> resolve_analysis(const AnalysisOptions& o, std::string_view command, Context& ctx);

/// Reads --data and computes the effect sizes. Errors (FILE:LINE:COL) go to ctx.err with
/// kExitInvalidInput, and nullopt is returned; warnings (a row left out for a missing value)
/// go to ctx.err and the analysis goes on.
/// With `extra`, its named columns are read too (effect/effect_csv.h).
std::optional<effect::EffectTable> read_analysis_data(const AnalysisOptions& o, const ResolvedAnalysis& r,
                                                      Context& ctx, effect::ExtraColumns* extra = nullptr);

/// The options resolved and --data read, for the commands with nothing to check in between.
struct AnalysisInput {
  ResolvedAnalysis analysis;
  effect::EffectTable es;
};
/// resolve_analysis, then read_analysis_data; nullopt when either wrote a message.
std::optional<AnalysisInput> load_analysis(const AnalysisOptions& o, std::string_view command, Context& ctx);

}  // namespace metareview::cli
