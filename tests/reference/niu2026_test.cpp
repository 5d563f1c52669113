// The seed paper's two-group statistics recomputed from its arm data:
// Niu et al. 2026, West China Medical Journal 38(6):884-889 (shared/seeds/000_*.txt).
// Each printed value is compared twice: the recomputed value against R (the R expression
// is in the comment; the same cases are in tests/golden/tests/*.csv), and the printed value
// against the recomputed one ("matches" = the recomputed value rounds to the printed one).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "stats/tests.h"
#include "../support/tolerance.h"

namespace stats = metareview::stats;
using metareview::test::kRRelative;
using metareview::test::rounds_to;

namespace {

Approx near_r(double r_value) { return Approx(r_value).epsilon(kRRelative); }

// A value printed with 3 decimals by truncation rather than rounding.
double truncated3(double x) { return std::floor(x * 1000) / 1000; }

struct Comparison {
  const char* what;
  double m1, sd1, m2, sd2;  // observation group (KRd, n = 42) vs control (VRd, n = 38)
  double printed_t;
  double printed_p;
  double r_student_t;  // R: (m1 - m2) / (sp * sqrt(1/42 + 1/38)), checked against t.test()
  double r_welch_t;    // R: (m1 - m2) / sqrt(sd1^2/42 + sd2^2/38)
  bool student_rounds_to_printed;
};

// Table 2 and Table 3 ("x̄ ± s", n = 42 vs 38). R values from tests/golden/tests/make_golden.R.
constexpr std::array<Comparison, 10> kTables23{{
    {"Table 2, M protein before", 28.45, 6.72, 29.67, 7.18, 0.784, 0.435, -0.78495774348549729, -0.78233388993053388, false},
    {"Table 2, M protein after", 15.12, 2.36, 17.54, 4.61, 2.997, 0.004, -2.9968795554938796, -2.909386695837199, true},
    {"Table 2, haemoglobin before", 86.12, 8.45, 85.39, 9.17, 0.370, 0.712, 0.37056686480138712, 0.3690388437177699, false},
    {"Table 2, haemoglobin after", 105.76, 10.32, 98.22, 9.65, 3.365, 0.001, 3.3651570814342211, 3.3765981404340213, true},
    {"Table 2, beta2-MG before", 3.89, 1.01, 3.69, 1.22, 0.801, 0.425, 0.80149033119899338, 0.79394767755252948, true},
    {"Table 2, beta2-MG after", 2.35, 0.98, 2.88, 1.03, 2.358, 0.021, -2.3577693166666753, -2.351839965227204, true},
    {"Table 3, FLC ratio before", 118.25, 28.39, 115.38, 30.25, 0.437, 0.663, 0.43770135279597311, 0.43629881352049193, false},
    {"Table 3, FLC ratio after", 35.67, 12.74, 45.94, 19.57, 2.807, 0.006, -2.8073472696938184, -2.7503760042851519, true},
    {"Table 3, LDH before", 319.76, 68.43, 324.82, 72.56, 0.321, 0.749, -0.32094470959215604, -0.31999470442503603, true},
    {"Table 3, LDH after", 203.15, 43.28, 234.39, 58.74, 2.725, 0.008, -2.7253452356903116, -2.6847497143412298, true},
}};

// |t| over every mean and SD that rounds to the printed 2-decimal values (+-0.005): t is
// monotone in each of them, so the extremes are at the 16 corners of that box.
std::pair<double, double> student_t_range(const Comparison& c) {
  double lo = INFINITY, hi = 0;
  for (int corner = 0; corner < 16; ++corner) {
    auto shift = [&](int bit) { return (corner >> bit & 1) ? 0.005 : -0.005; };
    const double t = std::fabs(
        stats::t_test_student(c.m1 + shift(0), c.sd1 + shift(1), 42, c.m2 + shift(2), c.sd2 + shift(3), 38).statistic);
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  return {lo, hi};
}

}  // namespace

TEST_CASE("Niu 2026 Table 1: chi2 5.865, P 0.015 is Pearson's chi2 without Yates' correction", "[reference]") {
  // Overall response 30/42 vs 17/38.
  // R: chisq.test(matrix(c(30, 12, 17, 21), 2, byrow = TRUE), correct = FALSE)
  const auto pearson = stats::chisq_test_2x2(30, 12, 17, 21, false);
  CHECK(pearson.statistic == near_r(5.8649525166882377));
  CHECK(pearson.p == near_r(0.015445275392841872));
  CHECK(rounds_to(pearson.statistic, 5.865, 3));
  CHECK(rounds_to(pearson.p, 0.015, 3));
  // With Yates' correction (R's default) the paper would have printed 4.815 and 0.028.
  const auto yates = stats::chisq_test_2x2(30, 12, 17, 21, true);
  CHECK(yates.statistic == near_r(4.8152618813313088));
  CHECK_FALSE(rounds_to(yates.statistic, 5.865, 3));
}

TEST_CASE("Niu 2026 Tables 2 and 3: the t values are Student's pooled-variance t", "[reference]") {
  for (const Comparison& c : kTables23) {
    INFO(c.what);
    const auto student = stats::t_test_student(c.m1, c.sd1, 42, c.m2, c.sd2, 38);
    const auto welch = stats::t_test_welch(c.m1, c.sd1, 42, c.m2, c.sd2, 38);
    CHECK(student.statistic == near_r(c.r_student_t));
    CHECK(student.df == 78);
    CHECK(welch.statistic == near_r(c.r_welch_t));
    // The paper prints |t|. Seven of ten Student t round to the printed value; the other
    // three (0.784, 0.370, 0.437 for recomputed 0.78496, 0.37057, 0.43770) are one unit
    // off in the third decimal, which the 2-decimal rounding of the printed means and SDs
    // explains: every printed t lies inside the range of t over those rounding intervals
    // (M protein before: 0.77796 to 0.79196).
    CHECK(rounds_to(std::fabs(student.statistic), c.printed_t, 3) == c.student_rounds_to_printed);
    const auto [lo, hi] = student_t_range(c);
    CHECK(c.printed_t >= lo - 0.0005);
    CHECK(c.printed_t <= hi + 0.0005);
    // Every printed P is Student's two-sided p on 78 df, rounded.
    CHECK(rounds_to(student.p, c.printed_p, 3));
  }
  // Welch's t does not reproduce the table at the printed precision: it matches none of the
  // ten t values (e.g. M protein after: Welch 2.909 vs printed 2.997, Student 2.997).
  int welch_matches = 0;
  for (const Comparison& c : kTables23)
    if (rounds_to(std::fabs(stats::t_test_welch(c.m1, c.sd1, 42, c.m2, c.sd2, 38).statistic), c.printed_t, 3))
      ++welch_matches;
  CHECK(welch_matches == 0);
}

TEST_CASE("Niu 2026 Table 4: Uc is the continuity-corrected Mann-Whitney z among patients with the event",
          "[reference]") {
  // Peripheral neuropathy: KRd 39 none / 3 grade 1-2 / 0 grade 3-4 of 42; VRd 35 / 2 / 1 of 38;
  // printed Uc 0.666, P 0.504.
  // Over all 80 patients (R: wilcox.test(rep(0:2, c(39, 3, 0)), rep(0:2, c(35, 2, 1)),
  // exact = FALSE)) the test gives |z| 0.148, P 0.883: not the printed values.
  const auto all = stats::mann_whitney_ordered({39, 3, 0}, {35, 2, 1}, true);
  CHECK(all.z == near_r(-0.14775777026763756));
  CHECK(all.p == near_r(0.88253393787159862));
  // Among the patients with the event only (grade 1-2 vs 3-4: KRd 3/0, VRd 2/1), with the
  // continuity correction (R: wilcox.test(rep(1:2, c(3, 0)), rep(1:2, c(2, 1)), exact = FALSE,
  // correct = TRUE)): W = 3, z = (3 - 4.5 + 0.5) / 1.5 = -2/3, P = 0.50499.
  const auto events = stats::mann_whitney_ordered({3, 0}, {2, 1}, true);
  CHECK(events.w == 3);
  CHECK(events.z == near_r(-0.66666666666666663));
  CHECK(events.p == near_r(0.50498507509384583));
  // The paper prints 0.666 and 0.504: both are the recomputed values truncated, not rounded
  // (0.6667 would round to 0.667 and 0.50499 to 0.505), so they do not "match" by rounding.
  CHECK_FALSE(rounds_to(std::fabs(events.z), 0.666, 3));
  CHECK_FALSE(rounds_to(events.p, 0.504, 3));
  CHECK(truncated3(std::fabs(events.z)) == 0.666);
  CHECK(truncated3(events.p) == 0.504);
  // Without the correction the same patients give z = -1, P = 0.317: also not printed.
  CHECK(stats::mann_whitney_ordered({3, 0}, {2, 1}, false).z == near_r(-1.0));
  // The same variant reproduces the other rows' printed Uc 0.000, P 1.000 exactly
  // (events-only grade 1-2 / 3-4 counts KRd vs VRd: 1/1 vs 1/0, 1/0 vs 1/1, 2/1 vs 1/0, 3/2 vs 2/1).
  for (const auto& [c1, c2] : std::array<std::pair<std::vector<double>, std::vector<double>>, 4>{
           {{{1, 1}, {1, 0}}, {{1, 0}, {1, 1}}, {{2, 1}, {1, 0}}, {{3, 2}, {2, 1}}}}) {
    const auto r = stats::mann_whitney_ordered(c1, c2, true);
    CHECK(rounds_to(std::fabs(r.z), 0.000, 3));
    CHECK(rounds_to(r.p, 1.000, 3));
  }
}

TEST_CASE("Niu 2026 survival: log-rank chi2 7.345 does not give P < 0.001", "[reference]") {
  // Abstract and section 2.5: PFS log-rank chi2 = 7.345, OS chi2 = 18.798, "both P < 0.001".
  // R: pchisq(c(7.345, 18.798), 1, lower.tail = FALSE)
  const auto pfs = stats::chisq_statistic_test(7.345);
  const auto os = stats::chisq_statistic_test(18.798);
  CHECK(pfs.p == near_r(6.7249532077951358e-03));
  CHECK(os.p == near_r(1.4531943264504047e-05));
  CHECK(pfs.p > 0.001);  // the printed "P < 0.001" is wrong for PFS
  CHECK(os.p < 0.001);
  // The adjusted HRs and their 95% CIs: PFS 0.712 (0.583-0.874) gives Wald z = -3.289,
  // P = 0.00101 (R: log(0.712) / ((log(0.874) - log(0.583)) / (2 * qnorm(0.975)))); OS 0.627
  // (0.504-0.779) gives z = -4.202.
  const auto pfs_hr = stats::wald_test_ratio_ci(0.712, 0.583, 0.874);
  CHECK(pfs_hr.statistic == near_r(-3.2885483104499209));
  CHECK(pfs_hr.p == near_r(0.001007054996224368));
  CHECK(stats::wald_test_ratio_ci(0.627, 0.504, 0.779).statistic == near_r(-4.2023667445992823));
  // Such a narrow CI needs many events: V = 1 / SE^2 = 93.7, so about 4 V = 375 events
  // (Tierney 2007, 1:1) in a trial of 80 patients: the CI cannot come from these data.
  const double se = stats::log_se_from_ci(0.583, 0.874);
  CHECK(1 / (se * se) == near_r(93.729269060000002));
  CHECK(4 / (se * se) > 80);
}
