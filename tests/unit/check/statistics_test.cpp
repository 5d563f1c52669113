// Test statistics and p-values recomputed from hand-built studies. Reference values from R
// (the expression in each comment; base R 4.2).
#include <catch2/catch.hpp>

#include "check/checks.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

// Responses 10/20 vs 4/20. R: m <- matrix(c(10, 10, 4, 16), 2, byrow = TRUE)
// chisq.test(m, correct = FALSE): X2 = 3.9560440, P = 0.04670334 (|O - E| = 3 in every cell:
// 9 x 2 x (1/7 + 1/13) = 3.956044); chisq.test(m): X2 = 2.7472527 (2.5^2 x 0.43956), P = 0.09742169;
// fisher.test(m): P = 0.09584557.
check::Finding binary_finding(core::ReportedTest t, const std::string& check_id) {
  core::Study s = two_arm_study("20", "20");
  core::Outcome o = outcome("resp", core::OutcomeKind::Binary);
  o.arms = {binary_arm("e", "10", "20"), binary_arm("c", "4", "20")};
  o.tests = {std::move(t)};
  s.outcomes = {o};
  return one(check::check_study(s), check_id, "resp");
}

// Means 10.0 +- 2.0 (n 10) vs 8.0 +- 4.0 (n 20). R: Student t = 2 / (sp sqrt(1/10 + 1/20)) with
// sp^2 = (9 x 4 + 19 x 16) / 28 = 12.142857: t = 1.4819171, P = 0.1495301 (28 df);
// Welch t = 2 / sqrt(4/10 + 16/20) = 1.8257419, df = 27.98182, P = 0.07857959.
check::Finding t_finding(core::ReportedTest t) {
  core::Study s = two_arm_study("10", "20");
  core::Outcome o = outcome("score", core::OutcomeKind::Continuous);
  core::Timepoint tp;
  tp.id = "week-4";
  tp.arms = {summary_arm("e", "10.0", "2.0", "10"), summary_arm("c", "8.0", "4.0", "20")};
  tp.tests = {std::move(t)};
  o.timepoints = {tp};
  s.outcomes = {o};
  return one(check::check_study(s), "t", "score", "week-4");
}

check::Finding tte_finding(core::Estimate e, core::ReportedTest t, const std::string& check_id) {
  core::Study s = two_arm_study("100", "100");
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.estimate = std::move(e);
  o.tests = {std::move(t)};
  s.outcomes = {o};
  return one(check::check_study(s), check_id, "pfs");
}

}  // namespace

TEST_CASE("chi2: Pearson's or Yates', and the finding says which", "[check]") {
  auto f = binary_finding(test("chi2", "3.956", "0.047"), "chi2");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "chi² 3.956 (P = 0.047) is Pearson's chi² without Yates' correction: 3.95604, P = 0.04670");
  f = binary_finding(test("chi2", "2.747", "0.097"), "chi2");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "chi² 2.747 (P = 0.097) is Yates-corrected chi²: 2.74725, P = 0.09742");
  // Recorded as Yates-corrected but equal to the uncorrected statistic: a note on the extraction.
  f = binary_finding(test("chi2-yates", "3.956", "0.047"), "chi2");
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "chi² 3.956 (P = 0.047) is Pearson's chi² without Yates' correction: 3.95604, P = 0.04670; the "
                     "file records the test as chi2-yates");
}

TEST_CASE("chi2: a statistic no variant gives, or a P its statistic does not give, is inconsistent", "[check]") {
  auto f = binary_finding(test("chi2", "4.500", "0.034"), "chi2");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "chi² 4.500 (P = 0.034) matches none of Pearson's chi² without Yates' correction 3.95604 "
                     "(P = 0.04670) and Yates-corrected chi² 2.74725 (P = 0.09742)");
  // 3.956 is Pearson's, whose P = 0.0467 (two decimals more than the printed 0.01) is not 0.01.
  f = binary_finding(test("chi2", "3.956", "0.01"), "chi2");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "chi² 3.956 is Pearson's chi² without Yates' correction (3.95604) and gives P = 0.0467, but "
                     "P = 0.01 was printed");
}

TEST_CASE("chi2, Fisher, z: a P printed alone is checked against each variant", "[check]") {
  auto f = binary_finding(test("chi2", "", "P<0.05"), "chi2");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "P<0.05 agrees with Pearson's chi² without Yates' correction 3.956 (P = 0.047)");
  // "P>0.05" fits Yates' (0.097) though not Pearson's (0.047): ok, naming Yates'.
  f = binary_finding(test("chi2", "", ">0.05"), "chi2");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "P>0.05 agrees with Yates-corrected chi² 2.747 (P = 0.097)");
  f = binary_finding(test("chi2", "", "P<0.01"), "chi2");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "Pearson's chi² without Yates' correction 3.956 (P = 0.047) and Yates-corrected chi² 2.747 "
                     "(P = 0.097) contradict the printed P<0.01");
  f = binary_finding(test("fisher", "", "0.096"), "fisher");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(*f.recomputed == Approx(0.09584557).epsilon(1e-6));
  CHECK(f.message == "P = 0.096 agrees with Fisher's exact test (P = 0.09585)");
  // z = sqrt(3.956044) = 1.98898.
  f = binary_finding(test("z", "1.989", ""), "z");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "z 1.989 is the two-proportion z (square root of Pearson's chi²): 1.98898");
}

