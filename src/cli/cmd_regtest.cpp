// `metareview regtest`: regression tests for funnel-plot asymmetry (metafor's regtest()).
#include <CLI/CLI.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/bias_command.h"
#include "core/format.h"
#include "methods/regtest.h"
#include "model/fit_json.h"

namespace metareview::cli {
namespace {

struct RegtestCliOptions {
  AnalysisOptions analysis;
  std::string model, predictor;
  bool json = false;
};

// metafor's print.regtest wording.
std::string_view predictor_words(methods::RegtestPredictor p) {
  switch (p) {
    case methods::RegtestPredictor::Sei: return "standard error";
    case methods::RegtestPredictor::Vi: return "sampling variance";
    case methods::RegtestPredictor::Ni: return "sample size";
    case methods::RegtestPredictor::Ninv: return "inverse of the sample size";
    case methods::RegtestPredictor::Sqrtni: return "square root sample size";
    case methods::RegtestPredictor::Sqrtninv: return "inverse of the square root sample size";
  }
  return "?";
}

std::string_view limit_words(methods::RegtestPredictor p) {
  switch (p) {
    case methods::RegtestPredictor::Sei: return "Limit Estimate (as sei -> 0):   ";
    case methods::RegtestPredictor::Vi: return "Limit Estimate (as vi -> 0):    ";
    default: return "Limit Estimate (as ni -> inf):  ";
  }
}

void print_text(std::ostream& out, const methods::Regtest& r) {
  out << "Regression Test for Funnel Plot Asymmetry\n\n";
  if (r.options.model == methods::RegtestModel::Lm)
    out << "Model:     weighted regression with multiplicative dispersion\n";
  else
    out << "Model:     " << (r.spec.method == model::Method::FE ? "fixed-effects" : "mixed-effects")
        << " meta-regression model\n";
  out << "Predictor: " << predictor_words(r.options.predictor) << "\n\n";
  out << "Test for Funnel Plot Asymmetry: " << (r.t_test() ? "t = " : "z = ") << core::format_fixed(r.zval, 4);
  if (r.ddf) out << ", df = " << core::format_shortest(*r.ddf);
  out << ", " << metafor_p(r.pval) << '\n';
  if (r.est)
    out << limit_words(r.options.predictor) << "b = " << core::format_fixed(*r.est, 4)
        << " (CI: " << core::format_fixed(*r.ci_lb, 4) << ", " << core::format_fixed(*r.ci_ub, 4) << ")\n";
}

void run_regtest(const RegtestCliOptions& o, Context& ctx) {
  methods::RegtestOptions ro;
  if (!parse_code_option(ctx, "regtest", "--model", o.model, methods::parse_regtest_model,
                         methods::valid_regtest_models(), ro.model) ||
      !parse_code_option(ctx, "regtest", "--predictor", o.predictor, methods::parse_regtest_predictor,
                         methods::valid_regtest_predictors(), ro.predictor))
    return;
  const auto in = read_bias_input(o.analysis, "regtest", ctx);
  if (!in) return;
  // A metareview::Error (k < 3, no sample sizes) propagates to run()'s boundary: exit 1.
  const methods::Regtest r = methods::regtest(in->es, in->analysis.settings.model, ro);
  if (!o.json) return print_text(ctx.out, r);
  nlohmann::ordered_json j;
  j["model"] = std::string(methods::to_string(r.options.model));
  j["predictor"] = std::string(methods::to_string(r.options.predictor));
  j["k"] = r.k;
  j[r.t_test() ? "tval" : "zval"] = model::json_number(r.zval);
  j["pval"] = model::json_number(r.pval);
  if (r.ddf) j["ddf"] = model::json_number(*r.ddf);
  j["est"] = model::json_number(r.est);
  j["ci_lb"] = model::json_number(r.ci_lb);
  j["ci_ub"] = model::json_number(r.ci_ub);
  ctx.out << model::json_text(j);
}

}  // namespace

void setup_regtest(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RegtestCliOptions>();
  add_analysis_options(app, o->analysis);
  app.add_option("--model", o->model,
                 "rma: the fit's model with the predictor as moderator; lm: Egger's weighted regression "
                 "(default rma)");
  app.add_option("--predictor", o->predictor, "the precision the effects are regressed on: " +
                                                  methods::valid_regtest_predictors() + " (default sei)");
  app.add_flag("--json", o->json, "print one JSON object instead of text");
  app.callback([o, &ctx] { run_regtest(*o, ctx); });
}

}  // namespace metareview::cli
