#include "model/fit.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "core/format.h"
#include "model/count_pooling.h"
#include "model/heterogeneity.h"
#include "model/inference.h"
#include "model/prediction.h"
#include "model/regression.h"
#include "model/tau2/tau2.h"
#include "stats/distributions.h"

namespace metareview::model {
namespace {

void note(Fit& f, const std::string& m) {
  if (m.empty() || !f.computed.notes) return;
  if (!f.message.empty()) f.message += "; ";
  f.message += m;
}

Fit describe(const effect::EffectTable& es, const ModelSpec& spec, const Want& want) {
  if (const std::string err = spec.validate(); !err.empty()) throw Error(err);
  const std::size_t n = es.k();
  if (es.vi.size() != n || (!es.included.empty() && es.included.size() != n) ||
      (!es.input.empty() && es.input.size() != n))
    throw Error("the effect table's columns differ in length (yi " + std::to_string(n) + ", vi " +
                std::to_string(es.vi.size()) + ")");
  Fit f;
  f.spec = spec;
  f.computed = want;
  f.measure = es.measure;
  f.effect_options = es.options;
  f.yi = es.yi;
  f.vi = es.vi;
  f.slab.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    f.slab.push_back(es.input.empty() ? std::to_string(i + 1) : es.input[i].study);
  f.included.assign(n, true);
  if (!es.included.empty()) f.included = es.included;
  return f;
}

std::string study_name(const Fit& f, std::size_t i) { return "study '" + f.slab[i] + "'"; }

// Fills the pooled-effect fields of a one-coefficient fit tested with z.
void set_z_coefficient(Fit& f, double beta, double se) {
  const Coefficients c = wald(Eigen::VectorXd::Constant(1, beta), Eigen::MatrixXd::Constant(1, 1, se * se), 1.0,
                              f.spec.level, std::nullopt);
  f.beta = {beta};
  f.se = c.se, f.zval = c.zval, f.pval = c.pval, f.ci_lb = c.ci_lb, f.ci_ub = c.ci_ub;
}

void set_q(Fit& f, double Q, double df) {
  f.Q = Q, f.Q_df = df;
  f.Q_p = df >= 1 ? stats::p_upper_chi2(Q, df) : 1.0;
  const I2H2 h = i2_from_q(Q, df);
  f.I2 = h.I2, f.H2 = h.H2;
}

// Common effect from 2x2 tables (rma.mh / rma.peto): z test only, Q with k.yi - 1 df.
Fit fit_counts(const effect::EffectTable& es, const ModelSpec& spec, const Want& want) {
  Fit f = describe(es, spec, want);
  const bool mh = spec.method == Method::MH;
  const CountPooling cp = mh ? mantel_haenszel(es) : peto(es);
  f.k = static_cast<int>(es.k());
  f.yi = cp.yi;
  f.vi = cp.vi;
  f.included.assign(es.k(), true);
  set_z_coefficient(f, cp.beta, cp.se);
  const double df = cp.k_yi - 1;
  const bool q_defined = mh ? cp.k_yi > 1 : cp.k_pos > 1 && df >= 1;
  if (q_defined) {
    set_q(f, cp.Q, df);
  } else {
    set_q(f, mh ? 0.0 : cp.Q, 0);
    f.Q_df = df > 0 ? df : 0;
    note(f, "fewer than two informative studies: no test for heterogeneity");
  }
  if (!want.weights) return f;
  double total = 0;
  for (double w : cp.weight) total += w;
  f.weights.reserve(es.k());
  for (double w : cp.weight) f.weights.push_back(100 * w / total);
  return f;
}

void check_rank(const Eigen::MatrixXd& X) {
  // metafor rejects a design whose X'X has an eigenvalue <= 1e-7 (its evtol).
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(X.transpose() * X, Eigen::EigenvaluesOnly);
  if (eig.eigenvalues().minCoeff() <= 1e-7) throw Error("the design matrix is not of full rank");
}

// The estimators' sums (regression.cpp) reach the cube of a weight w = 1/(vi + tau2) and
// w * (yi - mu)^2. Within these limits w lies in [5e-101, 1e100] (tau2 <= (2e50)^2), so w^3
// and every weighted square stay normal doubles with all their digits; beyond, they overflow
// to Inf or underflow (at vi = 4e-320, 1/vi is Inf; below vi ~ 1e-154, w^2 is), and the fit
// would end in an internal error or, worse, a wrong number (Q = 7.7e266 instead of 7.63).
constexpr double kMinVi = 1e-100, kMaxVi = 1e100, kMaxAbsYi = 1e50;

// The rows that enter an inverse-variance fit: included, with finite yi and vi within the
// limits above.
// Rows with a missing yi or vi are marked not included and counted in a note.
struct FitRows {
  std::vector<double> y, v;
  std::vector<Eigen::Index> index;  ///< table row of each fitted row
};

FitRows fit_rows(const effect::EffectTable& es, Fit& f) {
  FitRows r;
  int dropped = 0;
  for (std::size_t i = 0; i < es.k(); ++i) {
    if (!f.included[i]) continue;
    if (!std::isfinite(es.yi[i]) || !std::isfinite(es.vi[i])) {
      f.included[i] = false;
      ++dropped;
      continue;
    }
    if (!(es.vi[i] > 0))
      throw Error("sampling variances must be > 0; " + study_name(f, i) +
                  " has vi = " + core::format_shortest(es.vi[i]));
    if (es.vi[i] < kMinVi || es.vi[i] > kMaxVi)
      throw Error(study_name(f, i) + " has vi = " + core::format_shortest(es.vi[i]) +
                  "; sampling variances from 1e-100 to 1e100 can be pooled (beyond, sums of powers of "
                  "their weights overflow or lose their digits)");
    if (std::fabs(es.yi[i]) > kMaxAbsYi)
      throw Error(study_name(f, i) + " has yi = " + core::format_shortest(es.yi[i]) +
                  "; effects from -1e50 to 1e50 can be pooled (beyond, weighted sums of squares overflow)");
    r.y.push_back(es.yi[i]);
    r.v.push_back(es.vi[i]);
    r.index.push_back(static_cast<Eigen::Index>(i));
  }
  if (dropped > 0) note(f, std::to_string(dropped) + " studies with missing yi or vi left out");
  if (r.y.empty()) throw Error("no studies to pool (k = 0)");
  return r;
}

std::unique_ptr<Regression> regression_of(FitRows rows, const Eigen::MatrixXd* X, unsigned threads) {
  if (!X) return intercept_only(std::move(rows.y), std::move(rows.v), threads);
  Eigen::MatrixXd Xk(static_cast<Eigen::Index>(rows.index.size()), X->cols());
  for (Eigen::Index r = 0; r < Xk.rows(); ++r) Xk.row(r) = X->row(rows.index[static_cast<std::size_t>(r)]);
  check_rank(Xk);
  return with_design(std::move(rows.y), std::move(rows.v), std::move(Xk), threads);
}

// tau2: estimated, fixed, 0 for the common effect, and 0 at k = 1 (metafor's "k1").
double fit_tau2(Fit& f, const Regression& model, bool k1) {
  const ModelSpec& spec = f.spec;
  if (!spec.is_random_effects()) return 0;
  double tau2 = 0;
  f.tau2_fixed = spec.tau2_fixed.has_value();
  if (spec.tau2_fixed) {
    tau2 = *spec.tau2_fixed;
  } else if (k1) {
    note(f, "k = 1: tau2 cannot be estimated and is set to 0");
  } else {
    const tau2::Estimate est = tau2::estimator(spec.method)(model, spec.control);
    tau2 = est.tau2;
    f.se_tau2 = est.se_tau2;
    f.iterations = est.iterations;
    f.converged = est.converged;
    f.tau2_at_boundary = est.at_boundary;
    note(f, est.message);
  }
  f.tau2 = tau2;
  f.tau = std::sqrt(tau2);
  return tau2;
}

// Pooled effect, then the test as a separate step: z, or Hartung-Knapp's scaled Var(beta)
// with t(k - p) (and its ad hoc variants). Returns the pass at tau2 (for the weights).
WlsResult fit_coefficients(Fit& f, const Regression& model, double tau2, bool k1) {
  const ModelSpec& spec = f.spec;
  const bool re = spec.is_random_effects();
  const int k = f.k, p = f.p;
  if (k1 && spec.test == Test::KNHA) {
    f.spec.test = Test::Z;
    note(f, "k = 1: test z used instead of knha");
  }
  if (f.spec.test == Test::KNHA && !re) note(f, "Hartung-Knapp is not meant for a common-effect model");
  WlsResult fit_w = model.wls(Weights::inverse(tau2));
  double scale = 1;
  if (f.spec.test == Test::KNHA) {
    const double s2w = knha_s2w(fit_w.rss, k, p);
    bool narrower = false;
    if (spec.knha_adhoc == KnhaAdhoc::IQWiG) {
      const double dl_tau2 = tau2::dersimonian_laird(model, spec.control).tau2;
      const double dl_se = std::sqrt(model.wls(Weights::inverse(dl_tau2)).vb(0, 0));
      narrower = ci_halfwidth(std::sqrt(s2w * fit_w.vb(0, 0)), spec.level, k - p) <
                 ci_halfwidth(dl_se, spec.level, std::nullopt);
    }
    const KnhaScale ks = knha_adhoc(s2w, spec.knha_adhoc, narrower);
    scale = ks.s2w;
    f.knha_adhoc_applied = scale != s2w;
    note(f, ks.message);
    f.df = k - p;
    // Ref: Jackson et al. (2017), Stat Med 36:3923, hybrid method 2 (R meta adhoc.hakn.ci =
    // "ci"): when the z interval of the same fit is wider, it is reported with its z test.
    if (spec.knha_adhoc == KnhaAdhoc::Ci && p > 1)
      note(f, "adhoc ci compares the two intervals of one pooled effect; with moderators plain Hartung-Knapp "
              "is used");
    if (spec.knha_adhoc == KnhaAdhoc::Ci && p == 1 &&
        ci_halfwidth(std::sqrt(scale * fit_w.vb(0, 0)), spec.level, k - p) <
            ci_halfwidth(std::sqrt(fit_w.vb(0, 0)), spec.level, std::nullopt)) {
      scale = 1;
      f.df.reset();
      f.knha_adhoc_applied = true;
      note(f, "Hartung-Knapp CI was narrower than the z CI of the same fit; the z CI and test are used "
              "(ad hoc ci)");
    }
    if (scale == 0)
      note(f, "Hartung-Knapp: the weighted residuals are all 0, so s2w = 0 and the standard error is 0 "
              "(as metafor); consider adhoc");
    f.s2w = scale;
  }
  const Coefficients c = wald(fit_w.beta, fit_w.vb, scale, spec.level, f.df);
  f.beta.assign(fit_w.beta.data(), fit_w.beta.data() + fit_w.beta.size());
  f.se = c.se, f.zval = c.zval, f.pval = c.pval, f.ci_lb = c.ci_lb, f.ci_ub = c.ci_ub;
  return fit_w;
}

void set_tau2_ci(Fit& f, const Tau2Interval& ci) {
  f.tau2_ci_lb = ci.lb, f.tau2_ci_ub = ci.ub, f.tau2_ci_null = ci.null_set;
  f.tau_ci_lb = std::sqrt(ci.lb), f.tau_ci_ub = std::sqrt(ci.ub);
  note(f, ci.message);
}

// Heterogeneity: Q, I2 and H2 (from tau2 or from Q), and the Q-profile CI for tau2 when wanted.
void fit_heterogeneity(Fit& f, const Regression& model, double tau2, const Want& want) {
  const ModelSpec& spec = f.spec;
  const bool re = spec.is_random_effects();
  const QTest q = cochran_q(model);
  const bool q_defined = f.k > f.p;
  if (q_defined) {
    set_q(f, q.Q, q.df);
  } else {
    set_q(f, 0, 0);
  }
  if (!re || !q_defined) return;
  const bool ci_wanted = want.tau2_ci && !f.tau2_fixed;
  if (spec.i2_def == I2Def::Tau2) {
    const double vt = typical_variance(model);
    const I2H2 h = i2_from_tau2(tau2, vt);
    f.I2 = h.I2, f.H2 = h.H2;
    if (!ci_wanted) return;
    if (const auto ci = q_profile_ci(model, spec.level, tau2, spec.control.root_tol)) {
      set_tau2_ci(f, *ci);
      const I2H2 lo = i2_from_tau2(ci->lb, vt), hi = i2_from_tau2(ci->ub, vt);
      f.I2_ci_lb = lo.I2, f.I2_ci_ub = hi.I2, f.H2_ci_lb = lo.H2, f.H2_ci_ub = hi.H2;
    } else {
      note(f, "no Q-profile CI for tau2: the root search failed");
    }
  } else if (ci_wanted) {
    // I2 from Q: the tau2 CI is still given; I2/H2 CIs from it would mix definitions.
    if (const auto ci = q_profile_ci(model, spec.level, tau2, spec.control.root_tol)) set_tau2_ci(f, *ci);
    note(f, "I2 from Q: no CI for I2 and H2");
  }
}

// Prediction interval (intercept-only random-effects fits).
void fit_prediction(Fit& f, double tau2, bool k1, double se_unscaled) {
  if (!f.spec.is_random_effects()) return;
  if (k1) {
    note(f, "k = 1: no prediction interval");
    return;
  }
  if (f.p != 1) return;
  // Ref: Higgins, Thompson & Spiegelhalter (2009), eq. 12 (R meta method.predict = "HTS"): the
  // t intervals use the unscaled SE; metafor's default (PiDist::Z) the test's own SE.
  const double se = f.spec.pi_dist == PiDist::Z ? f.se[0] : se_unscaled;
  const PredictionInterval pi =
      prediction_interval(f.beta[0], se, tau2, f.k, f.p, f.spec.test, f.spec.pi_dist, f.spec.level);
  note(f, pi.message);
  if (!pi.shown) return;
  f.pi_lb = pi.lb, f.pi_ub = pi.ub, f.pi_df = pi.df;
}

// Weights in percent, in the regression's row order.
void fit_weights(Fit& f, const Regression& model, double tau2, double sum_w) {
  const std::vector<double>& v = model.vi();
  f.weights.resize(v.size());
  for (std::size_t r = 0; r < v.size(); ++r) f.weights[r] = 100 / (v[r] + tau2) / sum_w;
}

// Every step of an inverse-variance fit after the rows are chosen; f carries the spec.
void fit_steps(Fit& f, const Regression& model, const Want& want) {
  const ModelSpec& spec = f.spec;
  const int k = static_cast<int>(model.k()), p = model.p();
  f.k = k, f.p = p;
  const bool free_tau2 = spec.is_random_effects() && !spec.tau2_fixed;
  const bool k1 = k == 1 && p == 1;
  if (!k1 && (free_tau2 ? p + 1 > k : p > k))
    throw Error(std::to_string(p + (free_tau2 ? 1 : 0)) + " parameters cannot be estimated from k = " +
                std::to_string(k) + " studies");
  const double tau2 = fit_tau2(f, model, k1);
  const WlsResult pass = fit_coefficients(f, model, tau2, k1);
  fit_heterogeneity(f, model, tau2, want);
  if (want.prediction) fit_prediction(f, tau2, k1, std::sqrt(pass.vb(0, 0)));
  if (want.weights) fit_weights(f, model, tau2, pass.sum_w);
}

Fit fit_inverse_variance(const effect::EffectTable& es, const Eigen::MatrixXd* X, const ModelSpec& spec,
                         const Want& want) {
  Fit f = describe(es, spec, want);
  const std::size_t n = es.k();
  if (X && static_cast<std::size_t>(X->rows()) != n)
    throw Error("the design matrix has " + std::to_string(X->rows()) + " rows for " + std::to_string(n) +
                " studies");
  FitRows rows = fit_rows(es, f);
  const std::vector<Eigen::Index> index = rows.index;
  const std::unique_ptr<Regression> model = regression_of(std::move(rows), X, spec.control.threads);
  fit_steps(f, *model, want);
  if (want.weights) {
    // Back to input order, 0 for rows left out.
    std::vector<double> by_row(n, 0.0);
    for (std::size_t r = 0; r < index.size(); ++r) by_row[static_cast<std::size_t>(index[r])] = f.weights[r];
    f.weights = std::move(by_row);
  }
  return f;
}

}  // namespace

Fit fit(const effect::EffectTable& es, const ModelSpec& spec, const Want& want) {
  if (spec.method == Method::MH || spec.method == Method::PETO) return fit_counts(es, spec, want);
  return fit_inverse_variance(es, nullptr, spec, want);
}

Fit fit(const effect::EffectTable& es, const Eigen::MatrixXd& X, const ModelSpec& spec, const Want& want) {
  if (spec.method == Method::MH || spec.method == Method::PETO)
    throw Error(std::string(to_string(spec.method)) + " takes no design matrix (it pools 2x2 tables)");
  return fit_inverse_variance(es, &X, spec, want);
}

Fit fit(const Regression& model, const ModelSpec& spec, const Want& want) {
  Fit f;
  f.spec = spec;
  f.computed = want;
  fit_steps(f, model, want);
  return f;
}

}  // namespace metareview::model
