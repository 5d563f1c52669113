// The printed-precision rules of check/precision.h, each with a hand-worked case.
#include <catch2/catch.hpp>

#include <cmath>

#include "check/precision.h"
#include "study_builder.h"

using metareview::check::agree;
using metareview::check::agree_p;
using metareview::check::Agreement;
using metareview::check::corner_range;
using metareview::check::magnitude;
using metareview::check::Range;
using metareview::test::check_support::num;
using metareview::test::check_support::pval;

TEST_CASE("rounding: a value printed with d decimals accepts half a unit either side", "[check]") {
  // "5.865" accepts [5.8645, 5.8655]: 5.86495 rounds to it, 5.8656 does not.
  CHECK(agree(num("5.865"), 5.86495) == Agreement::Rounded);
  CHECK(agree(num("5.865"), 5.8645) == Agreement::Rounded);  // the boundary itself
  CHECK(agree(num("5.865"), 5.8656) == Agreement::Truncated);  // above the rounding interval, but truncates
  CHECK(agree(num("5.865"), 5.8661) == Agreement::None);
  // One-decimal percentages: "55.1" accepts [55.05, 55.15]; 23/42 = 54.762% is not in it.
  CHECK(agree(num("55.1"), 100.0 * 23 / 42) == Agreement::None);
  // Zero decimals: "84" accepts 83.5 to 84.5.
  CHECK(agree(num("84"), 83.65) == Agreement::Rounded);
}

TEST_CASE("truncation: 0.50499 printed as 0.504 is accepted and named", "[check]") {
  // Truncated: printed <= x < printed + 0.001. 0.50499 rounds to 0.505 but truncates to 0.504.
  CHECK(agree(num("0.504"), 0.50499) == Agreement::Truncated);
  CHECK(agree(num("0.504"), 0.50499, std::nullopt, /*truncation=*/false) == Agreement::None);
  // 0.5051 neither rounds nor truncates to 0.504.
  CHECK(agree(num("0.504"), 0.5051) == Agreement::None);
  // Truncation never goes up: 0.5039 truncates to 0.503 (it rounds to 0.504, which is found first).
  CHECK(agree(num("0.504"), 0.5039) == Agreement::Rounded);
  CHECK(agree(num("0.503"), 0.50399) == Agreement::Truncated);
}

TEST_CASE("rounded inputs: a statistic reachable from inputs inside their rounding is accepted", "[check]") {
  // Niu Table 2, M protein before: t from the printed means and SDs is 0.78496 (rounds to 0.785),
  // and over means and SDs +-0.005 it spans 0.77796 to 0.79196, which contains 0.784.
  const Range r{0.77796, 0.79196};
  CHECK(agree(num("0.784"), 0.78496, r, /*truncation=*/false) == Agreement::WithinInputs);
  CHECK(agree(num("0.800"), 0.78496, r) == Agreement::None);  // 0.7995 > 0.79196
  // 0.792 is reached by rounding (0.7915 <= 0.79196); 0.793 neither by rounding
  // ([0.7925, 0.7935]) nor by truncation ([0.793, 0.794)).
  CHECK(agree(num("0.792"), 0.78496, r) == Agreement::WithinInputs);
  CHECK(agree(num("0.793"), 0.78496, r) == Agreement::None);
}

TEST_CASE("bounds: P<0.001 and P>0.05 are satisfied or not, also within rounded inputs", "[check]") {
  // Log-rank chi2 7.345 on 1 df: P = 0.0067250 does not satisfy P<0.001.
  CHECK(agree_p(pval("P<0.001"), 0.0067249532) == Agreement::None);
  CHECK(agree_p(pval("P<0.001"), 1.4531943e-05) == Agreement::Bound);
  CHECK(agree_p(pval(">0.05"), 0.077) == Agreement::Bound);
  CHECK(agree_p(pval(">0.05"), 0.0000080) == Agreement::None);
  CHECK(agree_p(pval("P <= 0.05"), 0.05) == Agreement::Bound);
  CHECK(agree_p(pval("≥0.05"), 0.05) == Agreement::Bound);
  // A bound missed by the exact p but met by some p reachable from rounded inputs:
  // Niu PFS Wald P 0.00101 from the printed CI, 0.00094 to 0.00107 within its rounding.
  CHECK(agree_p(pval("P<0.001"), 0.001007, Range{0.00094, 0.00107}) == Agreement::WithinInputs);
  CHECK(agree_p(pval("P>0.05"), 0.04, Range{0.03, 0.049}) == Agreement::None);
  // An equality follows the number rules: ".042" with 3 decimals.
  CHECK(agree_p(pval("P = .042"), 0.0424) == Agreement::Rounded);
  CHECK(agree_p(pval("P = .042"), 0.03575, Range{0.02904, 0.04326}) == Agreement::WithinInputs);
}

TEST_CASE("corner_range: extremes of a monotone function over the rounding box", "[check]") {
  // f(x, y) = x - y over x = 1 +- 0.5, y = 0 +- 0.25: extremes 0.25 and 1.75.
  const auto r = corner_range({1, 0}, {0.5, 0.25}, {-INFINITY, -INFINITY},
                              [](const std::vector<double>& x) { return x[0] - x[1]; });
  REQUIRE(r);
  CHECK(r->lo == 0.25);
  CHECK(r->hi == 1.75);
  // A floor clamps a coordinate: y >= 0 leaves x - y at most 1.5.
  CHECK(corner_range({1, 0}, {0.5, 0.25}, {-INFINITY, 0}, [](const std::vector<double>& x) { return x[0] - x[1]; })
            ->hi == 1.5);
  // |f| over a range that crosses zero starts at zero.
  CHECK(magnitude(Range{-0.2, 0.5}).lo == 0);
  CHECK(magnitude(Range{-0.2, 0.5}).hi == 0.5);
  CHECK(magnitude(Range{-0.5, -0.2}).lo == 0.2);
}
