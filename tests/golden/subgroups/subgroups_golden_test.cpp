// model::fit_subgroups with one tau2 for all subgroups against metafor's mixed-effects model
// (make_golden.R here writes expected.csv): tau2, the test for subgroup differences (QM) and
// each subgroup's estimate and SE at that tau2, for REML, DL and PM.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/golden_csv.h"
#include "../../support/tolerance.h"
#include "core/error.h"
#include "effect/escalc.h"
#include "model/subgroups.h"

namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::GoldenCsv;
using metareview::test::kRRelative;

namespace {

// tests/golden/render/anticd38_pfs.csv: study,year,subgroup,hr,ci_lb,ci_ub (95% CIs).
std::vector<effect::StudyInput> anticd38(bool castor_alone) {
  std::ifstream in(std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/render/anticd38_pfs.csv");
  std::string line;
  std::getline(in, line);
  std::vector<effect::StudyInput> rows;
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    std::string study, year, subgroup, hr, lb, ub;
    std::getline(cells, study, ',');
    std::getline(cells, year, ',');
    std::getline(cells, subgroup, ',');
    std::getline(cells, hr, ',');
    std::getline(cells, lb, ',');
    std::getline(cells, ub, ',');
    effect::StudyInput s;
    s.study = study;
    s.subgroup = castor_alone ? (study == "CASTOR" ? "CASTOR alone" : "Others") : subgroup;
    s.hr = std::stod(hr), s.hr_ci_lb = std::stod(lb), s.hr_ci_ub = std::stod(ub);
    rows.push_back(s);
  }
  return rows;
}

}  // namespace

TEST_CASE("subgroups with a common tau2 match metafor's rma(mods = ~ factor(g))", "[model][golden]") {
  const GoldenCsv g("tests/golden/subgroups/expected.csv");
  REQUIRE(g.size() == 6);
  for (std::size_t r = 0; r < g.size(); ++r) {
    INFO(g.str(r, "case") << " " << g.str(r, "method"));
    const auto es = effect::escalc(metareview::core::Measure::HR, anticd38(g.str(r, "case") == "single"));
    model::ModelSpec random;
    random.method = *model::parse_method(g.str(r, "method"));
    random.control.threshold = 1e-12;
    const auto fits = model::fit_subgroups(es, std::nullopt, random, model::SubgroupTau2::Common);
    REQUIRE(fits.test);
    REQUIRE(fits.tau2_common);
    const double tau2 = *fits.tau2_common;
    CHECK(tau2 == Approx(g.num(r, "tau2")).epsilon(kRRelative));
    CHECK(fits.test->Q == Approx(g.num(r, "QM")).epsilon(kRRelative));
    CHECK(fits.test->df == g.num(r, "QM_df"));
    CHECK(fits.test->p == Approx(g.num(r, "QM_p")).epsilon(kRRelative));
    REQUIRE(fits.subgroups.size() == 2);
    for (int s = 0; s < 2; ++s) {
      const model::Fit& f = *fits.subgroups[static_cast<std::size_t>(s)].random;
      CHECK(*f.tau2 == tau2);
      CHECK(f.estimate() == Approx(g.num(r, "est" + std::to_string(s + 1))).epsilon(kRRelative));
      CHECK(f.se[0] == Approx(g.num(r, "se" + std::to_string(s + 1))).epsilon(kRRelative));
    }
    // Each subgroup its own tau2 (the default) is another model: CASTOR alone has tau2 0.
    const auto separate = model::fit_subgroups(es, std::nullopt, random);
    CHECK_FALSE(separate.tau2_common);
    CHECK(separate.test->Q != Approx(fits.test->Q).epsilon(1e-3));
  }
}

TEST_CASE("a common tau2 needs more studies than subgroups", "[model]") {
  std::vector<effect::StudyInput> rows = anticd38(false);
  rows.resize(3);  // CANDOR, IKEMA, CASTOR
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].subgroup = rows[i].study;
  model::ModelSpec random;
  random.method = model::Method::REML;
  REQUIRE_THROWS_MATCHES(
      model::fit_subgroups(effect::escalc(metareview::core::Measure::HR, rows), std::nullopt, random,
                           model::SubgroupTau2::Common),
      metareview::Error,
      Catch::Message("a common tau2 across subgroups needs more studies than subgroups (3 studies in 3 subgroups); "
                     "use separate tau2 per subgroup"));
}
