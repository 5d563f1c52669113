// methods::leave_one_out: row mapping and error paths; metafor's values are in
// tests/golden/methods.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "../../support/tolerance.h"
#include "core/error.h"
#include "methods/leave_one_out.h"
#include "../model/tables.h"

namespace methods = metareview::methods;
namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::kHandRelative;
using metareview::test::table;

TEST_CASE("leave_one_out skips rows not in the fit and names the row it left out", "[methods]") {
  // FE, vi = 1: without row 0 the estimate is mean(2, 4) = 3 with se sqrt(1/2);
  // without row 3 it is mean(0, 2) = 1. Row 1 (NaN yi) is not in the fit.
  model::ModelSpec fe;
  fe.method = model::Method::FE;
  const methods::LeaveOneOut l = methods::leave_one_out(table({0, std::nan(""), 2, 4}, {1, 1, 1, 1}), fe);
  REQUIRE(l.rows.size() == 3);
  CHECK(l.rows[0].row == 0);
  CHECK(l.rows[2].row == 3);
  REQUIRE(l.rows[0].fit);
  CHECK(l.rows[0].fit->estimate == Approx(3).epsilon(kHandRelative));
  CHECK(l.rows[0].fit->se == Approx(std::sqrt(0.5)).epsilon(kHandRelative));
  CHECK(l.rows[0].fit->Q == Approx(2).epsilon(kHandRelative));  // (2-3)^2 + (4-3)^2
  CHECK_FALSE(l.rows[0].fit->tau2.has_value());
  CHECK(l.rows[2].fit->estimate == Approx(1).epsilon(kHandRelative));
  CHECK(l.spec.method == model::Method::FE);
}

TEST_CASE("leave_one_out needs two studies", "[methods]") {
  CHECK_THROWS_WITH(methods::leave_one_out(table({0.4}, {0.1}), model::ModelSpec{}),
                    "leave_one_out: k = 1; at least 2 studies are needed");
}
