// `metareview regtest`: regression tests for funnel-plot asymmetry (metafor's regtest()).
#include <CLI/CLI.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/analysis_options.h"
#include "cli/bias_command.h"
#include "cli/commands.h"
#include "core/format.h"
#include "methods/regtest.h"
#include "model/fit_json.h"

namespace metareview::cli {
namespace {

struct RegtestCliOptions {
  AnalysisOptions analysis;
  std::string model, predictor, test_for;
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

// Peters' or Harbord's test, worded as R meta's print of metabias().
void run_binary(const RegtestCliOptions& o, methods::BinaryBiasTest test, Context& ctx) {
  const auto in = load_analysis(o.analysis, "regtest", ctx);
  if (!in) return;
  const methods::BinaryBias b = methods::binary_bias_test(in->es, test);
  if (o.json) {
    nlohmann::ordered_json j;
    j["test_for"] = std::string(methods::to_string(b.test));
    j["k"] = b.k;
    j["statistic"] = model::json_number(b.statistic);
    j["df"] = model::json_number(b.df);
    j["pval"] = model::json_number(b.pval);
    j["bias"] = model::json_number(b.bias);
    j["se_bias"] = model::json_number(b.se_bias);
    j["intercept"] = model::json_number(b.intercept);
    j["se_intercept"] = model::json_number(b.se_intercept);
    j["tau"] = model::json_number(b.tau);
    ctx.out << model::json_text(j);
    return;
  }
  const bool peters = b.test == methods::BinaryBiasTest::Peters;
  ctx.out << (peters ? "Linear regression test of funnel plot asymmetry (Peters)\n\n"
                     : "Linear regression test of funnel plot asymmetry (efficient score, Harbord)\n\n")
          << "Test result: t = " << core::format_fixed(b.statistic, 4) << ", df = " << core::format_shortest(b.df)
          << ", " << metafor_p(b.pval) << "\n\n"
          << "Bias estimate: " << core::format_fixed(b.bias, 4) << " (SE = " << core::format_fixed(b.se_bias, 4)
          << ")\nIntercept:     " << core::format_fixed(b.intercept, 4) << " (SE = "
          << core::format_fixed(b.se_intercept, 4) << ")\n";
}

void run_regtest(const RegtestCliOptions& o, Context& ctx) {
  if (!o.test_for.empty()) {
    methods::BinaryBiasTest test{};
    if (!parse_code_option(ctx, "regtest", "--test-for", o.test_for, methods::parse_binary_bias_test,
                           methods::valid_binary_bias_tests(), test))
      return;
    if (!o.model.empty() || !o.predictor.empty()) {
      ctx.err << "metareview regtest: --test-for " << o.test_for
              << " fixes the model and the predictor; leave out --model and --predictor\n";
      ctx.exit_code = kExitUsage;
      return;
    }
    return run_binary(o, test, ctx);
  }
  methods::RegtestOptions ro;
  if (!parse_code_option(ctx, "regtest", "--model", o.model, methods::parse_regtest_model,
                         methods::valid_regtest_models(), ro.model) ||
      !parse_code_option(ctx, "regtest", "--predictor", o.predictor, methods::parse_regtest_predictor,
                         methods::valid_regtest_predictors(), ro.predictor))
    return;
  const auto in = load_analysis(o.analysis, "regtest", ctx);
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
  app.add_option("--test-for", o->test_for,
                 "binary outcomes: " + methods::valid_binary_bias_tests() +
                     " (R meta's metabias(), from the 2x2 counts) instead of metafor's regtest()");
  app.add_flag("--json", o->json, "print one JSON object instead of text");
  app.callback([o, &ctx] { run_regtest(*o, ctx); });
}

}  // namespace metareview::cli
