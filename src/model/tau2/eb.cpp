#include "model/tau2/tau2.h"

#include <cmath>

namespace metareview::model::tau2 {

// SE as rma.uni gives it for EB and PM: sqrt(2 k^2 / (k - p)) / sum w at tau2.
double eb_pm_se(const Regression& model, double tau2) {
  const double k = static_cast<double>(model.k()), sw = model.wls(Weights::inverse(tau2)).sum_w;
  return std::sqrt(2 * k * k / (k - model.p())) / sw;
}

// Ref: Morris (1983); Berkey et al. (1995), eq. 6. metafor iterates the empirical Bayes step
// (Q(tau2) k/(k-p) - k) / sum w, whose fixed point is Q(tau2) = k - p: the Paule-Mandel
// equation (Viechtbauer et al. 2015, sec. 2.3). The iteration can oscillate without end
// (metafor then stops with "Fisher scoring algorithm did not converge"), so the fixed point is
// found by PM's bracketed root search instead: the value metafor's EB reaches whenever it
// converges, and a value where it would not.
Estimate empirical_bayes(const Regression& model, const Control& control) {
  return generalised_q_root(model, control, "EB");
}

}  // namespace metareview::model::tau2
