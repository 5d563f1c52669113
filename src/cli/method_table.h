#pragma once
// The sensitivity commands that print one row per study (leave1out, cumul, influence, baujat):
// the shared analysis options, one method of methods/ run on --data, and its MethodResult
// printed as a table or as JSON {"rows": [{"study": ..., <metafor's names>}, ...]}.
#include <functional>
#include <optional>
#include <vector>
#include <string>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "effect/effect_table.h"
#include "methods/method_columns.h"
#include "methods/methods.h"
#include "model/spec.h"
#include "render/scene.h"

namespace metareview::cli {

/// Runs the method on the resolved data and spec; throws metareview::Error for bad input.
using MethodRunner = std::function<methods::MethodResult(const effect::EffectTable& es, const model::ModelSpec& spec)>;

/// Draws the figure of a method's result (the data it was run on, its study labels).
using MethodPlotter = std::function<render::Scene(const methods::MethodResult& result, const effect::EffectTable& es,
                                                  const render::TextMeasurer& measure)>;

/// Adds the analysis options, --json, and a callback that resolves them, reads --data, runs
/// `runner` and prints its result. `extra` (may be empty) is called first with the app, to
/// add the command's own options. With `plot`, --plot FILE also writes its figure (.svg,
/// .pdf or .png, reproducible bytes), before the table; "wrote FILE" goes to stderr so that
/// --json output stays one JSON object.
void setup_method_command(CLI::App& app, Context& ctx, std::string command, MethodRunner runner,
                          const std::function<void(CLI::App&)>& extra = {}, MethodPlotter plot = {});

/// Writes `scene` to `path` (format from its extension, SOURCE_DATE_EPOCH honoured) and says
/// so on ctx.err.
void write_method_plot(const render::Scene& scene, const std::string& path, Context& ctx);

/// The values of a named column of a method's table (methods/method_columns.h).
using methods::result_column;

/// The study name of effect-table row `row` (its number, from 1, when the table has no names).
std::string study_label(const effect::EffectTable& es, std::size_t row);

/// Usage error text when `path` names no figure format; "" when it does.
std::string plot_path_problem(const std::string& path);

/// Error unless at least `min_k` studies enter fit(es, spec) (the methods metafor stops on
/// with k = 1 need more to say anything: influence, baujat, gosh).
void require_studies(const effect::EffectTable& es, const model::ModelSpec& spec, const std::string& command,
                     std::size_t min_k);

}  // namespace metareview::cli
