#pragma once
// --mods and --factor, shared by `pool` and `permutest`: CSV columns as the moderators of a
// meta-regression (model/moderators.h), read and checked into a design matrix.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "model/moderators.h"

namespace CLI {
class App;
}

namespace metareview::cli {

struct ModeratorOptions {
  std::vector<std::string> mods;     ///< column names, in model order
  std::vector<std::string> factors;  ///< of those, the ones read as factors though numeric
};

/// --mods x1,x2 and --factor x2, with help texts; `required` makes --mods required.
void add_moderator_options(CLI::App& app, ModeratorOptions& o, bool required);

struct MetaRegInput {
  ResolvedAnalysis analysis;
  effect::EffectTable es;
  model::Design design;
};

/// Resolves the options, reads --data with the moderator columns and builds the design.
/// Errors go to ctx.err (usage: kExitUsage; data, FILE:LINE:COL: kExitInvalidInput) and
/// nullopt is returned.
std::optional<MetaRegInput> load_metareg(const AnalysisOptions& a, const ModeratorOptions& m,
                                         std::string_view command, Context& ctx);

}  // namespace metareview::cli
