// Log hazard ratios from CIs at any level and from log-rank statistics: hand calculations.
#include <catch2/catch.hpp>

#include <cmath>

#include "core/error.h"
#include "effect/escalc.h"
#include "effect/hazard.h"
#include "../../support/tolerance.h"

namespace effect = metareview::effect;
using metareview::test::kHandRelative;

namespace {
Approx hand(double x) { return Approx(x).epsilon(kHandRelative).margin(1e-15); }
}  // namespace

TEST_CASE("an HR's CI at 99 or 90 percent uses that level's critical value", "[effect]") {
  // IKEMA PFS 0.53 (99% CI 0.32-0.89): SE = (log 0.89 - log 0.32) / (2 * 2.5758293035489004)
  // = 1.0229004669 / 5.1516586071 = 0.19855750, vi = SE^2 = 0.03942508.
  const auto ikema = effect::hr_from_ci(0.53, 0.32, 0.89, 99);
  const double se99 = (std::log(0.89) - std::log(0.32)) / (2 * 2.5758293035489004);
  CHECK(ikema.yi == hand(std::log(0.53)));
  CHECK(ikema.vi == Approx(se99 * se99).epsilon(1e-14));
  CHECK(std::sqrt(ikema.vi) == Approx(0.19855750).epsilon(1e-7));
  // MUKfive OR 2.72 (90% CI 1.62-4.55): z_0.95 = 1.6448536269514722.
  const double se90 = (std::log(4.55) - std::log(1.62)) / (2 * 1.6448536269514722);
  CHECK(effect::hr_from_ci(2.72, 1.62, 4.55, 90).vi == Approx(se90 * se90).epsilon(1e-14));
  // Read as a 95% CI, the same interval gives SE = 1.0229005 / 3.9199280 = 0.2609488: the
  // level matters (vi 0.0680943 instead of 0.0394251).
  CHECK(effect::hr_from_ci(0.53, 0.32, 0.89, 95).vi == Approx(0.0680942719).epsilon(1e-8));
}

TEST_CASE("log-rank O - E and V, and V from events (Tierney 2007)", "[effect]") {
  // O - E = -12.5, V = 40.2: yi = -12.5 / 40.2, vi = 1 / 40.2.
  const auto e = effect::hr_from_logrank(-12.5, 40.2);
  CHECK(e.yi == hand(-12.5 / 40.2));
  CHECK(e.vi == hand(1 / 40.2));
  // 1:1, 100 events: V = 100/4 = 25; chi2 = 7.345: |O - E| = sqrt(7.345 * 25) = 13.5508302,
  // yi = -13.5508302 / 25 = -0.5420332 (= -sqrt(7.345 / 25)), vi = 0.04.
  const auto lr = effect::logrank_from_chi2(7.345, 100, effect::Direction::HrBelow1);
  CHECK(lr.v == 25);
  CHECK(lr.o_minus_e == hand(-std::sqrt(7.345 * 25)));
  // 2:1, 60 events: V = 60 * 2 / 9 = 13.333.
  CHECK(effect::logrank_variance_from_events(60, 2) == hand(120.0 / 9));
  // p = 1 means O - E = 0.
  CHECK(effect::logrank_from_p(1, 50, effect::Direction::HrAbove1).o_minus_e == 0);
  // escalc takes the log-rank route when no CI is given.
  effect::StudyInput row;
  row.study = "logrank";
  row.o_minus_e = lr.o_minus_e;
  row.v = lr.v;
  const auto t = effect::escalc(metareview::core::Measure::HR, {row});
  CHECK(t.yi[0] == hand(-std::sqrt(7.345 / 25)));
  CHECK(t.vi[0] == hand(0.04));
}

TEST_CASE("HR helpers name the function and the bad value", "[effect]") {
  using Catch::Matchers::Message;
  CHECK_THROWS_MATCHES(effect::hr_from_ci(0, 0.5, 0.9), metareview::Error,
                       Message("hr_from_ci(hr, ci_lb, ci_ub, level): hr must be > 0, got 0"));
  CHECK_THROWS_MATCHES(effect::hr_from_ci(0.7, 0.5, 0.9, 100), metareview::Error,
                       Message("log_se_from_ci(ci_lb, ci_ub, level): level must be in (0, 100), got 100"));
  CHECK_THROWS_MATCHES(effect::hr_from_logrank(1, 0), metareview::Error,
                       Message("hr_from_logrank(o_minus_e, v): v must be > 0, got 0"));
  CHECK_THROWS_MATCHES(effect::logrank_from_p(0, 10, effect::Direction::HrBelow1), metareview::Error,
                       Message("logrank_from_p(p, events, direction): p must be in (0, 1], got 0"));
  CHECK_THROWS_MATCHES(effect::logrank_from_chi2(3, 0, effect::Direction::HrBelow1), metareview::Error,
                       Message("logrank_variance_from_events(events, allocation_ratio): events must be > 0, got 0"));
}
