// Which way an effect goes, told two ways: an HR against the medians and the log-rank O - E, an
// OR against the arms' proportions.
#include <catch2/catch.hpp>

#include "check/checks.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

check::Finding median_finding(std::string_view hr, std::string_view lb, std::string_view ub) {
  core::Study s = two_arm_study("100", "100");
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.unit = "months";
  o.estimate = estimate("HR", hr, lb, ub);
  o.arms = {time_arm("e", "", "", "10"), time_arm("c", "", "", "12")};
  s.outcomes = {o};
  return one(check::check_study(s), "direction", "pfs");
}

}  // namespace

TEST_CASE("direction: an HR below 1 with a shorter experimental median", "[check]") {
  // HR 0.70 (0.50-0.90) favours the experimental arm and excludes 1, yet its median is shorter.
  auto f = median_finding("0.70", "0.50", "0.90");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "HR 0.70 < 1, but the Exp median (10 months) is shorter than the Ctl median (12 months)");
  // With a CI that includes 1 the curves may cross: a note.
  f = median_finding("0.90", "0.70", "1.10");
  CHECK(f.severity == check::Severity::Note);
  // HR above 1 with the shorter median agrees.
  f = median_finding("1.30", "1.10", "1.60");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "HR 1.30 > 1 and the Exp median (10 months) is shorter than the Ctl median (12 months)");
}

TEST_CASE("direction: log-rank O - E and OR against proportions", "[check]") {
  core::Study s = two_arm_study("100", "100");
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.estimate = estimate("HR", "0.70", "0.50", "0.90");
  o.o_minus_e = num("5.2");  // more events than expected on the experimental arm: HR > 1
  s.outcomes = {o};
  auto f = one(check::check_study(s), "direction", "pfs");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "log-rank O − E 5.2 does not go the way of HR 0.70");

  core::Outcome b = outcome("orr", core::OutcomeKind::Binary);
  b.estimate = estimate("OR", "1.48", "0.95", "2.31", 90);
  b.arms = {binary_arm("e", "30", "100"), binary_arm("c", "40", "100")};
  s.outcomes = {b};
  f = one(check::check_study(s), "direction", "orr");
  CHECK(f.severity == check::Severity::Note);  // the 90% CI includes 1
  CHECK(f.message == "OR 1.48 > 1, but Exp's 30.0% is below Ctl's 40.0%");
}
