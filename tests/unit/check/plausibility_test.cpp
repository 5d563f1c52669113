// Precision a study's size allows (se-plausibility, min_plausible_se) and SDs and means a
// printed range allows (sd-range, mean-range), each worked out in its comment.
#include <catch2/catch.hpp>

#include <cmath>

#include "check/checks.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

core::Outcome hr_outcome(std::string_view hr, std::string_view lb, std::string_view ub, std::string_view events_e = "",
                         std::string_view events_c = "") {
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.estimate = estimate("HR", hr, lb, ub);
  if (!events_e.empty()) o.arms = {time_arm("e", "", events_e), time_arm("c", "", events_c)};
  return o;
}

check::Finding se_finding(core::Study s, core::Outcome o) {
  s.outcomes = {o};
  return one(check::check_study(s), "se-plausibility", o.id);
}

}  // namespace

TEST_CASE("se-plausibility, HR: SE(log HR) >= 2/sqrt(events), or 2/sqrt(patients)", "[check]") {
  // ASPIRE PFS: HR 0.69 (0.57-0.83) with 207 + 224 = 431 events. SE = (ln 0.83 - ln 0.57) /
  // 3.919928 = 0.375795 / 3.919928 = 0.095868 (4/SE^2 = 435 events), just below 2/sqrt(431) =
  // 0.096337; the widest CI that rounds to the printed one, 0.565-0.835, gives SE 0.099646: ok.
  const auto study = two_arm_study("396", "396");
  auto f = se_finding(study, hr_outcome("0.69", "0.57", "0.83", "207", "224"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(*f.recomputed == Approx(2 / std::sqrt(431.0)).epsilon(1e-12));
  CHECK(f.message == "HR 0.69 (0.57–0.83) implies SE 0.096 (≈ 435 events); the minimum SE with 431 events is 0.096, "
                     "reached only within the rounding of the CI (SE up to 0.100)");
  // The same CI with only 40 + 40 events: 2/sqrt(80) = 0.2236.
  f = se_finding(study, hr_outcome("0.69", "0.57", "0.83", "40", "40"));
  CHECK(f.severity == check::Severity::Implausible);
  CHECK(f.message == "HR 0.69 (0.57–0.83) implies SE 0.096 (≈ 435 events), but only 80 events were observed: "
                     "minimum SE 0.224");
  // Without events, the 792 patients: 2/sqrt(792) = 0.0711.
  f = se_finding(study, hr_outcome("0.69", "0.57", "0.83"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "HR 0.69 (0.57–0.83) implies SE 0.096 (≈ 435 events); the minimum SE with 792 patients "
                     "analysed is 0.071");
}

TEST_CASE("min_plausible_se: subgroup sizes first, then arm sizes, OR and RR bounds", "[check]") {
  core::Study s = two_arm_study("464", "465");
  // ENDEAVOR CrCl 15-<50 subgroup: arm n 85 and 99 printed for the outcome: 2/sqrt(184) = 0.147442.
  core::Outcome sub = hr_outcome("0.49", "0.320", "0.757");
  sub.subgroup = "CrCl 15 to <50 mL/min";
  sub.arms = {time_arm("e", "85"), time_arm("c", "99")};
  CHECK(*check::min_plausible_se(s, sub) == Approx(2 / std::sqrt(184.0)).epsilon(1e-12));
  // The whole trial: 2/sqrt(929).
  CHECK(*check::min_plausible_se(s, hr_outcome("0.53", "0.44", "0.65")) == Approx(2 / std::sqrt(929.0)).epsilon(1e-12));
  // OR with arms 201 and 99 (MUKfive): 2 sqrt(1/201 + 1/99) = 2 x 0.122781 = 0.245562.
  core::Study muk = two_arm_study("201", "99");
  core::Outcome orr = outcome("orr", core::OutcomeKind::Binary);
  orr.estimate = estimate("OR", "2.72", "1.62", "4.55", 90);
  CHECK(*check::min_plausible_se(muk, orr) == Approx(2 * std::sqrt(1 / 201.0 + 1 / 99.0)).epsilon(1e-12));
  // RR 0.5 with arms 100 and 100: the smallest Katz variance has the control proportion at 1,
  // (1 - 0.5)/(100 x 0.5) = 0.01, SE 0.1.
  orr.estimate = estimate("RR", "0.5", "0.4", "0.625");
  CHECK(*check::min_plausible_se(s = two_arm_study("100", "100"), orr) == Approx(0.1).epsilon(1e-12));
  // An IRR (a rate from an adjusted model) has no bound from arm sizes.
  orr.estimate = estimate("IRR", "1.45", "1.18", "1.78");
  CHECK_FALSE(check::min_plausible_se(s, orr));
  // Nothing to bound a trial with unknown arm sizes by.
  CHECK_FALSE(check::min_plausible_se(two_arm_study("", ""), hr_outcome("0.37", "0.27", "0.52")));
}

TEST_CASE("se-plausibility, OR and RR: CIs narrower than the arms allow", "[check]") {
  // OR 2.0 (1.5-2.67) from arms of 20: SE = (ln 2.67 - ln 1.5) / 3.919928 = 0.576613 / 3.919928
  // = 0.147098, but 2 sqrt(1/20 + 1/20) = 0.632456.
  core::Outcome o = outcome("orr", core::OutcomeKind::Binary);
  o.estimate = estimate("OR", "2.0", "1.5", "2.67");
  auto f = se_finding(two_arm_study("20", "20"), o);
  CHECK(f.severity == check::Severity::Implausible);
  CHECK(f.message == "OR 2.0 (1.5–2.67) implies SE 0.147, but arms of 20 and 20 allow no less: minimum SE 0.632");
  // MUKfive: OR 1.48 (90% CI 0.95-2.31): SE = (ln 2.31 - ln 0.95) / (2 x 1.644854) = 0.270104.
  o.estimate = estimate("OR", "1.48", "0.95", "2.31", 90);
  f = se_finding(two_arm_study("201", "99"), o);
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "OR 1.48 (90% CI 0.95–2.31) implies SE 0.270; the minimum SE with arms of 201 and 99 is 0.246");
  // RR 0.50 (0.45-0.55), arms of 100: SE = (ln 0.55 - ln 0.45) / 3.919928 = 0.051193. The bound is
  // taken at the RR nearest 1 that prints as 0.50, 0.505: sqrt(0.495 / 50.5) = 0.099005.
  o.estimate = estimate("RR", "0.50", "0.45", "0.55");
  f = se_finding(two_arm_study("100", "100"), o);
  CHECK(f.severity == check::Severity::Implausible);
  CHECK(f.message ==
        "RR 0.50 (0.45–0.55) implies SE 0.051, but arms of 100 and 100 at RR 0.505 allow no less: minimum SE 0.099");
}

TEST_CASE("sd-range and mean-range: what n values between a printed min and max allow", "[check]") {
  // 10 values from 0 to 10: SD at least 10/sqrt(2 x 9) = 2.357, at most (10/2) sqrt(10/9) = 5.270
  // (5.798 with the range widened by rounding to 11); the mean between (9 x 0 + 10)/10 = 1.0 and
  // (9 x 10 + 0)/10 = 9.0 (9.5 allowing for rounding).
  core::Study s = two_arm_study("10", "10");
  core::Outcome o = outcome("age", core::OutcomeKind::Continuous);
  core::Timepoint tp;
  tp.id = "baseline";
  core::ArmData e = summary_arm("e", "9.8", "20", "10");
  e.min = num("0");
  e.max = num("10");
  core::ArmData c = summary_arm("c", "5.0", "3.0", "10");
  c.min = num("0");
  c.max = num("10");
  tp.arms = {e, c};
  o.timepoints = {tp};
  s.outcomes = {o};
  const auto all = check::check_study(s);
  const auto sd = only(all, "sd-range");
  REQUIRE(sd.size() == 2);
  CHECK(sd[0].severity == check::Severity::Implausible);
  CHECK(sd[0].message == "Exp: SD 20 cannot come from 10 values ranging 0–10: the largest SD with that range is 5.3 "
                         "(5.8 allowing for rounding)");
  CHECK(sd[1].severity == check::Severity::Ok);
  CHECK(sd[1].message == "Ctl: SD 3.0 is possible for 10 values ranging 0–10 (between 2.36 and 5.27)");
  const auto mean = only(all, "mean-range");
  REQUIRE(mean.size() == 2);
  CHECK(mean[0].severity == check::Severity::Implausible);
  CHECK(mean[0].message == "Exp: mean 9.8 lies outside what 10 values ranging 0–10 allow (1.0 to 9.0)");
  CHECK(mean[1].severity == check::Severity::Ok);
}

TEST_CASE("statistic-plausibility: a log-rank chi2 or z cannot exceed (ln HR)^2 events/4", "[check]") {
  // chi2 = (O - E)^2/V = (ln HR)^2 V with V <= events/4 (Peto). ASPIRE-like: HR 0.69 with
  // 207 + 224 = 431 events allows (ln 0.69)^2 x 431/4 = 0.137687 x 107.75 = 14.836; the loosest
  // HR within rounding, 0.695, allows (ln 0.695)^2 x 107.75 = 14.27.
  const auto study = two_arm_study("396", "396");
  const auto finding = [&](core::ReportedTest t) {
    core::Outcome o = hr_outcome("0.69", "0.57", "0.83", "207", "224");
    o.tests = {std::move(t)};
    core::Study s = study;
    s.outcomes = {o};
    return one(check::check_study(s), "statistic-plausibility", o.id);
  };
  auto f = finding(test("logrank-chi2", "12.0", ""));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(*f.recomputed == Approx(std::pow(std::log(0.69), 2) * 431 / 4).epsilon(1e-12));
  CHECK(f.message == "log-rank chi² 12.0 is possible: HR 0.69 with 431 events allows at most 14.84 "
                     "(log-rank chi² = (ln HR)² V, V ≤ events/4)");
  // 14.8 exceeds 14.27 even at its smallest rounding (14.75): impossible.
  f = finding(test("logrank-chi2", "14.8", ""));
  CHECK(f.severity == check::Severity::Implausible);
  CHECK(f.message == "log-rank chi² 14.8 is impossible: HR 0.69 with 431 events allows at most 14.84 "
                     "(log-rank chi² = (ln HR)² V, V ≤ events/4)");
  // z is the square root: sqrt(14.836) = 3.852; |z| 4.0 > sqrt(14.27) = 3.778.
  f = finding(test("z", "-4.0", ""));
  CHECK(f.severity == check::Severity::Implausible);
  CHECK(*f.recomputed == Approx(std::fabs(std::log(0.69)) * std::sqrt(431 / 4.0)).epsilon(1e-12));
  CHECK(f.message == "z -4.0 is impossible: HR 0.69 with 431 events allows at most 3.85 (z = |ln HR| √V, V ≤ events/4)");
  // A chi2 on 2 df is another test: not judged.
  core::ReportedTest two_df = test("chi2", "30.0", "");
  two_df.df = 2;
  core::Outcome o = hr_outcome("0.69", "0.57", "0.83", "207", "224");
  o.tests = {two_df};
  core::Study s = study;
  s.outcomes = {o};
  CHECK(only(check::check_study(s), "statistic-plausibility", "pfs").empty());
}
