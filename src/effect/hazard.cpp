#include "effect/hazard.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "core/format.h"
#include "effect/row_context.h"
#include "stats/distributions.h"
#include "stats/tests.h"

namespace metareview::effect {
namespace {

double signed_by(Direction direction, double magnitude) {
  return direction == Direction::HrBelow1 ? -magnitude : magnitude;
}

}  // namespace

LogHazardRatio hr_from_ci(double hr, double ci_lb, double ci_ub, double level_percent) {
  if (!(hr > 0 && std::isfinite(hr)))
    throw Error("hr_from_ci(hr, ci_lb, ci_ub, level): hr must be > 0, got " + core::format_shortest(hr));
  // Ref: Tierney et al. (2007), Trials 8:16, "from the CI": the SE from the CI's width on
  // the log scale, whatever its level.
  const double sei = stats::log_se_from_ci(ci_lb, ci_ub, level_percent);
  return {std::log(hr), sei * sei};
}

LogHazardRatio hr_from_logrank(double o_minus_e, double v) {
  if (!std::isfinite(o_minus_e))
    throw Error("hr_from_logrank(o_minus_e, v): o_minus_e must be finite, got " + core::format_shortest(o_minus_e));
  if (!(v > 0 && std::isfinite(v)))
    throw Error("hr_from_logrank(o_minus_e, v): v must be > 0, got " + core::format_shortest(v));
  // Ref: Tierney et al. (2007), Trials 8:16: the Peto one-step log HR (O - E) / V, var 1 / V.
  return {o_minus_e / v, 1 / v};
}

double logrank_variance_from_events(double events, double allocation_ratio) {
  const std::string fn = "logrank_variance_from_events(events, allocation_ratio)";
  if (!(events > 0 && std::isfinite(events)))
    throw Error(fn + ": events must be > 0, got " + core::format_shortest(events));
  if (!(allocation_ratio > 0 && std::isfinite(allocation_ratio)))
    throw Error(fn + ": allocation_ratio must be > 0, got " + core::format_shortest(allocation_ratio));
  // Ref: Tierney et al. (2007), Trials 8:16: V = E R_exp R_ctl / (R_exp + R_ctl)^2.
  return events * allocation_ratio / ((1 + allocation_ratio) * (1 + allocation_ratio));
}

LogRank logrank_from_chi2(double chi2, double events, Direction direction, double allocation_ratio) {
  if (!(chi2 >= 0 && std::isfinite(chi2)))
    throw Error("logrank_from_chi2(chi2, events, direction): chi2 must be >= 0, got " + core::format_shortest(chi2));
  const double v = logrank_variance_from_events(events, allocation_ratio);
  // Ref: Tierney et al. (2007): chi2 = (O - E)^2 / V.
  return {signed_by(direction, std::sqrt(chi2 * v)), v};
}

LogRank logrank_from_p(double p, double events, Direction direction, double allocation_ratio) {
  if (!(p > 0 && p <= 1))
    throw Error("logrank_from_p(p, events, direction): p must be in (0, 1], got " + core::format_shortest(p));
  const double z = stats::boost_checked("logrank_from_p(p, events, direction)", "p = " + core::format_shortest(p),
                                        [&] { return quantile(complement(stats::Normal(0.0, 1.0), p / 2)); });
  return logrank_from_chi2(z * z, events, direction, allocation_ratio);
}

void escalc_hazard(EffectTable& table) {
  for (std::size_t i = 0; i < table.k(); ++i) {
    const StudyInput& r = table.input[i];
    const bool ci_route = !std::isnan(r.hr) || !std::isnan(r.hr_ci_lb) || !std::isnan(r.hr_ci_ub);
    const bool logrank_route = !std::isnan(r.o_minus_e) || !std::isnan(r.v);
    std::string missing;
    if (ci_route)
      missing = missing_fields({{"hr", r.hr}, {"hr_ci_lb", r.hr_ci_lb}, {"hr_ci_ub", r.hr_ci_ub}});
    else if (logrank_route)
      missing = missing_fields({{"o_minus_e", r.o_minus_e}, {"v", r.v}});
    else
      missing = "hr, hr_ci_lb, hr_ci_ub (or o_minus_e, v)";
    if (!missing.empty()) {
      exclude(table, i, "not computed: " + missing + " missing");
      continue;
    }
    LogHazardRatio e;
    try {
      e = ci_route ? hr_from_ci(r.hr, r.hr_ci_lb, r.hr_ci_ub, r.hr_level) : hr_from_logrank(r.o_minus_e, r.v);
    } catch (const Error& err) {
      fail(core::Measure::HR, r, err.what());
    }
    store(table, i, e.yi, e.vi, "not estimable: yi or vi is not finite");
  }
}

}  // namespace metareview::effect
