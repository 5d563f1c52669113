// Counts against each other: GRIM-style percentages, category and grade sums, denominators
// against arm sizes, subgroups against their printed size. Each case is worked out in its comment.
#include <catch2/catch.hpp>

#include "check/checks.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

std::vector<check::Finding> binary(core::ArmData e, core::Study s = two_arm_study("42", "42")) {
  core::Outcome o = outcome("resp", core::OutcomeKind::Binary);
  o.arms = {std::move(e)};
  s.outcomes = {o};
  return check::check_study(s);
}

check::Finding percent_of(core::ArmData e, core::Study s = two_arm_study("42", "42")) {
  return one(binary(std::move(e), std::move(s)), "percent-grim", "resp");
}

}  // namespace

TEST_CASE("percent-grim: a count and its printed percentage", "[check]") {
  // 30/42 = 71.4286% -> "71.43" at two decimals.
  auto f = percent_of(binary_arm("e", "30", "42", "71.43"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "Exp: 30/42 = 71.4286%, printed 71.43%");
  // 23/42 = 54.762%: not 55.1%, and no count out of 42 gives 55.1% (23 -> 54.76, 24 -> 57.14).
  f = percent_of(binary_arm("e", "23", "42", "55.1"));
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Exp: 23/42 = 54.762%, not the printed 55.1% (no count out of 42 gives it)");
  // 57.1% is 24/42 = 57.143%: the count looks mistyped.
  f = percent_of(binary_arm("e", "23", "42", "57.1"));
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Exp: 23/42 = 54.762%, not the printed 57.1% (24/42 would)");
  // Truncation: 2/3 = 66.667% prints "66.6" when cut rather than rounded.
  f = percent_of(binary_arm("e", "2", "3", "66.6"), two_arm_study("3", "3"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "Exp: 2/3 = 66.667%, printed 66.6%; printed truncated, not rounded");
}

TEST_CASE("percent-grim: a percentage alone against its denominator", "[check]") {
  // GRIM: 55.1% of 42 needs 23.14 patients; 23/42 = 54.762% and 24/42 = 57.143% both miss.
  auto f = percent_of(binary_arm("e", "", "42", "55.1"));
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Exp: no count out of 42 gives 55.1% (23/42 = 54.762%)");
  // 84% of 312: 261/312 = 83.65% to 263/312 = 84.29% round to 84 (CANDOR ORR).
  f = percent_of(binary_arm("e", "", "312", "84"), two_arm_study("312", "154"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "Exp: 84% of 312 is 261/312 to 263/312");
  // Without a printed total the arm size is only a guess at the denominator: a miss is a note
  // (CASTOR ORR 83.8% among response-evaluable patients; 210/251 = 83.665%).
  f = percent_of(binary_arm("e", "", "", "83.8"), two_arm_study("251", "247"));
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "Exp: no count out of the 251 in the arm gives 83.8% (210/251 = 83.665%): the denominator is "
                     "not the arm size");
  // Only a truncated 81/201 = 40.299% gives 40.2% (MUKfive KCd): inferred counts assume rounding.
  f = percent_of(binary_arm("e", "", "", "40.2"), two_arm_study("201", "99"));
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "Exp: no count out of the 201 in the arm gives 40.2% (81/201 = 40.299%, only if truncated): the "
                     "denominator is not the arm size");
  // In a subgroup the arm size is no denominator at all: nothing is checked.
  core::Study s = two_arm_study("543", "1005");
  core::Outcome o = outcome("renal-cr", core::OutcomeKind::Binary);
  o.subgroup = "line 2";
  o.arms = {binary_arm("e", "", "", "26.6")};
  s.outcomes = {o};
  CHECK(only(check::check_study(s), "percent-grim").empty());
}

TEST_CASE("category-sum: response categories add up to the arm's total", "[check]") {
  // Niu Table 1 with PD mistyped as 11: 7 + 14 + 9 + 11 = 41, not 42.
  core::Study s = two_arm_study("42", "38");
  core::Outcome o = outcome("response", core::OutcomeKind::Ordinal);
  o.categories = {"CR", "PR", "MR", "PD"};
  core::ArmData e;
  e.arm = "e";
  e.total = num("42");
  for (const auto& [cat, n] : {std::pair{"CR", "7"}, {"PR", "14"}, {"MR", "9"}, {"PD", "11"}}) e.category_counts[cat] = num(n);
  e.category_percents["CR"] = num("16.67");
  o.arms = {e};
  s.outcomes = {o};
  const auto all = check::check_study(s);
  const auto f = one(all, "category-sum", "response");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Exp: 7 + 14 + 9 + 11 = 41, not the printed total 42");
  CHECK(one(all, "percent-grim", "response").message == "Exp, CR: 7/42 = 16.6667%, printed 16.67%");
}

TEST_CASE("grade-sum and ae-incidence: grade bands, any-grade count and incidence", "[check]") {
  core::Study s = two_arm_study("42", "38");
  core::Outcome o = outcome("ae", core::OutcomeKind::AdverseEvents);
  core::AdverseEvent ev;
  ev.id = "rash";
  core::AdverseEvent::ArmCounts e;
  e.arm = "e";
  e.total = num("42");
  e.by_grade = {{"1-2", num("2")}, {"3-4", num("2")}, {"any", num("3")}};
  e.percent = num("7.14");  // 3/42 = 7.1429%
  core::AdverseEvent::ArmCounts c;
  c.arm = "c";
  c.total = num("38");
  c.by_grade = {{"1-2", num("2")}, {"3-4", num("1")}};
  c.percent = num("7.89");  // no "any": the disjoint bands 2 + 1 = 3, 3/38 = 7.8947%
  ev.arms = {e, c};
  o.adverse_events = {ev};
  s.outcomes = {o};
  const auto all = check::check_study(s);
  const auto sum = one(all, "grade-sum", "ae", "rash");
  CHECK(sum.severity == check::Severity::Inconsistent);
  CHECK(sum.message == "Exp, rash: the grade bands sum to 4, more than the printed any-grade count 3");
  const auto inc = only(all, "ae-incidence");
  REQUIRE(inc.size() == 2);
  CHECK(inc[0].message == "Exp, rash: 3/42 = 7.1429%, printed 7.14%");
  CHECK(inc[1].message == "Ctl, rash: 3/38 = 7.8947%, printed 7.89%");
}

TEST_CASE("arm-sizes: denominators against the arms, analysed against randomised", "[check]") {
  core::Study s = two_arm_study("42", "38");
  s.arms[0].randomised = num("42");
  s.arms[0].analysed = num("45");
  auto f = one(check::check_study(s), "arm-sizes", "", "e");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Exp: 45 analysed, more than the 42 randomised");

  s = two_arm_study("", "38");
  s.arms[0].randomised = num("42");
  auto all = binary(binary_arm("e", "20", "50"), s);
  CHECK(one(all, "arm-sizes", "resp").message == "Exp: 50 patients, more than the 42 randomised");
  all = binary(binary_arm("e", "20", "40"), s);
  f = one(all, "arm-sizes", "resp");
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "Exp: out of 40, not the 42 randomised (not every patient of the arm is counted)");
  all = binary(binary_arm("e", "50", "42"), s);
  CHECK(one(all, "arm-sizes", "resp").message == "Exp: 50 events out of 42");
  all = binary(binary_arm("e", "20", "42"), s);
  f = one(all, "arm-sizes", "resp");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "denominators agree with the arm sizes: Exp 42");
}

TEST_CASE("subgroup-sum: the subgroup's arms add up to its printed size", "[check]") {
  core::Study s = two_arm_study("464", "465");
  core::Outcome o = outcome("pfs-renal", core::OutcomeKind::TimeToEvent);
  o.subgroup = "CrCl 15 to <50 mL/min";
  o.arms = {time_arm("e", "85"), time_arm("c", "99")};
  o.subgroup_n = num("184");
  s.outcomes = {o};
  auto f = one(check::check_study(s), "subgroup-sum", "pfs-renal");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "subgroup arms 85 + 99 = 184, the printed 184 in the subgroup");
  s.outcomes[0].subgroup_n = num("180");
  f = one(check::check_study(s), "subgroup-sum", "pfs-renal");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "subgroup arms 85 + 99 = 184, not the printed 180 in the subgroup");
}
