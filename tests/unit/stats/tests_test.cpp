// Two-group tests: hand calculations and error messages (R values: tests/golden/tests).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "stats/tests.h"
#include "../../support/tolerance.h"

namespace stats = metareview::stats;
using Catch::Matchers::Message;
using metareview::test::kHandRelative;

TEST_CASE("chi-squared of a 2x2 table by hand, Yates capped at |O - E|", "[stats]") {
  // [[30, 12], [17, 21]], N = 80: E = 42*47/80 = 24.675, 42*33/80 = 17.325, 38*47/80 = 22.325,
  // 38*33/80 = 15.675; |O - E| = 5.325 everywhere, so
  // X2 = 5.325^2 (1/24.675 + 1/17.325 + 1/22.325 + 1/15.675) and Yates uses 4.825^2.
  const double inv = 1 / 24.675 + 1 / 17.325 + 1 / 22.325 + 1 / 15.675;
  const auto pearson = stats::chisq_test_2x2(30, 12, 17, 21, false);
  CHECK(pearson.statistic == Approx(5.325 * 5.325 * inv).epsilon(kHandRelative));
  CHECK(pearson.method == "Pearson's Chi-squared test");
  CHECK(stats::chisq_test_2x2(30, 12, 17, 21, true).statistic == Approx(4.825 * 4.825 * inv).epsilon(kHandRelative));
  // [[10, 10], [10, 11]]: E11 = 20*20/41 = 9.7561, |O - E| = 0.2439 < 0.5, so R's Yates
  // subtracts only 0.2439 and the statistic is 0 (p = 1), not a negative-deviation square.
  const auto capped = stats::chisq_test_2x2(10, 10, 10, 11, true);
  CHECK(capped.statistic == 0);
  CHECK(capped.p == 1);
  // [[3, 0], [2, 1]]: expected counts below 5 carry R's warning.
  CHECK(stats::chisq_test_2x2(3, 0, 2, 1, false).warning == "Chi-squared approximation may be incorrect");
}

TEST_CASE("Fisher's exact test of a small table by hand", "[stats]") {
  // [[0, 5], [4, 1]]: margins 5/5 and 4/6, P(a = s) = C(4, s) C(6, 5 - s) / C(10, 5), so
  // P(0) = 6/252, P(1) = 60/252, P(2) = 120/252, P(3) = 60/252, P(4) = 6/252; tables as or
  // less likely than a = 0 are a = 0 and a = 4: p = 12/252 = 0.047619.
  CHECK(stats::fisher_test_2x2(0, 5, 4, 1).p == Approx(12.0 / 252).epsilon(kHandRelative));
  // A symmetric table sums every probability: p = 1 (R's tolerance 1e-7 keeps the ties).
  CHECK(stats::fisher_test_2x2(2, 3, 3, 2).p == Approx(1.0).epsilon(1e-15));
  // An empty column leaves a single possible table.
  CHECK(stats::fisher_test_2x2(0, 10, 0, 12).p == 1);
}

TEST_CASE("t tests from summary data by hand", "[stats]") {
  // 10 +- 1.5 (3) vs 12.5 +- 4 (8): pooled var = (2 * 2.25 + 7 * 16) / 9 = 116.5 / 9,
  // SE = sqrt(116.5/9 * (1/3 + 1/8)), t = -2.5 / SE on 9 df.
  const auto s = stats::t_test_student(10, 1.5, 3, 12.5, 4, 8);
  CHECK(s.statistic == Approx(-2.5 / std::sqrt(116.5 / 9 * (1.0 / 3 + 1.0 / 8))).epsilon(kHandRelative));
  CHECK(s.df == 9);
  // Welch: v1 = 0.75, v2 = 2, t = -2.5 / sqrt(2.75), df = 2.75^2 / (0.75^2/2 + 2^2/7).
  const auto w = stats::t_test_welch(10, 1.5, 3, 12.5, 4, 8);
  CHECK(w.statistic == Approx(-2.5 / std::sqrt(2.75)).epsilon(kHandRelative));
  CHECK(w.df == Approx(2.75 * 2.75 / (0.5625 / 2 + 4.0 / 7)).epsilon(kHandRelative));
  CHECK(w.method == "Welch Two Sample t-test");
}

