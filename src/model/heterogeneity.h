#pragma once
// Heterogeneity statistics of an inverse-variance fit: Cochran's Q, I2, H2 and the
// Q-profile confidence interval for tau2 (metafor's rma.uni and confint.rma.uni).
#include <optional>
#include <string>

#include "model/regression.h"

namespace metareview::model {

struct QTest {
  double Q = 0, df = 0, p = 1;
};

/// Cochran's Q of the residuals with weights 1/vi, df = k - p (Q = 0, p = 1 when k <= p).
/// Ref: Cochran (1954); metafor rma.uni (QE, QEp).
QTest cochran_q(const Regression& model);

struct I2H2 {
  double I2 = 0;  ///< percent
  double H2 = 1;
};

/// From Q: I2 = max(0, (Q - df)/Q), H2 = Q/df. Ref: Higgins & Thompson (2002), eqs. 6 and 9.
I2H2 i2_from_q(double Q, double df);
/// From tau2: I2 = tau2 / (vt + tau2), H2 = tau2/vt + 1 with the typical within-study
/// variance vt. Ref: Higgins & Thompson (2002), eq. 9; metafor rma.uni (i2def "1").
I2H2 i2_from_tau2(double tau2, double vt);
/// vt = (k - p) / tr P with P from the weights 1/vi. Ref: Higgins & Thompson (2002), eq. 9.
double typical_variance(const Regression& model);

struct Tau2Interval {
  double lb = 0, ub = 0;
  bool null_set = false;  ///< both bounds fall below 0 (metafor prints "<0")
  std::string message;    ///< how a bound was found when not by a plain root ("" otherwise)
};

/// Q-profile CI for tau2: the tau2 values where the generalised Q(tau2) equals the chi2(k-p)
/// quantiles; a bound whose equation has no positive root is 0. The two bounds are two
/// independent root searches and run concurrently for large k.
/// Ref: Viechtbauer (2007), eq. 11; metafor confint.rma.uni (type "QP").
std::optional<Tau2Interval> q_profile_ci(const Regression& model, double level_percent, double tau2,
                                         double root_tol);

}  // namespace metareview::model
