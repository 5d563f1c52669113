#include "model/tau2/tau2.h"

#include <cmath>

namespace metareview::model::tau2 {

// Ref: Hedges (1983); Raudenbush (2009), eq. 16.47: the unweighted method of moments,
// tau2 = (RSS_OLS - tr(P V)) / (k - p) with P the ordinary least-squares residual maker.
double hedges_raw(const Regression& model) {
  const double df = static_cast<double>(model.k()) - model.p();
  const WlsResult r = model.wls(Weights::ones(), kWlsVTraces);
  return (r.rss - r.trPV) / df;
}

Estimate hedges(const Regression& model, const Control&) {
  const double df = static_cast<double>(model.k()) - model.p();
  const WlsResult r = model.wls(Weights::ones(), kWlsVTraces);
  Estimate est = truncated((r.rss - r.trPV) / df, "HE");
  const double t = est.tau2;
  est.se_tau2 = std::sqrt((2 * r.trPVPV + 4 * t * r.trPV + 2 * t * t * df) / (df * df));
  return est;
}

}  // namespace metareview::model::tau2
