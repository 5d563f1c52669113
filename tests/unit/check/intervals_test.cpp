// Confidence-interval checks on hand-built estimates, each worked out in its comment.
#include <catch2/catch.hpp>

#include "check/checks.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

std::vector<check::Finding> with_estimate(core::Estimate e, core::OutcomeKind kind = core::OutcomeKind::TimeToEvent) {
  core::Study s = two_arm_study("100", "100");
  core::Outcome o = outcome("x", kind);
  o.estimate = std::move(e);
  s.outcomes = {o};
  return check::check_study(s);
}

}  // namespace

TEST_CASE("ci-contains-estimate: the estimate lies inside its CI, bounds included", "[check]") {
  // 0.90 > 0.80 + 0.005 + 0.005: outside even if both were rounded the most favourable way.
  auto f = one(with_estimate(estimate("HR", "0.90", "0.50", "0.80")), "ci-contains-estimate", "x");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "HR 0.90 lies outside its CI (0.50–0.80)");
  // With one decimal, 0.9 and 0.8 may stand for 0.85 and 0.849...: not outside at that precision.
  CHECK(one(with_estimate(estimate("HR", "0.9", "0.5", "0.8")), "ci-contains-estimate", "x").severity ==
        check::Severity::Ok);
  // 0.5 at the bound: the true estimate and bound may differ within their rounding.
  f = one(with_estimate(estimate("HR", "0.5", "0.5", "0.8")), "ci-contains-estimate", "x");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "HR 0.5 lies inside its CI (0.5–0.8)");
  f = one(with_estimate(estimate("HR", "0.6", "0.8", "0.5")), "ci-contains-estimate", "x");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "HR CI (0.8–0.5) has its lower bound above its upper bound");
}

TEST_CASE("ci-log-symmetry: a ratio is the geometric midpoint of its Wald CI", "[check]") {
  // HR 0.63 (0.46-0.85): log CI half-width (ln 0.85 - ln 0.46)/2 = 0.30702, SE 0.15664 at 95%;
  // the midpoint exp((ln 0.46 + ln 0.85)/2) = sqrt(0.391) = 0.62530 rounds to 0.63.
  auto f = one(with_estimate(estimate("HR", "0.63", "0.46", "0.85")), "ci-log-symmetry", "x");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(*f.recomputed == Approx(0.6253).epsilon(1e-4));
  CHECK(f.message == "HR 0.63 is the geometric midpoint of its CI (0.46–0.85): √(0.46 × 0.85) = 0.6253");
  // A misprinted bound, HR 0.63 (0.26-0.85): midpoint sqrt(0.221) = 0.4701 (0.4642 = sqrt(0.255 x
  // 0.845) to 0.4760 = sqrt(0.265 x 0.855) within rounding). On the log scale the estimate's
  // interval [ln 0.625, ln 0.635] = [-0.4700, -0.4543] is 0.2724 above ln 0.4760 = -0.7424, 46%
  // of the half-width (ln 0.85 - ln 0.26)/2 = 0.5923: above 25%, a misprint.
  f = one(with_estimate(estimate("HR", "0.63", "0.26", "0.85")), "ci-log-symmetry", "x");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "HR 0.63 is not the geometric midpoint of its CI (0.26–0.85): √(0.26 × 0.85) = 0.4701 (0.4642 "
                     "to 0.4760 within the rounding of the bounds), so the CI is not symmetric on the log scale; the "
                     "estimate is off by 46% of the CI's log half-width (a misprint?)");
  // Rounded bounds: OR 2.72 (1.62-4.55) has midpoint 2.7150, which rounds to 2.71, but bounds up to
  // 1.625 and 4.555 give sqrt(1.625 x 4.555) = 2.7206: reached.
  f = one(with_estimate(estimate("OR", "2.72", "1.62", "4.55", 90), core::OutcomeKind::Binary), "ci-log-symmetry", "x");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "OR 2.72 is the geometric midpoint of its CI (1.62–4.55): √(1.62 × 4.55) = 2.7150; reached "
                     "within the rounding of the printed bounds (2.7093 to 2.7206)");
}

TEST_CASE("ci-symmetry: a difference is the midpoint of its CI, a percentage's CI is not checked", "[check]") {
  // RD 0.10 (0.02-0.18): (0.02 + 0.18)/2 = 0.10.
  auto f = one(with_estimate(estimate("RD", "0.10", "0.02", "0.18"), core::OutcomeKind::Binary), "ci-symmetry", "x");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "RD 0.10 is the midpoint of its CI (0.02–0.18): (0.02 + 0.18)/2 = 0.1000");
  // An exact binomial CI (32%, 21.7-43.6 for 31/97) is not symmetric and is not asked to be.
  const auto all = with_estimate(estimate("percent", "32", "21.7", "43.6"), core::OutcomeKind::Proportion);
  CHECK(only(all, "ci-symmetry").empty());
  CHECK(only(all, "ci-log-symmetry").empty());
}

TEST_CASE("ci-level: a CI other than 95% is a note with its 95% equivalent", "[check]") {
  // IKEMA: HR 0.53 (99% CI 0.32-0.89): SE = (ln 0.89 - ln 0.32) / (2 x 2.5758) = 1.02290 / 5.15166
  // = 0.19856; 95% CI exp(ln 0.53 -+ 1.95996 x 0.19856) = 0.3591 to 0.7822.
  auto f = one(with_estimate(estimate("HR", "0.53", "0.32", "0.89", 99)), "ci-level", "x");
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.reported == 99);
  CHECK(f.message == "HR 0.53 (99% CI 0.32–0.89): a 99% CI, not 95%: SE(log HR) = (ln 0.89 − ln 0.32)/(2 × 2.576) = "
                     "0.199, so the 95% CI is 0.36–0.78");
  f = one(with_estimate(estimate("HR", "0.53", "0.32", "0.89")), "ci-level", "x");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "95% CI");
}
