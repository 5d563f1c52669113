#pragma once
// What `forest` and `funnel` share: the data/model options of `pool`, reading and fitting
// input, and writing the figure (format from the extension, reproducible bytes).
#include <optional>
#include <string>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "effect/effect_table.h"
#include "model/spec.h"
#include "render/scene.h"

namespace CLI {
class App;
}

namespace metareview::cli {

struct PlotArgs {
  AnalysisOptions analysis;
  std::string output;
  double dpi = 300;
};

/// The shared analysis options (cli/analysis_options.h), then --dpi and -o.
void add_plot_options(CLI::App& app, PlotArgs& args);

struct PlotData {
  effect::EffectTable es;
  model::ModelSpec spec;  ///< the preset with the analysis options applied
};

/// Resolves the analysis options, checks -o and --dpi, reads the CSV and computes the effects. On failure writes the message
/// ("metareview <command>: ...") or the diagnostics to ctx.err, sets the exit code and
/// returns nullopt.
std::optional<PlotData> load_plot_data(const PlotArgs& args, const char* command, Context& ctx);

/// Writes the figure to args.output (SOURCE_DATE_EPOCH honoured for PDFs) and reports it on
/// ctx.out; errors go to ctx.err with exit code kExitInvalidInput.
void write_plot(const render::Scene& scene, const PlotArgs& args, Context& ctx);

}  // namespace metareview::cli
