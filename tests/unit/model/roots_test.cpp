#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "model/roots.h"

namespace model = metareview::model;

TEST_CASE("solve_decreasing finds the root of a decreasing function", "[model]") {
  // f(x) = 4 - x^2 on x >= 0 has its root at 2 (hand value).
  const auto r = model::solve_decreasing([](double x) { return 4 - x * x; }, 0, 1, 1e-14);
  REQUIRE(r);
  CHECK(r->x == Approx(2.0).epsilon(1e-13));
  CHECK(r->hi_extended);  // f(1) = 3 > 0: the bracket doubled to [1, 2]
}

// Regression (issue 10, fuzzing): a Q that overflowed to NaN reached Boost's TOMS 748 with no
// sign change, which threw std::domain_error past every boundary (exit 3). No sign, no root.
TEST_CASE("solve_decreasing gives no root when f is NaN at an end of the bracket", "[model]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(model::solve_decreasing([&](double x) { return x < 50 ? 1.0 : nan; }, 0, 1, 1e-14));
  CHECK_FALSE(model::solve_decreasing([&](double) { return nan; }, 0, 1, 1e-14));
}
