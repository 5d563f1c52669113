#pragma once
// Tests and confidence intervals for the coefficients, as a step after the fit: Wald z, or
// Hartung-Knapp, which scales Var(beta) by s2w and uses t(k - p) with every tau2 estimator.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "model/spec.h"

namespace metareview::model {

/// metafor's s2w: the weighted residual sum of squares over k - p (0 when it is 0 up to
/// rounding). Ref: Hartung & Knapp (2001), eq. 7; Sidik & Jonkman (2002), eq. 5.
double knha_s2w(double rss, double k, double p);

struct KnhaScale {
  double s2w = 1;
  std::string message;  ///< what the ad hoc rule did ("" when nothing)
};

/// Applies an ad hoc variant to s2w. `narrower_than_dl` is whether the unmodified
/// Hartung-Knapp CI is narrower than the DerSimonian-Laird z CI (used by IQWiG only).
/// Ref: Knapp & Hartung (2003) (floor at 1, metafor test = "adhoc"); IQWiG General Methods
/// 6.1, sec. 10.3.2 (floor only when the HK CI is narrower, meta's adhoc.hakn.ci = "IQWiG6").
KnhaScale knha_adhoc(double s2w, KnhaAdhoc adhoc, bool narrower_than_dl);

struct Coefficients {
  std::vector<double> se, zval, pval, ci_lb, ci_ub;
};

/// Wald tests of beta with Var(beta) = scale * vb: z when t_df is empty, else t(t_df).
/// Ref: metafor rma.uni (Tests of the fixed effects).
Coefficients wald(const Eigen::VectorXd& beta, const Eigen::MatrixXd& vb, double scale, double level_percent,
                  std::optional<double> t_df);

/// Half-width of a CI: crit * se with z (no df) or t(df).
double ci_halfwidth(double se, double level_percent, std::optional<double> t_df);

}  // namespace metareview::model