TEST_CASE("Mann-Whitney on ordered categories by hand", "[stats]") {
  // Arm 1: 3 at grade 1; arm 2: 2 at grade 1, 1 at grade 2. Grade 1 holds ranks 1-5 (mid-rank 3),
  // grade 2 rank 6. W = 3 * 3 - 3 * 4 / 2 = 3; W - n1 n2 / 2 = -1.5; ties: 5^3 - 5 = 120,
  // sigma^2 = (9/12) (7 - 120 / 30) = 2.25, sigma = 1.5. With the correction z = (-1.5 + 0.5) / 1.5
  // = -2/3; without, z = -1.
  const auto cc = stats::mann_whitney_ordered({3, 0}, {2, 1}, true);
  CHECK(cc.w == 3);
  CHECK(cc.u == 3);
  CHECK(cc.z == Approx(-2.0 / 3).epsilon(kHandRelative));
  CHECK(stats::mann_whitney_ordered({3, 0}, {2, 1}, false).z == Approx(-1).epsilon(kHandRelative));
}

TEST_CASE("z and p from a ratio and its CI, p from a chi-squared statistic", "[stats]") {
  // HR 0.712 (0.583-0.874): SE = (log 0.874 - log 0.583) / (2 * 1.959963984540054) = 0.103336,
  // z = log 0.712 / SE = -3.2869.
  const double se = (std::log(0.874) - std::log(0.583)) / (2 * 1.959963984540054);
  const auto w = stats::wald_test_ratio_ci(0.712, 0.583, 0.874);
  CHECK(w.statistic == Approx(std::log(0.712) / se).epsilon(kHandRelative));
  CHECK(std::isnan(w.df));
  CHECK(stats::log_se_from_ci(0.583, 0.874) == Approx(se).epsilon(kHandRelative));
  // chi2 = z^2 on 1 df has the same p as the two-sided z.
  CHECK(stats::chisq_statistic_test(w.statistic * w.statistic).p == Approx(w.p).epsilon(1e-12));
}

TEST_CASE("two-group tests name the function and the bad value", "[stats]") {
  CHECK_THROWS_MATCHES(stats::chisq_test_2x2(0, 10, 0, 12, false), metareview::Error,
                       Message("chisq_test_2x2(a, b, c, d): a row or column total is 0, so the test is undefined "
                               "(table 0, 10, 0, 12)"));
  CHECK_THROWS_MATCHES(stats::chisq_test_2x2(-1, 10, 0, 12, false), metareview::Error,
                       Message("chisq_test_2x2(a, b, c, d): cells must be finite and >= 0, got -1"));
  // Non-finite values read as R prints them (core::format_shortest), as in escalc's messages.
  CHECK_THROWS_MATCHES(stats::chisq_test_2x2(std::numeric_limits<double>::infinity(), 10, 0, 12, false),
                       metareview::Error, Message("chisq_test_2x2(a, b, c, d): cells must be finite and >= 0, got Inf"));
  CHECK_THROWS_MATCHES(stats::fisher_test_2x2(1.5, 10, 0, 12), metareview::Error,
                       Message("fisher_test_2x2(a, b, c, d): cells must be integers, got 1.5"));
  CHECK_THROWS_MATCHES(stats::t_test_student(1, 0, 10, 2, 0, 10), metareview::Error,
                       Message("t_test_student(m1, sd1, n1, m2, sd2, n2): both SDs are 0, so t is undefined"));
  CHECK_THROWS_MATCHES(stats::t_test_welch(1, 1, 1, 2, 1, 10), metareview::Error,
                       Message("t_test_welch(m1, sd1, n1, m2, sd2, n2): n1 must be >= 2, got 1"));
  CHECK_THROWS_MATCHES(stats::t_test_student(1, 1, 1, 2, 1, 1), metareview::Error,
                       Message("t_test_student(m1, sd1, n1, m2, sd2, n2): n1 + n2 must be > 2, got 2"));
  CHECK_THROWS_MATCHES(stats::mann_whitney_ordered({1, 2}, {1, 2, 3}, true), metareview::Error,
                       Message("mann_whitney_ordered(counts1, counts2): the arms have 2 and 3 categories; they "
                               "must have the same number"));
  CHECK_THROWS_MATCHES(stats::mann_whitney_ordered({4, 0}, {6, 0}, true), metareview::Error,
                       Message("mann_whitney_ordered(counts1, counts2): every observation is in one category, so "
                               "the test is undefined"));
  CHECK_THROWS_MATCHES(stats::wald_test_ratio_ci(0.7, 0.8, 0.6), metareview::Error,
                       Message("log_se_from_ci(ci_lb, ci_ub, level): ci_ub must exceed ci_lb (0.8), got 0.6"));
}
