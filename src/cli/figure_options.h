#pragma once
// The figure controls of `forest` and `funnel` (docs/figures.md): their flags and how they
// become a core::FigureOptions, checked by the same validate() as a review's <forest>.
// The statistical options are not here: they are the shared analysis option set.
#include <optional>
#include <string>

#include "cli/commands.h"
#include "core/figure_options.h"

namespace CLI {
class App;
}

namespace metareview::cli {

struct FigureArgs {
  std::string xlim, at, columns, theme;
  std::optional<double> width, font_size, label_width;
  bool no_prediction = false;
};

/// Which flags a command has: the forest plot all of them, the funnel plot --theme and --font-size.
enum class FigureFlags { Forest, Funnel };

void add_figure_options(CLI::App& app, FigureArgs& args, FigureFlags which);

/// The options the flags ask for; on a bad value writes "metareview <command>: --flag: ..."
/// to ctx.err, sets kExitUsage and returns nullopt. `ratio_axis`: the measure's axis is a
/// log axis (limits and ticks above 0).
std::optional<core::FigureOptions> figure_options(const FigureArgs& args, const char* command, bool ratio_axis,
                                                  Context& ctx);

}  // namespace metareview::cli
