// `metareview forest`: the forest plot of one CSV file (as `pool` reads it), RevMan 5 style,
// with subgroups when the file has a subgroup column. SVG, PDF or PNG by the -o extension.
#include <CLI/CLI.hpp>

#include <cmath>
#include <memory>
#include <optional>
#include <utility>
#include <ostream>

#include "cli/commands.h"
#include "cli/figure_options.h"
#include "cli/plot_options.h"
#include "core/error.h"
#include "core/format.h"
#include "render/font.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"
#include "render/forest_layout.h"

namespace metareview::cli {
namespace {

struct ForestArgs {
  PlotArgs plot;
  FigureArgs figure;
  std::string sort = "given", model;
  std::string label_experimental = "Experimental", label_control = "Control";
  std::optional<std::string> favours_left, favours_right;
};

bool is_common(model::Method m) {
  return m == model::Method::FE || m == model::Method::MH || m == model::Method::PETO;
}

// Which models to fit. Without --model, one, as RevMan draws it: the --method's (a
// common-effect method or a random-effects estimator). --model common or both takes the
// --method when it is common-effect (FE, MH, PETO), else inverse variance (FE); --model
// random or both takes it when it is a tau2 estimator, else REML (metafor's default).
// A --method of the other kind with --model common|random is refused.
std::optional<std::pair<std::optional<model::ModelSpec>, std::optional<model::ModelSpec>>> models(
    const std::string& choice, const model::ModelSpec& spec, bool method_given, Context& ctx) {
  std::optional<model::ModelSpec> common, random;
  const bool spec_common = is_common(spec.method);
  if (choice.empty()) {
    (spec_common ? common : random) = spec;
    return std::make_pair(common, random);
  }
  if (choice != "common" && choice != "random" && choice != "both") {
    ctx.err << "metareview forest: --model: unknown value '" << choice << "'; valid values: common, random, both\n";
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  }
  if (method_given && choice != "both" && spec_common != (choice == "common")) {
    ctx.err << "metareview forest: --model " << choice << ": --method " << model::to_string(spec.method) << " is "
            << (spec_common ? "a common-effect method" : "a random-effects estimator") << "; give "
            << (spec_common ? "a tau2 estimator such as REML" : "FE, MH or PETO") << ", or --model both\n";
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  }
  if (choice != "random") {
    common = spec;
    if (!spec_common) common->method = model::Method::FE;
  }
  if (choice != "common") {
    random = spec;
    if (spec_common) random->method = model::Method::REML;
  }
  return std::make_pair(common, random);
}

// The N column of a CSV: the arm sizes pooled (n1i + n2i), or a single arm's ni.
render::ExtraColumn participants(const effect::EffectTable& es) {
  render::ExtraColumn c{"N", {}, true};
  for (const effect::StudyInput& in : es.input) {
    const double n = std::isfinite(in.n1i) && std::isfinite(in.n2i) ? in.n1i + in.n2i : in.ni;
    c.cells.push_back(std::isfinite(n) ? core::format_count(n) : "");
  }
  return c;
}

void run_forest(const ForestArgs& a, Context& ctx) {
  review::SortOrder sort = review::SortOrder::AsGiven;
  if (!parse_code_option(ctx, "forest", "--sort", a.sort, review::parse_sort_order, review::valid_sort_orders(), sort))
    return;
  try {
    const auto data = load_plot_data(a.plot, "forest", ctx);
    if (!data) return;
    const auto figure = figure_options(a.figure, "forest", core::is_log_ratio(data->es.measure), ctx);
    if (!figure) return;
    const auto fits = models(a.model, data->spec, !a.plot.analysis.method.empty(), ctx);
    if (!fits) return;
    present::ViewOptions o;
    o.sort = sort;
    o.label_experimental = a.label_experimental;
    o.label_control = a.label_control;
    o.favours_left = a.favours_left, o.favours_right = a.favours_right;
    const present::AnalysisView view =
        present::analysis_view(data->es, model::fit_subgroups(data->es, fits->first, fits->second), o);
    render::ForestOptions f;
    f.figure = *figure;
    if (!figure->columns.empty()) f.columns.push_back(participants(data->es));  // n is the only column a CSV has
    const render::FontMeasurer fonts;
    write_plot(render::forest_layout(view, fonts, f), a.plot, ctx);
  } catch (const Error& e) {
    ctx.err << error_prefix("forest") << e.what() << '\n';
    ctx.exit_code = kExitInvalidInput;
  }
}

}  // namespace

void setup_forest(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ForestArgs>();
  add_plot_options(app, a->plot);
  app.add_option("--sort", a->sort, "row order within subgroups: " + review::valid_sort_orders() + " (default given)");
  app.add_option("--label-experimental", a->label_experimental, "experimental arm label (default Experimental)");
  app.add_option("--label-control", a->label_control, "control arm label (default Control)");
  app.add_option("--model", a->model, "models drawn: common, random, both (default: the --method's)");
  app.add_option("--favours-left", a->favours_left, "label under the axis left of the null (default Favours <experimental>)");
  app.add_option("--favours-right", a->favours_right, "label under the axis right of the null (default Favours <control>)");
  add_figure_options(app, a->figure, FigureFlags::Forest);
  app.callback([a, &ctx] { run_forest(*a, ctx); });
}

}  // namespace metareview::cli
