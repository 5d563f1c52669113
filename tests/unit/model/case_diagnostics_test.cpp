// model::case_diagnostics on a hand-calculable case; metafor's values for real data are in
// tests/golden/methods.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "../../support/tolerance.h"
#include "core/error.h"
#include "model/case_diagnostics.h"
#include "tables.h"

namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::kHandRelative;
using metareview::test::table;

namespace {

model::ModelSpec fe() { return metareview::test::spec(model::Method::FE); }

}  // namespace

TEST_CASE("case diagnostics of a common-effect fit, by hand", "[model]") {
  // yi = 0, 1, 2 with vi = 1: beta = 1, Var(beta) = 1/3, hat = 1/3 each.
  // Without study 1: beta(-1) = 1.5, Var = 1/2, Q(-1) = 0.25 + 0.25 = 0.5.
  //   resid = 0 - 1.5 = -1.5, se = sqrt(1 + 1/2), rstudent = -1.5 / sqrt(1.5)
  //   dffits = (1 - 1.5) / sqrt(1/3 * 1) = -sqrt(3)/2; Cook = 0.25 / (1/3) = 0.75
  //   cov_r = (1/2) / (1/3) = 1.5; dfbetas = -0.5 / sqrt(1/3) = -sqrt(3)/2
  //   flagged: pchisq(0.75, 1) = 0.61 > 0.5 (metafor's rule).
  // Without study 2: beta(-2) = 1, every difference is 0, not flagged.
  const model::CaseDiagnostics cd = model::case_diagnostics(table({0, 1, 2}, {1, 1, 1}), fe());
  REQUIRE(cd.rows.size() == 3);
  const model::CaseRow& c = cd.rows[0];
  CHECK(c.hat == Approx(1.0 / 3).epsilon(kHandRelative));
  CHECK(c.weight == Approx(100.0 / 3).epsilon(kHandRelative));
  REQUIRE(c.deleted);
  CHECK(c.deleted->resid == Approx(-1.5).epsilon(kHandRelative));
  CHECK(c.deleted->resid_se == Approx(std::sqrt(1.5)).epsilon(kHandRelative));
  CHECK(c.deleted->rstudent == Approx(-1.5 / std::sqrt(1.5)).epsilon(kHandRelative));
  CHECK(c.deleted->dffits == Approx(-std::sqrt(3.0) / 2).epsilon(kHandRelative));
  CHECK(c.deleted->cook_d == Approx(0.75).epsilon(kHandRelative));
  CHECK(c.deleted->cov_r == Approx(1.5).epsilon(kHandRelative));
  CHECK(c.deleted->dfbetas == Approx(-std::sqrt(3.0) / 2).epsilon(kHandRelative));
  CHECK(c.deleted->QE_del == Approx(0.5).epsilon(kHandRelative));
  CHECK_FALSE(c.deleted->tau2_del.has_value());
  CHECK(c.influential);
  REQUIRE(cd.rows[1].deleted);
  CHECK(cd.rows[1].deleted->resid == 0);
  CHECK(cd.rows[1].deleted->cook_d == 0);
  CHECK_FALSE(cd.rows[1].influential);
}

TEST_CASE("case diagnostics refuse MH and a single study", "[model]") {
  model::ModelSpec mh = fe();
  mh.method = model::Method::MH;
  CHECK_THROWS_WITH(model::case_diagnostics(table({0, 1}, {1, 1}), mh),
                    "case diagnostics: MH is not an inverse-variance fit; use FE or a tau2 estimator");
  CHECK_THROWS_WITH(model::case_diagnostics(table({0, 1}, {1, std::nan("")}), fe()),
                    "case diagnostics: k = 1; at least 2 studies are needed");
}
