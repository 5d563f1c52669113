#include "methods/regtest.h"

#include <cmath>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/codes.h"
#include "core/error.h"
#include "core/measure_info.h"
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

struct LmFit {
  double intercept, se_intercept, slope, se_slope, df, sigma;
};

// Ref: Egger et al. (1997) BMJ 315:629, as metafor's regtest(model = "lm"): R's lm(yi ~ x,
// weights = 1/vi), whose coefficient variances are (X'WX)^-1 times the residual variance
// RSS / (k - 2) (a multiplicative dispersion term).
LmFit weighted_lm(const std::vector<double>& yi, const std::vector<double>& vi, const std::vector<double>& x) {
  Eigen::MatrixXd X(static_cast<Eigen::Index>(x.size()), 2);
  for (std::size_t j = 0; j < x.size(); ++j) {
    X(static_cast<Eigen::Index>(j), 0) = 1;
    X(static_cast<Eigen::Index>(j), 1) = x[j];
  }
  const model::WlsResult w = model::with_design(yi, vi, X, 1)->wls(model::Weights::inverse(0));
  const double df = static_cast<double>(yi.size()) - 2;
  const double sigma2 = w.rss / df;
  return {w.beta(0), std::sqrt(w.vb(0, 0) * sigma2), w.beta(1), std::sqrt(w.vb(1, 1) * sigma2), df,
          std::sqrt(sigma2)};
}

std::string study_name(const effect::EffectTable& es, std::size_t i) {
  return i < es.input.size() ? "'" + es.input[i].study + "'" : "row " + std::to_string(i + 1);
}

constexpr auto kBinaryTests =
    core::enum_codes<BinaryBiasTest>({{BinaryBiasTest::Peters, "peters"}, {BinaryBiasTest::Harbord, "harbord"}});

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
                    study_name(es, i) +
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
    const LmFit f = weighted_lm(yi, vi, x);
    r.zval = f.slope / f.se_slope;
    r.pval = stats::p_two_sided_t(r.zval, f.df);
    r.ddf = f.df;
    r.intercept = f.intercept, r.slope = f.slope;
    if (has_limit_estimate(options.predictor)) {
      const double crit = stats::t_crit(spec.level, f.df);
      r.est = f.intercept;
      r.ci_lb = f.intercept - crit * f.se_intercept;
      r.ci_ub = f.intercept + crit * f.se_intercept;
    }
    return r;
  }
  if (spec.method == model::Method::MH || spec.method == model::Method::PETO)
    throw Error("regtest: method " + std::string(model::to_string(spec.method)) +
                " takes no moderator; use model lm, FE or a tau2 estimator");
  // Ref: metafor 3.8-1 regtest.r (model = "rma"): rma.uni with the fit's method, test, level,
  // control and fixed tau2, the predictor as moderator; the test of its coefficient.
  const model::Fit f = model::fit(es, X, spec, model::Want::estimates());
  r.zval = f.zval.at(1);
  r.pval = f.pval.at(1);
  r.ddf = f.df;
  r.intercept = f.beta.at(0), r.slope = f.beta.at(1);
  if (has_limit_estimate(options.predictor)) {
    r.est = f.beta.at(0);
    r.ci_lb = f.ci_lb.at(0);
    r.ci_ub = f.ci_ub.at(0);
  }
  return r;
}

BinaryBias binary_bias_test(const effect::EffectTable& es, BinaryBiasTest test) {
  BinaryBias b;
  b.test = test;
  const std::string name(to_string(test));
  const core::MeasureInfo& info = core::measure_info(es.measure);
  if (info.family != core::InputFamily::TwoByTwo || (test == BinaryBiasTest::Harbord && es.measure != core::Measure::OR))
    throw Error(name + ": measure " + std::string(info.code) + " has no 2x2 counts to test; " +
                (test == BinaryBiasTest::Harbord ? "Harbord's test needs OR" : "Peters' test needs OR, RR or RD"));
  const std::vector<std::size_t> rows = es.usable_rows();
  b.k = static_cast<int>(rows.size());
  if (b.k < kMinStudiesForRegtest)
    throw Error(name + ": k = " + std::to_string(b.k) + "; at least " + std::to_string(kMinStudiesForRegtest) +
                " studies are needed");
  std::vector<double> yi, vi, x;
  for (const std::size_t i : rows) {
    const effect::StudyInput& s = es.input.at(i);
    const double a = s.ai, c = s.ci, n1 = s.n1i, n2 = s.n2i, events = a + c, non = n1 - a + n2 - c, n = n1 + n2;
    if (test == BinaryBiasTest::Peters) {
      if (events == 0 || non == 0)
        throw Error(name + ": study " + study_name(es, i) + " has " + (events == 0 ? "no events" : "no non-events") +
                    " in either arm; Peters' weight is 0");
      // Ref: Peters et al. (2006) JAMA 295:676: the effect on 1/N, weighted by the inverse of
      // 1/(events) + 1/(non-events).
      yi.push_back(es.yi[i]);
      vi.push_back(1 / events + 1 / non);
      x.push_back(1 / n);
    } else {
      // Ref: Harbord, Egger & Sterne (2006) Stat Med 25:3443: Z = a - (a + c) n1 / N and its
      // hypergeometric variance V; Z/V regressed on 1/sqrt(V) with weights V.
      const double z = a - events * n1 / n;
      const double v = n1 * n2 * events * non / (n * n * (n - 1));
      if (!(v > 0)) throw Error(name + ": study " + study_name(es, i) + " has a score variance of 0");
      yi.push_back(z / v);
      vi.push_back(1 / v);
      x.push_back(1 / std::sqrt(v));
    }
  }
  bool constant = true;
  for (const double v : x) constant = constant && v == x.front();
  if (constant) throw Error(name + ": every study has the same precision; the slope cannot be estimated");
  const LmFit f = weighted_lm(yi, vi, x);
  b.bias = f.slope;
  b.se_bias = f.se_slope;
  b.intercept = f.intercept;
  b.se_intercept = f.se_intercept;
  b.df = f.df;
  b.statistic = f.slope / f.se_slope;
  b.pval = stats::p_two_sided_t(b.statistic, f.df);
  b.tau = f.sigma;
  return b;
}

std::string_view to_string(BinaryBiasTest t) { return kBinaryTests.code(t); }
std::optional<BinaryBiasTest> parse_binary_bias_test(std::string_view code) { return kBinaryTests.parse(code); }
std::string valid_binary_bias_tests() { return kBinaryTests.valid(); }

std::string_view to_string(RegtestModel m) { return kModels.code(m); }
std::optional<RegtestModel> parse_regtest_model(std::string_view code) { return kModels.parse(code); }
std::string_view to_string(RegtestPredictor p) { return kPredictors.code(p); }
std::optional<RegtestPredictor> parse_regtest_predictor(std::string_view code) { return kPredictors.parse(code); }
std::string valid_regtest_models() { return kModels.valid(); }
std::string valid_regtest_predictors() { return kPredictors.valid(); }

}  // namespace metareview::methods
