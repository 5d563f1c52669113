#include "model/tau2/tau2.h"

namespace metareview::model::tau2 {

// Ref: Hunter & Schmidt (2004); Viechtbauer (2005), eq. 8: tau2 = (Q - k) / sum(1/vi).
Estimate hunter_schmidt(const Regression& model, const Control&) {
  const double k = static_cast<double>(model.k()), df = k - model.p();
  const WlsResult r = model.wls(Weights::inverse(0), kWlsTraces);
  Estimate est = truncated((r.rss - k) / r.sum_w, "HS");
  est.se_tau2 = q_moment_se(r, df, est.tau2, r.sum_w);
  return est;
}

}  // namespace metareview::model::tau2
