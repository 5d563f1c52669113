#include "model/inference.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/distributions.h"

namespace metareview::model {

double knha_s2w(double rss, double k, double p) {
  return rss <= std::numeric_limits<double>::epsilon() ? 0.0 : rss / (k - p);
}

KnhaScale knha_adhoc(double s2w, KnhaAdhoc adhoc, bool narrower_than_dl) {
  KnhaScale out{s2w, {}};
  const bool floor = adhoc == KnhaAdhoc::Floor || (adhoc == KnhaAdhoc::IQWiG && narrower_than_dl);
  if (floor && s2w < 1) {
    out.s2w = 1;
    out.message = adhoc == KnhaAdhoc::Floor
                      ? "Hartung-Knapp scaling factor floored at 1 (ad hoc)"
                      : "Hartung-Knapp CI was narrower than the DerSimonian-Laird z CI; scaling factor "
                        "floored at 1 (IQWiG)";
  }
  return out;
}

double ci_halfwidth(double se, double level_percent, std::optional<double> t_df) {
  return (t_df ? stats::t_crit(level_percent, *t_df) : stats::z_crit(level_percent)) * se;
}

Coefficients wald(const Eigen::VectorXd& beta, const Eigen::MatrixXd& vb, double scale, double level_percent,
                  std::optional<double> t_df) {
  Coefficients c;
  const double crit = t_df ? stats::t_crit(level_percent, *t_df) : stats::z_crit(level_percent);
  for (Eigen::Index j = 0; j < beta.size(); ++j) {
    const double se = std::sqrt(scale * vb(j, j));
    // se = 0 only when Hartung-Knapp's s2w is 0 (all residuals 0): metafor then reports an
    // infinite statistic and p = 0, and so does this (0/0 is reported as 0 with p = 1).
    const double z = se > 0 ? beta(j) / se
                     : beta(j) == 0 ? 0.0
                                    : std::copysign(std::numeric_limits<double>::infinity(), beta(j));
    c.se.push_back(se);
    c.zval.push_back(z);
    c.pval.push_back(t_df ? stats::p_two_sided_t(z, *t_df) : stats::p_two_sided_z(z));
    c.ci_lb.push_back(beta(j) - crit * se);
    c.ci_ub.push_back(beta(j) + crit * se);
  }
  return c;
}

}  // namespace metareview::model
