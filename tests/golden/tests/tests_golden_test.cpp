// Two-group tests against R: chisq.test, fisher.test, t.test (formulas checked against
// t.test() itself in the script), wilcox.test on expanded data and pchisq. The CSV files
// in this folder were written by make_golden.R (rerun it to regenerate them).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/error.h"
#include "stats/tests.h"
#include "../../support/golden_csv.h"
#include "../../support/tolerance.h"

namespace stats = metareview::stats;
using metareview::test::GoldenCsv;
using metareview::test::kRAbsoluteFloor;
using metareview::test::kRRelative;

namespace {
Approx near_r(double r_value) { return Approx(r_value).epsilon(kRRelative).margin(kRAbsoluteFloor); }
}  // namespace

TEST_CASE("chi-squared with and without Yates and Fisher's exact test match R on 2x2 tables", "[stats][reference]") {
  const GoldenCsv g("tests/golden/tests/two_by_two.csv");
  REQUIRE(g.size() == 11);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "case"));
    const double a = g.num(i, "a"), b = g.num(i, "b"), c = g.num(i, "c"), d = g.num(i, "d");
    for (const bool yates : {false, true}) {
      const std::string tag = yates ? "yates" : "pearson";
      INFO(tag);
      if (std::isnan(g.num(i, tag + "_x2"))) {
        // R returns NaN for an empty row or column; the library refuses instead.
        CHECK_THROWS_AS(stats::chisq_test_2x2(a, b, c, d, yates), metareview::Error);
        continue;
      }
      const auto r = stats::chisq_test_2x2(a, b, c, d, yates);
      CHECK(r.statistic == near_r(g.num(i, tag + "_x2")));
      CHECK(r.df == 1);
      CHECK(r.p == near_r(g.num(i, tag + "_p")));
      CHECK(r.warning.empty() == !g.flag(i, tag + "_warns"));
    }
    CHECK(stats::fisher_test_2x2(a, b, c, d).p == near_r(g.num(i, "fisher_p")));
  }
}

TEST_CASE("Student and Welch t from summary data match R's t.test", "[stats][reference]") {
  const GoldenCsv g("tests/golden/tests/t_tests.csv");
  REQUIRE(g.size() == 13);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "case"));
    const double m1 = g.num(i, "m1"), sd1 = g.num(i, "sd1"), n1 = g.num(i, "n1");
    const double m2 = g.num(i, "m2"), sd2 = g.num(i, "sd2"), n2 = g.num(i, "n2");
    const auto s = stats::t_test_student(m1, sd1, n1, m2, sd2, n2);
    CHECK(s.statistic == near_r(g.num(i, "student_t")));
    CHECK(s.df == g.num(i, "student_df"));
    CHECK(s.p == near_r(g.num(i, "student_p")));
    const auto w = stats::t_test_welch(m1, sd1, n1, m2, sd2, n2);
    CHECK(w.statistic == near_r(g.num(i, "welch_t")));
    CHECK(w.df == near_r(g.num(i, "welch_df")));
    CHECK(w.p == near_r(g.num(i, "welch_p")));
  }
}

TEST_CASE("Mann-Whitney U over ordered categories matches wilcox.test on the expanded data", "[stats][reference]") {
  const GoldenCsv g("tests/golden/tests/mann_whitney.csv");
  REQUIRE(g.size() == 10);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "case"));
    const auto c1 = g.list(i, "counts1"), c2 = g.list(i, "counts2");
    double n1 = 0, n2 = 0;
    for (double x : c1) n1 += x;
    for (double x : c2) n2 += x;
    for (const bool correct : {true, false}) {
      const std::string tag = correct ? "cc" : "nocc";
      INFO(tag);
      const auto r = stats::mann_whitney_ordered(c1, c2, correct);
      CHECK(r.w == g.num(i, "W"));
      CHECK(r.u == std::min(r.w, n1 * n2 - r.w));
      CHECK(r.z == near_r(g.num(i, tag + "_z")));
      CHECK(r.p == near_r(g.num(i, tag + "_p")));
    }
  }
}

TEST_CASE("upper-tail p of a chi-squared statistic matches pchisq", "[stats][reference]") {
  const GoldenCsv g("tests/golden/tests/chisq_p.csv");
  REQUIRE(g.size() == 5);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "case"));
    const auto r = stats::chisq_statistic_test(g.num(i, "chi2"), g.num(i, "df"));
    CHECK(r.p == near_r(g.num(i, "p")));
  }
}
