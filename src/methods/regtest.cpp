#include "methods/regtest.h"

#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/codes.h"
#include "core/error.h"
#include "model/fit.h"
#include "model/regression.h"
#include "stats/distributions.h"

namespace metareview::methods {
namespace {

constexpr auto kModels = core::enum_codes<RegtestModel>({{RegtestModel::Rma, "rma"}, {RegtestModel::Lm, "lm"}});
constexpr auto kPredictors = core::enum_codes<RegtestPredictor>({{RegtestPredictor::Sei, "sei"},
                                                                 {RegtestPredictor::Vi, "vi"},
                                                                 {RegtestPredictor::Ni, "ni"},
                                                                 {RegtestPredictor::Ninv, "ninv"},
                                                                 {RegtestPredictor::Sqrtni, "sqrtni"},
                                                                 {RegtestPredictor::Sqrtninv, "sqrtninv"}});

double predictor_value(RegtestPredictor p, double vi, double ni) {
  switch (p) {
    case RegtestPredictor::Sei: return std::sqrt(vi);
    case RegtestPredictor::Vi: return vi;
    case RegtestPredictor::Ni: return ni;
    case RegtestPredictor::Ninv: return 1 / ni;
    case RegtestPredictor::Sqrtni: return std::sqrt(ni);
    case RegtestPredictor::Sqrtninv: return 1 / std::sqrt(ni);
  }
  return NAN;
}

bool uses_ni(RegtestPredictor p) { return p != RegtestPredictor::Sei && p != RegtestPredictor::Vi; }

// Ref: metafor 3.8-1 regtest.r: the intercept is a limit estimate only for predictors that
// go to 0 as the studies grow (sei, vi, 1/ni, 1/sqrt(ni)).
bool has_limit_estimate(RegtestPredictor p) { return p != RegtestPredictor::Ni && p != RegtestPredictor::Sqrtni; }

// Ref: Egger et al. (1997) BMJ 315:629, as metafor's regtest(model = "lm"): R's lm(yi ~ X - 1,
// weights = 1/vi), whose coefficient variances are (X'WX)^-1 times the residual variance
// RSS / (k - 2), with t tests on k - 2 df.
void weighted_lm(const std::vector<double>& yi, const std::vector<double>& vi, const Eigen::MatrixXd& X,
                 const model::ModelSpec& spec, Regtest& r) {
  const model::WlsResult w =
      model::with_design(yi, vi, X, 1)->wls(model::Weights::inverse(0));
  const double df = static_cast<double>(yi.size()) - 2;
  const double sigma2 = w.rss / df;
  const double se_slope = std::sqrt(w.vb(1, 1) * sigma2);
  r.zval = w.beta(1) / se_slope;
  r.pval = stats::p_two_sided_t(r.zval, df);
  r.ddf = df;
  if (has_limit_estimate(r.options.predictor)) {
    const double se = std::sqrt(w.vb(0, 0) * sigma2);
    const double crit = stats::t_crit(spec.level, df);
    r.est = w.beta(0);
    r.ci_lb = *r.est - crit * se;
    r.ci_ub = *r.est + crit * se;
  }
}

}  // namespace

Regtest regtest(const effect::EffectTable& es, const model::ModelSpec& spec, const RegtestOptions& options) {
  Regtest r;
  r.spec = spec;
  r.options = options;
  const std::vector<std::size_t> rows = es.usable_rows();
  r.k = static_cast<int>(rows.size());
  if (r.k < kMinStudiesForRegtest)
    throw Error("regtest: k = " + std::to_string(r.k) + "; at least " + std::to_string(kMinStudiesForRegtest) +
                " studies are needed");
  const std::string name(to_string(options.predictor));
  if (uses_ni(options.predictor))
    for (const std::size_t i : rows)
      if (i >= es.ni.size() || !std::isfinite(es.ni[i]) || es.ni[i] <= 0)
        throw Error("regtest: predictor " + name + " needs the sample size of every study, which " +
                    (i < es.input.size() ? "'" + es.input[i].study + "'" : "row " + std::to_string(i + 1)) +
                    " does not have");

  // The design of metafor's refit: intercept plus predictor, one row per table row (rows not
  // in the fit get 0s and no weight).
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(es.k()), 2);
  std::vector<double> yi, vi, x;
  for (const std::size_t i : rows) {
    const double v = predictor_value(options.predictor, es.vi[i], uses_ni(options.predictor) ? es.ni[i] : 0);
    X(static_cast<Eigen::Index>(i), 0) = 1;
    X(static_cast<Eigen::Index>(i), 1) = v;
    yi.push_back(es.yi[i]);
    vi.push_back(es.vi[i]);
    x.push_back(v);
  }
  // Ref: metafor regtest.r: a predictor that is constant leaves the design rank deficient.
  bool constant = true;
  for (const double v : x) constant = constant && v == x.front();
  if (constant)
    throw Error("regtest: predictor " + name + " is the same for every study; the slope cannot be estimated");

  if (options.model == RegtestModel::Lm) {
    Eigen::MatrixXd Xk(static_cast<Eigen::Index>(x.size()), 2);
    for (std::size_t j = 0; j < x.size(); ++j) {
      Xk(static_cast<Eigen::Index>(j), 0) = 1;
      Xk(static_cast<Eigen::Index>(j), 1) = x[j];
    }
    weighted_lm(yi, vi, Xk, spec, r);
    return r;
  }
  // Ref: metafor 3.8-1 regtest.r (model = "rma"): rma.uni with the fit's method, test, level,
  // control and fixed tau2, the predictor as moderator; the test of its coefficient.
  const model::Fit f = model::fit(es, X, spec, model::Want::estimates());
  r.zval = f.zval.at(1);
  r.pval = f.pval.at(1);
  r.ddf = f.df;
  if (has_limit_estimate(options.predictor)) {
    r.est = f.beta.at(0);
    r.ci_lb = f.ci_lb.at(0);
    r.ci_ub = f.ci_ub.at(0);
  }
  return r;
}

std::string_view to_string(RegtestModel m) { return kModels.code(m); }
std::optional<RegtestModel> parse_regtest_model(std::string_view code) { return kModels.parse(code); }
std::string_view to_string(RegtestPredictor p) { return kPredictors.code(p); }
std::optional<RegtestPredictor> parse_regtest_predictor(std::string_view code) { return kPredictors.parse(code); }
std::string valid_regtest_models() { return kModels.valid(); }
std::string valid_regtest_predictors() { return kPredictors.valid(); }

}  // namespace metareview::methods
