#include "model/tau2/tau2.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "model/roots.h"

namespace metareview::model::tau2 {

// Ref: Paule & Mandel (1982); DerSimonian & Kacker (2007), eq. 6: tau2 solves the
// generalised Q(tau2) = sum (yi - mu(tau2))^2 / (vi + tau2) = k - p. Q is decreasing in tau2,
// so the root is bracketed and solved to full precision (metafor uses uniroot on
// [0, tau2.max]); when Q(0) < k - p the estimate is 0. SE as rma.uni (the EB/PM formula).
Estimate generalised_q_root(const Regression& model, const Control& control, const char* name) {
  const double df = static_cast<double>(model.k()) - model.p();
  const auto excess = [&](double t) { return model.wls(Weights::inverse(t)).rss - df; };
  Estimate est;
  const auto root = solve_decreasing(excess, 0.0, 100.0, control.root_tol);
  // metafor stops here too; a tau2 of 0 in its place would be a number nobody estimated.
  if (!root) throw Error(std::string(name) + ": no tau2 solves Q(tau2) = k - p, so there is no " + name + " estimate");
  est.tau2 = root->x;
  est.iterations = root->evaluations;
  est.at_boundary = root->x == 0.0;
  if (est.at_boundary) est.message = std::string(name) + ": Q(0) < k - p, so tau2 is 0";
  est.se_tau2 = eb_pm_se(model, est.tau2);
  return est;
}

Estimate paule_mandel(const Regression& model, const Control& control) {
  return generalised_q_root(model, control, "PM");
}

}  // namespace metareview::model::tau2
