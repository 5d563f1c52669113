// `metareview trimfill`: Duval and Tweedie's trim-and-fill (metafor's trimfill()).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/analysis_options.h"
#include "cli/bias_command.h"
#include "cli/commands.h"
#include "cli/method_table.h"
#include "core/format.h"
#include "methods/trimfill.h"
#include "model/fit_json.h"
#include "render/font.h"
#include "render/funnel_layout.h"

namespace metareview::cli {
namespace {

struct TrimfillCliOptions {
  AnalysisOptions analysis;
  std::string estimator, side, plot;
  bool json = false, contour = false;
};

// metafor's print of the filled fit, its first line and model results only.
void print_text(std::ostream& out, const methods::Trimfill& t) {
  out << "Estimated number of missing studies on the " << methods::to_string(t.side)
      << " side: " << t.k0
      << " (SE = " << (t.se_k0 ? core::format_fixed(*t.se_k0, 4) : std::string("NA")) << ")\n";
  if (t.p_k0) {
    // metafor aligns the p-value under the count, as a p-val of 4 decimals.
    const std::string lead = "Test of H0: no missing studies on the " + std::string(methods::to_string(t.side)) + " side:";
    const std::string p = *t.p_k0 < 1e-4 ? "p-val < .0001" : "p-val = " + core::format_fixed(*t.p_k0, 4);
    out << lead << std::string(lead.size() < 55 ? 55 - lead.size() : 1, ' ') << p << '\n';
  }
  out << "\nFilled model (k = " << t.k + t.k0 << "; " << model::to_string(t.spec.method) << ")";
  if (t.tau2) out << ", tau^2 = " << core::format_fixed(*t.tau2, 4);
  out << "\n\n";
  const std::string stat = t.spec.test == model::Test::KNHA ? "tval" : "zval";
  const std::string head[] = {"estimate", "se", stat, "pval", "ci.lb", "ci.ub"};
  const double vals[] = {t.estimate, t.se, t.zval, t.pval, t.ci_lb, t.ci_ub};
  std::string h, v;
  for (int c = 0; c < 6; ++c) {
    const std::string cell = core::format_fixed(vals[c], 4);
    const std::size_t w = std::max(head[c].size(), cell.size()) + 2;
    h += std::string(w - head[c].size(), ' ') + head[c];
    v += std::string(w - cell.size(), ' ') + cell;
  }
  out << h << '\n' << v << '\n';
}

void run_trimfill(const TrimfillCliOptions& o, Context& ctx) {
  methods::TrimfillOptions to;
  methods::TrimfillSide side{};
  if (!parse_code_option(ctx, "trimfill", "--estimator", o.estimator, methods::parse_trimfill_estimator,
                         methods::valid_trimfill_estimators(), to.estimator) ||
      !parse_code_option(ctx, "trimfill", "--side", o.side, methods::parse_trimfill_side,
                         methods::valid_trimfill_sides(), side))
    return;
  if (!o.side.empty()) to.side = side;
  if (const std::string problem = o.plot.empty() ? "" : plot_path_problem(o.plot); !problem.empty()) {
    ctx.err << "metareview trimfill: " << problem << '\n';
    ctx.exit_code = kExitUsage;
    return;
  }
  if (o.contour && o.plot.empty()) {
    ctx.err << "metareview trimfill: --contour shades the funnel of --plot; give --plot FILE too\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  const auto in = load_analysis(o.analysis, "trimfill", ctx);
  if (!in) return;
  const methods::Trimfill t = methods::trimfill(in->es, in->analysis.settings.model, to);
  if (!o.plot.empty())
    write_method_plot(render::funnel_layout(render::trimfill_funnel_input(in->es, t, {o.contour}),
                                            render::FontMeasurer()),
                      o.plot, ctx);
  if (!o.json) return print_text(ctx.out, t);
  nlohmann::ordered_json j;
  j["estimator"] = std::string(methods::to_string(t.options.estimator));
  j["k0"] = t.k0;
  j["se_k0"] = model::json_number(t.se_k0);
  j["side"] = std::string(methods::to_string(t.side));
  if (t.p_k0) j["p_k0"] = model::json_number(*t.p_k0);
  j["k"] = t.k + t.k0;
  j["estimate"] = model::json_number(t.estimate);
  j["se"] = model::json_number(t.se);
  j[t.spec.test == model::Test::KNHA ? "tval" : "zval"] = model::json_number(t.zval);
  j["pval"] = model::json_number(t.pval);
  j["ci_lb"] = model::json_number(t.ci_lb);
  j["ci_ub"] = model::json_number(t.ci_ub);
  j["tau2"] = model::json_number(t.tau2);
  nlohmann::ordered_json fill = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < t.fill_yi.size(); ++i)
    fill.push_back({{"yi", model::json_number(t.fill_yi[i])}, {"vi", model::json_number(t.fill_vi[i])}});
  j["filled"] = fill;
  ctx.out << model::json_text(j);
}

}  // namespace

void setup_trimfill(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TrimfillCliOptions>();
  add_analysis_options(app, o->analysis);
  app.add_option("--estimator", o->estimator,
                 "estimator of the number missing: " + methods::valid_trimfill_estimators() + " (default L0)");
  app.add_option("--side", o->side,
                 "side the studies are missing on: " + methods::valid_trimfill_sides() +
                     " (default: chosen from the sign of Egger's regression slope, as metafor)");
  app.add_flag("--json", o->json, "print one JSON object instead of text");
  app.add_option("--plot", o->plot,
                 "also draw the funnel plot, the filled studies as open circles around the filled estimate, to "
                 "this file: .svg, .pdf or .png");
  app.add_flag("--contour", o->contour, "with --plot: shade the p < 0.10, 0.05, 0.01 regions around the null (Peters 2008)");
  app.callback([o, &ctx] { run_trimfill(*o, ctx); });
}

}  // namespace metareview::cli