TEST_CASE("t: Student or Welch, and the finding says which", "[check]") {
  auto f = t_finding(test("t", "1.826", "0.079"));
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "t 1.826 (P = 0.079) is Welch's t: 1.82574, P = 0.07858");
  f = t_finding(test("t", "1.482", "0.150"));
  CHECK(f.message == "t 1.482 (P = 0.150) is Student's t: 1.48192, P = 0.14953");
  f = t_finding(test("t-welch", "1.482", "0.150"));
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "t 1.482 (P = 0.150) is Student's t: 1.48192, P = 0.14953; the file records the test as t-welch");
  // 2.500 is out of reach even with means and SDs anywhere in their rounding intervals
  // (Student's |t| spans about 1.43 to 1.53 there, Welch's 1.76 to 1.89).
  f = t_finding(test("t", "2.500", "0.015"));
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "t 2.500 (P = 0.015) matches none of Student's t 1.48192 (P = 0.14953) and Welch's t 1.82574 "
                     "(P = 0.07858), not even within the rounding of the printed means and SDs");
  // A signed t is compared by magnitude: papers print the group difference either way round.
  CHECK(t_finding(test("t", "-1.482", "")).severity == check::Severity::Ok);
}

namespace {

// Counts 5/3/2 vs 2/3/5 over three ordered categories (n = 10 each), with `tests`.
core::Study ordered_study(std::vector<core::ReportedTest> tests) {
  core::Study s = two_arm_study("10", "10");
  core::Outcome o = outcome("best-response", core::OutcomeKind::Ordinal);
  o.categories = {"good", "fair", "poor"};
  core::ArmData e, c;
  e.arm = "e";
  c.arm = "c";
  e.total = num("10");
  c.total = num("10");
  for (const auto& [cat, ne, nc] : {std::tuple{"good", "5", "2"}, {"fair", "3", "3"}, {"poor", "2", "5"}}) {
    e.category_counts[cat] = num(ne);
    c.category_counts[cat] = num(nc);
  }
  o.arms = {e, c};
  o.tests = std::move(tests);
  s.outcomes = {o};
  return s;
}

}  // namespace

TEST_CASE("Mann-Whitney and chi2 over ordered categories", "[check]") {
  // Counts 5/3/2 vs 2/3/5 over three ordered categories (n = 10 each).
  // R: wilcox.test(rep(0:2, c(5, 3, 2)), rep(0:2, c(2, 3, 5)), exact = FALSE): W = 30.5,
  // P = 0.12778668 (z = (30.5 - 50 + 0.5) / 12.4763 = -1.5229, ties-corrected SD
  // sqrt(100/12 x (21 - 882/380))). chisq.test(matrix(c(5, 3, 2, 2, 3, 5), 2, byrow = TRUE)):
  // X2 = 2.571429 on 2 df, P = 0.276453.
  const auto all =
      check::check_study(ordered_study({test("mann-whitney-u", "", "0.128"), test("chi2", "2.571", "0.276")}));
  const auto mw = one(all, "mann-whitney", "best-response");
  CHECK(mw.severity == check::Severity::Ok);
  CHECK(mw.message == "P = 0.128 agrees with the Mann-Whitney U 30.500 (P = 0.12779)");
  const auto chi2 = one(all, "chi2", "best-response");
  CHECK(chi2.severity == check::Severity::Ok);
  CHECK(chi2.message == "chi² 2.571 (P = 0.276) is Pearson's chi² on 2 df: 2.57143, P = 0.27645");
}

TEST_CASE("Mann-Whitney: a statistic recorded as U that is the |z| is a note, recorded as z it is ok", "[check]") {
  // The counts above: z = -1.5229 (continuity-corrected, R wilcox.test as computed there), U = 30.5.
  auto mw = one(check::check_study(ordered_study({test("mann-whitney-u", "1.523", "0.128")})), "mann-whitney",
                "best-response");
  CHECK(mw.severity == check::Severity::Note);
  CHECK(mw.message == "U 1.523 (P = 0.128) is the continuity-corrected Mann-Whitney |z|: 1.52289, P = 0.12779; the file "
                      "records the test as mann-whitney-u");
  mw = one(check::check_study(ordered_study({test("mann-whitney-z", "1.523", "0.128")})), "mann-whitney",
           "best-response");
  CHECK(mw.severity == check::Severity::Ok);
  CHECK(mw.message == "z 1.523 (P = 0.128) is the continuity-corrected Mann-Whitney |z|: 1.52289, P = 0.12779");
  // Recorded as z, a U value matches nothing.
  CHECK(one(check::check_study(ordered_study({test("mann-whitney-z", "30.5", "0.128")})), "mann-whitney",
            "best-response")
            .severity == check::Severity::Inconsistent);
}

