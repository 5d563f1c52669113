#include "model/metareg.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "model/heterogeneity.h"
#include "stats/distributions.h"

namespace metareview::model {

namespace {

// Var(beta) as the coefficients were tested: (X'WX)^-1 at the fit's tau2, times s2w.
Eigen::MatrixXd tested_vb(const Regression& model, const Fit& f) {
  return model.wls(Weights::inverse(f.tau2.value_or(0))).vb * f.s2w.value_or(1.0);
}

Omnibus omnibus_of(const Eigen::VectorXd& beta, const Eigen::MatrixXd& vb_all, const Fit& f) {
  const auto p = static_cast<int>(beta.size());
  const int first = p > 1 ? 1 : 0;  // every coefficient but the intercept
  const int m = p - first;
  const Eigen::VectorXd b = beta.tail(m);
  const Eigen::MatrixXd vb = vb_all.bottomRightCorner(m, m);
  Omnibus o;
  o.QM = b.dot(vb.ldlt().solve(b));
  o.QM_df1 = m;
  if (f.df) {
    // Ref: Knapp & Hartung (2003), sec. 3: QM / m against F(m, k - p).
    o.QM /= m;
    o.QM_df2 = *f.df;
    const double df2 = *f.df, qm = o.QM;
    o.QM_p = df2 > 0 ? stats::boost_checked("omnibus_test", "F = " + std::to_string(qm), [&] {
      return boost::math::cdf(boost::math::complement(stats::FisherF(m, df2), qm));
    })
                     : 1.0;
  } else {
    o.QM_p = stats::p_upper_chi2(o.QM, m);
  }
  return o;
}

Eigen::VectorXd beta_of(const Fit& f) { return Eigen::Map<const Eigen::VectorXd>(f.beta.data(), static_cast<Eigen::Index>(f.beta.size())); }

}  // namespace

Omnibus omnibus_test(const Regression& model, const Fit& f) { return omnibus_of(beta_of(f), tested_vb(model, f), f); }

Prediction predict(const MetaReg& m, const Eigen::RowVectorXd& x) {
  const Fit& f = m.fit;
  Prediction out;
  out.pred = x.dot(beta_of(f));
  out.se = std::sqrt((x * m.vb * x.transpose())(0, 0));
  const double crit = f.df ? stats::t_crit(f.spec.level, *f.df) : stats::z_crit(f.spec.level);
  out.ci_lb = out.pred - crit * out.se, out.ci_ub = out.pred + crit * out.se;
  if (f.spec.is_random_effects()) {
    const double half = crit * std::sqrt(out.se * out.se + f.tau2.value_or(0));
    out.pi_lb = out.pred - half, out.pi_ub = out.pred + half;
  }
  return out;
}

MetaReg meta_regression(const effect::EffectTable& es, const Design& design, const ModelSpec& spec,
                        const Want& want) {
  MetaReg out;
  out.fit = fit(es, design.X, spec, want);
  out.names = design.names;
  const Fit& f = out.fit;
  std::vector<double> y, v;
  Eigen::MatrixXd X(f.k, design.X.cols());
  for (std::size_t i = 0; i < f.included.size(); ++i) {
    if (!f.included[i]) continue;
    X.row(static_cast<Eigen::Index>(y.size())) = design.X.row(static_cast<Eigen::Index>(i));
    y.push_back(f.yi[i]);
    v.push_back(f.vi[i]);
  }
  const auto model = with_design(y, v, X, spec.control.threads);
  out.vb = tested_vb(*model, f);
  out.omnibus = omnibus_of(beta_of(f), out.vb, f);
  if (f.p < 2) return out;
  const auto base = intercept_only(std::move(y), std::move(v), spec.control.threads);
  if (spec.is_random_effects()) {
    if (f.tau2_fixed) return out;
    const Fit re = fit(*base, spec, Want::estimates());
    out.tau2_RE = re.tau2;
    const double t0 = re.tau2.value_or(0), t1 = f.tau2.value_or(0);
    out.R2 = t0 > 0 ? std::max(0.0, 100 * (t0 - t1) / t0) : 0.0;
  } else {
    // Adjusted R2 of the weighted least-squares regression: 1 - (QE/QE0) (k-1)/(k-p).
    // Ref: metafor rma.uni (R2 for a common-effect model).
    const double q0 = cochran_q(*base).Q;
    out.R2 = q0 > 0 && f.k > f.p ? std::max(0.0, 100 * (1 - (f.Q / q0) * (f.k - 1) / (f.k - f.p))) : 0.0;
  }
  return out;
}

}  // namespace metareview::model
