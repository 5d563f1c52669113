// methods::cumulative and methods::baujat: hand calculations and error paths; metafor's
// values are in tests/golden/methods.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "../../support/tolerance.h"
#include "../model/tables.h"
#include "core/error.h"
#include "methods/baujat.h"
#include "methods/cumulative.h"

namespace methods = metareview::methods;
namespace model = metareview::model;
using metareview::test::kHandRelative;
using metareview::test::table;

namespace {
model::ModelSpec fe() {
  model::ModelSpec spec;
  spec.method = model::Method::FE;
  return spec;
}
}  // namespace

TEST_CASE("cumulative adds one study per row in the order given", "[methods]") {
  // FE, vi = 1, yi = 0, 2, 4 in the order 2, 0, 1: the running means are 4, 2, 2 with
  // se 1, sqrt(1/2), sqrt(1/3); Q of {4, 0} is (4-2)^2 + (0-2)^2 = 8.
  const methods::Cumulative c = methods::cumulative(table({0, 2, 4}, {1, 1, 1}), fe(), {2, 0, 1});
  REQUIRE(c.rows.size() == 3);
  CHECK(c.rows[0].row == 2);
  CHECK(c.rows[0].fit->estimate == Approx(4).epsilon(kHandRelative));
  CHECK(c.rows[0].fit->se == Approx(1).epsilon(kHandRelative));
  CHECK(c.rows[1].fit->estimate == Approx(2).epsilon(kHandRelative));
  CHECK(c.rows[1].fit->Q == Approx(8).epsilon(kHandRelative));
  CHECK(c.rows[2].fit->se == Approx(std::sqrt(1.0 / 3)).epsilon(kHandRelative));
  CHECK(methods::order_by({2001, 1999, 2001, 1990}) == std::vector<std::size_t>{3, 1, 0, 2});
}

TEST_CASE("cumulative rejects an order that is not a permutation of the rows", "[methods]") {
  const auto es = table({0, 2, 4}, {1, 1, 1});
  CHECK_THROWS_WITH(methods::cumulative(es, fe(), {0, 0, 1}),
                    "cumulative: the order must name each of the 3 table rows once; row 0 appears twice");
  CHECK_THROWS_WITH(methods::cumulative(es, fe(), {0, 3, 1}),
                    "cumulative: the order must name each of the 3 table rows once; row 3 does not exist");
  CHECK_THROWS_WITH(methods::cumulative(es, fe(), {0, 1}),
                    "cumulative: the order names 2 of the 3 table rows; it must name each once");
}

TEST_CASE("baujat: contribution to Q and influence on the estimate", "[methods]") {
  // FE, vi = 1, yi = 0, 2, 4: estimate 2, so x = (0-2)^2 = 4, 0, 4 (the terms of Q = 8).
  // Without study 1 (yi = 0) the estimate is 3 with variance 1/2: y = (3-2)^2 / 0.5 = 2;
  // without study 2 (yi = 2) it is still 2: y = 0.
  const methods::Baujat b = methods::baujat(table({0, 2, 4}, {1, 1, 1}), fe());
  REQUIRE(b.points.size() == 3);
  CHECK(b.points[0].x == Approx(4).epsilon(kHandRelative));
  CHECK(b.points[1].x == 0);
  CHECK(*b.points[0].y == Approx(2).epsilon(kHandRelative));
  CHECK(*b.points[1].y == Approx(0).margin(1e-15));
  CHECK_THROWS_WITH(methods::baujat(table({0, 2}, {1, 1}), fe()), "baujat: k = 2; at least 3 studies are needed");
}
