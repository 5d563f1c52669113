#pragma once
// Log hazard ratios from what trial reports print: an HR with its CI at any level, or the
// log-rank statistics (Tierney et al. 2007, Trials 8:16).
#include "effect/effect_table.h"

namespace metareview::effect {

/// An effect on the analysis scale: yi = log HR and its sampling variance vi.
struct LogHazardRatio {
  double yi = 0;
  double vi = 0;
};

/// Log-rank observed minus expected events in the experimental arm, and its variance.
struct LogRank {
  double o_minus_e = 0;
  double v = 0;
};

/// Which way the reported effect goes; a chi-squared statistic or a p-value has no sign.
enum class Direction {
  HrBelow1,  ///< fewer events than expected on the experimental arm (O - E < 0)
  HrAbove1,  ///< more events than expected on the experimental arm (O - E > 0)
};

/// yi = log(hr), vi = SE^2 with SE = (log ci_ub - log ci_lb) / (2 z), z the two-sided
/// critical value of N(0, 1) at `level_percent` (2.5758 for 99, 2.0047 for 95.4).
/// Throws metareview::Error unless hr > 0, 0 < ci_lb < ci_ub and 0 < level < 100
/// (stats::log_se_from_ci).
LogHazardRatio hr_from_ci(double hr, double ci_lb, double ci_ub, double level_percent = 95.0);

/// yi = (O - E) / V, vi = 1 / V (Tierney 2007). Throws metareview::Error unless V > 0.
LogHazardRatio hr_from_logrank(double o_minus_e, double v);

/// The log-rank variance from the total number of events: V = E r / (1 + r)^2, with r the
/// allocation ratio experimental:control (V = E / 4 for 1:1; Tierney 2007).
double logrank_variance_from_events(double events, double allocation_ratio = 1.0);

/// O - E and V from a log-rank chi-squared statistic (1 df) and the total number of events:
/// V from the events, |O - E| = sqrt(chi2 V), the sign from `direction` (Tierney 2007).
LogRank logrank_from_chi2(double chi2, double events, Direction direction, double allocation_ratio = 1.0);

/// As logrank_from_chi2() with chi2 = z^2, z the N(0, 1) quantile of a two-sided log-rank p.
LogRank logrank_from_p(double p, double events, Direction direction, double allocation_ratio = 1.0);

/// HR rows of escalc(): the CI route when hr, hr_ci_lb or hr_ci_ub is set, otherwise the
/// log-rank route (o_minus_e, v). `table` comes from escalc() with its vectors sized.
void escalc_hazard(EffectTable& table);

}  // namespace metareview::effect
