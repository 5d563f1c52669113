#include <cmath>
#include <numbers>

#include "model/tau2/fisher_scoring.h"

namespace metareview::model::tau2 {
namespace {
// Ref: Viechtbauer (2005), eq. 14: REML scoring step (y'PPy - tr P) / tr PP.
double reml_step(const WlsResult& r, double, double) { return (r.yPPy - r.trP) / r.trPP; }
// Restricted log-likelihood without its constant in tau2 (metafor's ll.REML, REMLf aside).
double reml_loglik(const WlsResult& r, double k, double p) {
  return -0.5 * (k - p) * std::log(2 * std::numbers::pi) + 0.5 * r.sum_log_w - 0.5 * r.log_det_xwx - 0.5 * r.rss;
}
}  // namespace

Estimate restricted_ml(const Regression& model, const Control& control) {
  Estimate est = fisher_scoring(model, control, "REML", &reml_step, &reml_loglik);
  // Ref: Viechtbauer (2005), eq. 15: SE from the inverse REML information, sqrt(2 / tr PP).
  est.se_tau2 = std::sqrt(2 / model.wls(Weights::inverse(est.tau2), kWlsTraces).trPP);
  return est;
}

}  // namespace metareview::model::tau2
