#include <cmath>
#include <numbers>

#include "model/tau2/fisher_scoring.h"

namespace metareview::model::tau2 {
namespace {
// Ref: Viechtbauer (2005), eq. 12: ML scoring step (y'PPy - sum w) / sum w^2.
double ml_step(const WlsResult& r, double, double) { return (r.yPPy - r.sum_w) / r.sum_w2; }
// Log-likelihood (metafor's ll.ML).
double ml_loglik(const WlsResult& r, double k, double) {
  return -0.5 * k * std::log(2 * std::numbers::pi) + 0.5 * r.sum_log_w - 0.5 * r.rss;
}
}  // namespace

Estimate maximum_likelihood(const Regression& model, const Control& control) {
  Estimate est = fisher_scoring(model, control, "ML", &ml_step, &ml_loglik);
  // Ref: Viechtbauer (2005), eq. 13: SE sqrt(2 / sum w^2).
  est.se_tau2 = std::sqrt(2 / model.wls(Weights::inverse(est.tau2), kWlsTraces).sum_w2);
  return est;
}

}  // namespace metareview::model::tau2
