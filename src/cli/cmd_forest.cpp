// `metareview forest`: the forest plot of one CSV file (as `pool` reads it), RevMan 5 style,
// with subgroups when the file has a subgroup column. SVG, PDF or PNG by the -o extension.
#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "cli/plot_options.h"
#include "core/error.h"
#include "render/font.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"
#include "render/forest_layout.h"

namespace metareview::cli {
namespace {

struct ForestArgs {
  PlotArgs plot;
  std::string sort = "given";
  std::string label_experimental = "Experimental", label_control = "Control";
};

bool is_common(model::Method m) {
  return m == model::Method::FE || m == model::Method::MH || m == model::Method::PETO;
}

void run_forest(const ForestArgs& a, Context& ctx) {
  const auto sort = review::parse_sort_order(a.sort);
  if (!sort) {
    ctx.err << "metareview forest: --sort: unknown value '" << a.sort
            << "'; valid values: " << review::valid_sort_orders() << '\n';
    ctx.exit_code = kExitUsage;
    return;
  }
  try {
    const auto data = load_plot_data(a.plot, "forest", ctx);
    if (!data) return;
    present::ViewOptions o;
    o.sort = *sort;
    o.label_experimental = a.label_experimental;
    o.label_control = a.label_control;
    // One model, as RevMan draws it: a common-effect method or a random-effects estimator.
    std::optional<model::ModelSpec> common, random;
    (is_common(data->spec.method) ? common : random) = data->spec;
    const present::AnalysisView view = present::analysis_view(data->es, model::fit_subgroups(data->es, common, random), o);
    const render::FontMeasurer fonts;
    write_plot(render::forest_layout(view, fonts), a.plot, ctx);
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
  app.callback([a, &ctx] { run_forest(*a, ctx); });
}

}  // namespace metareview::cli
