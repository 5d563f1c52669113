#include "model/tau2/tau2.h"

#include <cmath>

namespace metareview::model::tau2 {

// Ref: Biggerstaff & Tweedie (1997), eq. 5: with weights 1/vi, Var(Q) = 2 (k - p) +
// 4 tau2 tr P + 2 tau2^2 tr PP, so an estimator (Q - c) / denom has SE sqrt(Var(Q)) / denom.
double q_moment_se(const WlsResult& r, double df, double tau2, double denom) {
  return std::sqrt(2 * df + 4 * tau2 * r.trP + 2 * tau2 * tau2 * r.trPP) / denom;
}

// Ref: DerSimonian & Laird (1986), eq. 8, in its meta-regression form (Raudenbush 2009,
// eq. 16.43): tau2 = (Q - (k - p)) / tr P with P from the weights 1/vi; SE as rma.uni.
Estimate dersimonian_laird(const Regression& model, const Control&) {
  const double df = static_cast<double>(model.k()) - model.p();
  const WlsResult r = model.wls(Weights::inverse(0), kWlsTraces);
  Estimate est = truncated((r.rss - df) / r.trP, "DL");
  est.se_tau2 = q_moment_se(r, df, est.tau2, r.trP);
  return est;
}

}  // namespace metareview::model::tau2
