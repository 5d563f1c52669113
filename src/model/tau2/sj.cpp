#include "model/tau2/tau2.h"

#include <cmath>

namespace metareview::model::tau2 {

// Ref: Sidik & Jonkman (2005), eq. 7 (and 2007 for meta-regression): start from the raw
// variance of yi, tau2_0 = sum (yi - mean y)^2 / k, then tau2 = tau2_0 * Q(tau2_0) / (k - p),
// where Q(tau2_0) uses the weights 1/(vi + tau2_0). Never negative. SE as rma.uni.
Estimate sidik_jonkman(const Regression& model, const Control& control) {
  const double df = static_cast<double>(model.k()) - model.p();
  const double t0 = control.tau2_init.value_or(model.mean_sq_dev());
  const WlsResult r = model.wls(Weights::inverse(t0), kWlsTraces | kWlsVTraces);
  Estimate est;
  est.tau2 = t0 * r.rss / df;
  const double t = est.tau2;
  est.se_tau2 =
      std::sqrt(t0 * t0 / (df * df) * (2 * r.trPVPV + 4 * t * r.sumPVP + 2 * t * t * r.trPP));
  return est;
}

}  // namespace metareview::model::tau2
