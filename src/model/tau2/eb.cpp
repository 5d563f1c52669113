#include <cmath>

#include "model/tau2/fisher_scoring.h"

namespace metareview::model::tau2 {
namespace {
// Ref: Morris (1983); Berkey et al. (1995), eq. 6: empirical Bayes step
// (Q(tau2) k/(k-p) - k) / sum w, as metafor's rma.uni.
double eb_step(const WlsResult& r, double k, double p) { return (r.rss * k / (k - p) - k) / r.sum_w; }
}  // namespace

// SE as rma.uni gives it for EB and PM: sqrt(2 k^2 / (k - p)) / sum w at tau2.
double eb_pm_se(const Regression& model, double tau2) {
  const double k = static_cast<double>(model.k()), sw = model.wls(Weights::inverse(tau2)).sum_w;
  return std::sqrt(2 * k * k / (k - model.p())) / sw;
}

Estimate empirical_bayes(const Regression& model, const Control& control) {
  Estimate est = fisher_scoring(model, control, "EB", &eb_step, nullptr);
  est.se_tau2 = eb_pm_se(model, est.tau2);
  return est;
}

}  // namespace metareview::model::tau2
