#include "cli/figure_options.h"

#include <CLI/CLI.hpp>

#include <ostream>

namespace metareview::cli {

void add_figure_options(CLI::App& app, FigureArgs& a, FigureFlags which) {
  if (which == FigureFlags::Forest) {
    app.add_option("--xlim", a.xlim, "axis limits LO,HI on the effect's scale (ratios as ratios), e.g. 0.1,10");
    app.add_option("--at", a.at, "axis ticks, comma-separated, e.g. 0.25,0.5,1,2,4 (without --xlim they set the limits)");
    app.add_option("--width", a.width, "figure width in points; the plot column takes what the table leaves");
    app.add_option("--label-width", a.label_width, "study labels and titles wrap beyond this width in points (default 150)");
    app.add_option("--columns", a.columns, "extra table columns, comma-separated: n (participants)");
    app.add_flag("--no-prediction", a.no_prediction, "leave out the prediction interval");
  }
  app.add_option("--font-size", a.font_size, "text size in points (default 9)");
  app.add_option("--theme", a.theme, "colours: " + core::valid_figure_themes() + " (default grey)");
}

std::optional<core::FigureOptions> figure_options(const FigureArgs& a, const char* command, bool ratio_axis,
                                                  Context& ctx) {
  auto usage = [&](const std::string& message) -> std::optional<core::FigureOptions> {
    ctx.err << "metareview " << command << ": " << message << '\n';
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  };
  core::FigureOptions o;
  if (!a.xlim.empty()) {
    const auto v = core::parse_number_list(a.xlim, ',');
    if (!v || v->size() != 2)
      return usage("--xlim: '" + a.xlim + "' is not two numbers; give the lower and upper limit, as in 0.1,10");
    o.xlim = std::make_pair((*v)[0], (*v)[1]);
  }
  if (!a.at.empty()) {
    const auto v = core::parse_number_list(a.at, ',');
    if (!v) return usage("--at: '" + a.at + "' is not a list of numbers; separate them with commas, as in 0.25,0.5,1,2,4");
    o.at = *v;
  }
  o.width = a.width, o.font_size = a.font_size, o.label_width = a.label_width;
  if (!a.columns.empty()) {
    std::size_t start = 0;
    while (start <= a.columns.size()) {
      const std::size_t end = std::min(a.columns.find(',', start), a.columns.size());
      const std::string word = a.columns.substr(start, end - start);
      const auto c = core::parse_figure_column(word);
      if (!c) return usage("--columns: unknown column '" + word + "'; valid values: n");
      if (*c != core::FigureColumn::N)
        return usage("--columns: " + word + " needs a review file (follow-up and risk of bias are in the study files); a CSV has only n");
      o.columns.push_back(*c);
      start = end + 1;
    }
  }
  if (!a.theme.empty()) {
    const auto t = core::parse_figure_theme(a.theme);
    if (!t) return usage("--theme: unknown value '" + a.theme + "'; valid values: " + core::valid_figure_themes());
    o.theme = *t;
  }
  o.prediction = !a.no_prediction;
  if (const std::string e = o.validate(ratio_axis); !e.empty()) return usage("--" + e);
  return o;
}

}  // namespace metareview::cli
