#include "model/heterogeneity.h"

#include <algorithm>
#include <future>

#include "core/format.h"
#include "model/chunked_sum.h"
#include "model/roots.h"
#include "stats/distributions.h"

namespace metareview::model {

QTest cochran_q(const Regression& model) {
  QTest q;
  const double df = static_cast<double>(model.k()) - model.p();
  if (df < 1) return q;
  q.df = df;
  q.Q = std::max(0.0, model.wls(Weights::inverse(0)).rss);
  q.p = stats::p_upper_chi2(q.Q, df);
  return q;
}

I2H2 i2_from_q(double Q, double df) {
  if (df < 1) return {};
  // max(0, .) as metafor; Q = 0 gives I2 = 0 rather than 0/0.
  return {Q > df ? 100 * (Q - df) / Q : 0.0, Q / df};
}

I2H2 i2_from_tau2(double tau2, double vt) { return {100 * tau2 / (vt + tau2), tau2 / vt + 1}; }

double typical_variance(const Regression& model) {
  const double df = static_cast<double>(model.k()) - model.p();
  return df / model.wls(Weights::inverse(0), kWlsTraces).trP;
}

std::optional<Tau2Interval> q_profile_ci(const Regression& model, double level_percent, double tau2,
                                         double root_tol) {
  const double df = static_cast<double>(model.k()) - model.p();
  if (df < 1) return std::nullopt;
  const double alpha = 1 - level_percent / 100;
  const stats::ChiSquared chi2(df);
  const std::string args = "level = " + core::format_shortest(level_percent) + ", df = " + core::format_shortest(df);
  // lower bound: Q(tau2) = crit_u; upper bound: Q(tau2) = crit_l
  const double crit_u = stats::boost_checked("q_profile_ci", args, [&] { return quantile(complement(chi2, alpha / 2)); });
  const double crit_l = stats::boost_checked("q_profile_ci", args, [&] { return quantile(chi2, alpha / 2); });
  const auto q_at = [&](double t) { return model.wls(Weights::inverse(t)).rss; };
  const double hi = std::max(100.0, 10 * tau2);  // metafor's starting tau2.max
  Tau2Interval ci;
  const double q0 = q_at(0);
  if (q0 < crit_l) {
    ci.null_set = true;
    ci.message = "both Q-profile bounds fall below 0; the CI for tau2 is the null set";
    return ci;
  }
  const auto bound = [&](double crit) -> std::optional<Root> {
    if (q0 < crit) return Root{};  // no positive root: the bound is 0
    return solve_decreasing([&](double t) { return q_at(t) - crit; }, 0.0, hi, root_tol);
  };
  const bool parallel = detail::worker_count(model.threads(), model.k()) > 1;
  auto lower = parallel ? std::async(std::launch::async, bound, crit_u) : std::async(std::launch::deferred, bound, crit_u);
  const auto ub = bound(crit_l);
  const auto lb = lower.get();
  if (!lb || !ub) return std::nullopt;
  ci.lb = lb->x;
  ci.ub = ub->x;
  if (ub->hi_extended)
    ci.message = "the upper Q-profile bound lies above metafor's search limit max(100, 10 tau2)";
  return ci;
}

}  // namespace metareview::model
