#include "model/tau2/fisher_scoring.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"

namespace metareview::model::tau2 {

// Ref: metafor rma.uni (Fisher scoring section); Viechtbauer (2005), eqs. 12-14.
Estimate fisher_scoring(const Regression& model, const Control& control, const char* name, ScoringStep step,
                        LogLik loglik) {
  const double k = static_cast<double>(model.k()), p = model.p();
  Estimate est;
  double tau2 = control.tau2_init ? *control.tau2_init : std::max(0.0, hedges_raw(model));
  double change = control.threshold + 1;
  bool halved = false;
  while (change > control.threshold) {
    ++est.iterations;
    const double old = tau2;
    const WlsResult r = model.wls(Weights::inverse(tau2), kWlsTraces);
    double adj = step(r, k, p) * control.stepadj;
    if (!std::isfinite(adj)) adj = 0;
    halved = false;
    while (tau2 + adj < 0) {
      adj /= 2;
      halved = true;
    }
    tau2 += adj;
    change = std::fabs(old - tau2);
    // metafor stops with an error here; the last iterate is no estimate (issue 16: it was
    // reported as one, and moved tau2 by up to 163%).
    if (est.iterations > control.maxiter)
      throw Error(std::string(name) + ": the tau2 iteration (Fisher scoring) did not converge in " +
                  std::to_string(control.maxiter) + (control.maxiter == 1 ? " step" : " steps") + ", so there is no " + name +
                  " estimate (metafor stops here too); use another tau2 estimator, such as PM");
  }
  est.tau2 = tau2;
  est.at_boundary = halved;
  if (halved) est.message = std::string(name) + ": the maximum is on the boundary; tau2 converged towards 0";
  if (loglik && tau2 > control.threshold) {
    const double ll0 = loglik(model.wls(Weights::inverse(0), kWlsLogLik), k, p);
    const double ll = loglik(model.wls(Weights::inverse(tau2), kWlsLogLik), k, p);
    if (ll0 - ll > control.ll0_tol) {
      est.tau2 = 0;
      est.at_boundary = true;
      est.message = std::string(name) +
                    ": Fisher scoring stopped at a local maximum below the likelihood at tau2 = 0; "
                    "tau2 set to 0 (metafor's ll0check)";
    }
  }
  return est;
}

}  // namespace metareview::model::tau2