TEST_CASE("log-rank and z statistics against their P, one- and two-sided", "[check]") {
  // chi2 3.841 on 1 df: P = 0.05001368 (R: pchisq(3.841, 1, lower.tail = FALSE)); one-sided 0.0250068.
  auto f = tte_finding(estimate("HR", "0.70", "0.50", "0.98"), test("logrank-chi2", "3.841", "0.025", "one"),
                       "logrank-p");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "log-rank chi² 3.841 on 1 df gives P = 0.02501, consistent with P = 0.025");
  // z 1.96: P = 2 * pnorm(-1.96) = 0.04999579.
  f = tte_finding(estimate("HR", "0.70", "0.50", "0.98"), test("z", "1.96", "0.05"), "z");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "z 1.96 gives P = 0.0500, consistent with P = 0.05");
}

TEST_CASE("hr-z-p: the Wald P of an HR's CI against the printed P", "[check]") {
  // HR 0.78 (0.60-1.03): SE = (ln 1.03 - ln 0.60) / (2 x 1.959964) = 0.137856, z = ln 0.78 / SE
  // = -1.802329, P = 0.0714936 (R: 2 * pnorm(-1.802329)). Over the rounding of HR and bounds
  // P stays within 0.058 to 0.087, all above 0.05, yet P = .042 is printed: inconsistent
  // (CANDOR final OS, unless the P is one-sided).
  auto f = tte_finding(estimate("HR", "0.78", "0.60", "1.03"), test("logrank-chi2", "", "P = .042"), "hr-z-p");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.message == "HR 0.78 (0.60–1.03) gives Wald z = -1.802, P = 0.07149: the 95% CI includes 1, but P = .042 "
                     "was printed");
  // One-sided: 0.0714936 / 2 = 0.03575, and .042 is reached within the rounding (0.02904 to 0.04326).
  f = tte_finding(estimate("HR", "0.78", "0.60", "1.03"), test("logrank-chi2", "", "P = .042", "one"), "hr-z-p");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.message == "HR 0.78 (0.60–1.03) gives Wald z = -1.802, one-sided P = 0.03575, consistent with P = .042; "
                     "reached within the rounding of the printed HR and CI (0.02904 to 0.04326)");
  // HR 0.70 (0.55-0.89): SE = (ln 0.89 - ln 0.55) / 3.919928 = 0.122784, z = -2.904905,
  // P = 0.00367364 (0.0022 to 0.0057 within the rounding). A printed "0.01" is reached (it means
  // 0.005 to 0.015); "0.010" is not, but is also below 0.05: another test, same conclusion.
  CHECK(tte_finding(estimate("HR", "0.70", "0.55", "0.89"), test("logrank-chi2", "", "0.01"), "hr-z-p").severity ==
        check::Severity::Ok);
  f = tte_finding(estimate("HR", "0.70", "0.55", "0.89"), test("logrank-chi2", "", "0.010"), "hr-z-p");
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "HR 0.70 (0.55–0.89) gives Wald z = -2.905, P = 0.00367, not P = 0.010; the printed P presumably "
                     "comes from another test (log-rank or stratified) and leads to the same conclusion at the CI's "
                     "level");
}

TEST_CASE("sided-presumed: a one-sided P whose sidedness is presumed is a note with its two-sided value", "[check]") {
  // CANDOR final OS (candor-2023): P = .042 beside HR 0.78 (0.60-1.03), recorded one-sided with
  // status presumed. Read two-sided, the same test gives 2 x .042 = .084.
  core::ReportedTest t = test("logrank-chi2", "", "P = .042", "one");
  t.p->prov.status = core::Status::Presumed;
  auto f = tte_finding(estimate("HR", "0.78", "0.60", "1.03"), t, "sided-presumed");
  CHECK(f.severity == check::Severity::Note);
  CHECK(f.message == "one-sided P = .042 is presumed: the source does not say the test is one-sided; read two-sided, "
                     "it is P = 0.084");
  CHECK(f.recomputed_text == "0.084");
  // A printed one-sided P (status verified) gives no such note.
  t.p->prov.status = core::Status::Verified;
  core::Study s = two_arm_study("100", "100");
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.estimate = estimate("HR", "0.78", "0.60", "1.03");
  o.tests = {t};
  s.outcomes = {o};
  for (const auto& x : check::check_study(s)) CHECK(x.check != "sided-presumed");
}
