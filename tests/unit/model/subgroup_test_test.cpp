// model::subgroup_test against a hand calculation written out below; the forest plot's and
// the review's uses are checked against R meta/metafor in plot_commands_test.cpp and
// analysis_test.cpp.
#include <catch2/catch.hpp>

#include <cmath>

#include "../../support/tolerance.h"
#include "core/error.h"
#include "model/subgroup_test.h"

namespace model = metareview::model;
using metareview::test::kHandRelative;

TEST_CASE("subgroup test: Q of the subgroup estimates taken as studies", "[model]") {
  // w = 1/se^2 = 25 and 100; common estimate (25 * 0.1 + 100 * 0.5) / 125 = 0.42;
  // Q = 25 (0.1 - 0.42)^2 + 100 (0.5 - 0.42)^2 = 2.56 + 0.64 = 3.2 on 2 - 1 = 1 df;
  // p = P(chi2_1 > 3.2) = erfc(sqrt(3.2 / 2)).
  const auto t = model::subgroup_test({{"A", 0.1, 0.2}, {"B", 0.5, 0.1}});
  REQUIRE(t);
  CHECK(t->Q == Approx(3.2).epsilon(kHandRelative));
  CHECK(t->df == 1);
  CHECK(t->p == Approx(std::erfc(std::sqrt(3.2 / 2))).epsilon(kHandRelative));
  // Three equal estimates: Q = 0 on 2 df, p = 1.
  const auto same = model::subgroup_test({{"A", 0.3, 0.1}, {"B", 0.3, 0.2}, {"C", 0.3, 0.3}});
  REQUIRE(same);
  CHECK(same->Q == Approx(0).margin(1e-15));
  CHECK(same->df == 2);
  CHECK(same->p == Approx(1));
}

TEST_CASE("subgroup test: needs two subgroups and an SE above 0", "[model]") {
  CHECK_FALSE(model::subgroup_test({}));
  CHECK_FALSE(model::subgroup_test({{"A", 0.1, 0.2}}));
  REQUIRE_THROWS_WITH(model::subgroup_test({{"A", 0.1, 0.2}, {"B", 0.5, 0}}),
                      "sampling variances must be > 0; study 'B' has vi = 0");
}
