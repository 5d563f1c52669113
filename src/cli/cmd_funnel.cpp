// `metareview funnel`: the funnel plot of one CSV file (as `pool` reads it), centred on the
// common-effect estimate (the --method's when it is FE, MH or PETO; inverse variance else);
// with --egger, Egger's regression line.
#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "cli/figure_options.h"
#include "cli/plot_options.h"
#include "core/error.h"
#include "methods/regtest.h"
#include "model/fit.h"
#include "render/font.h"
#include "render/funnel_layout.h"

namespace metareview::cli {
namespace {

struct FunnelArgs {
  PlotArgs plot;
  FigureArgs figure;
  bool contour = false, egger = false;
};

void run_funnel(const FunnelArgs& a, Context& ctx) {
  try {
    const auto data = load_plot_data(a.plot, "funnel", ctx);
    if (!data) return;
    const auto figure = figure_options(a.figure, "funnel", core::is_log_ratio(data->es.measure), ctx);
    if (!figure) return;
    model::ModelSpec spec = data->spec;
    if (spec.method != model::Method::MH && spec.method != model::Method::PETO) spec.method = model::Method::FE;
    spec.test = model::Test::Z;
    spec.knha_adhoc = model::KnhaAdhoc::None;  // a preset's Hartung-Knapp rule goes with its test
    const model::Fit f = model::fit(data->es, spec);
    render::FunnelInput in = render::funnel_input(data->es, f, {a.contour});
    if (a.egger) {
      // Ref: Egger et al. (1997) BMJ 315:629: the weighted regression of the effects on their
      // standard errors (weights 1/vi), metafor's regtest(model = "lm"); its line is the
      // common-effect funnel's, whatever --method says.
      const methods::Regtest r = methods::regtest(data->es, spec, {methods::RegtestModel::Lm, methods::RegtestPredictor::Sei});
      in.regression = render::FunnelLine{r.intercept, r.slope};
    }
    const render::FontMeasurer fonts;
    write_plot(render::funnel_layout(in, fonts, render::figure_theme(*figure)), a.plot, ctx);
  } catch (const Error& e) {
    ctx.err << error_prefix("funnel") << e.what() << '\n';
    ctx.exit_code = kExitInvalidInput;
  }
}

}  // namespace

void setup_funnel(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<FunnelArgs>();
  add_plot_options(app, a->plot);
  app.add_flag("--contour", a->contour, "shade the p < 0.10, 0.05, 0.01 regions around the null (Peters 2008)");
  app.add_flag("--egger", a->egger,
               "draw Egger's regression line: the effects regressed on their standard errors, weights 1/vi "
               "(regtest --model lm)");
  add_figure_options(app, a->figure, FigureFlags::Funnel);
  app.callback([a, &ctx] { run_funnel(*a, ctx); });
}

}  // namespace metareview::cli
