// Meta-regression against R's metafor 3.8-1: dat.bcg (log RR) with the moderators ablat,
// ablat + year, factor(alloc) and ablat + factor(alloc), every method in FE, DL, REML, ML,
// PM with z and Hartung-Knapp, in tests/golden/metareg/expected.csv, made by
// make_goldens.R in this directory, e.g.
//   rma(yi, vi, mods = ~ ablat + factor(alloc), data = d, method = "REML", test = "knha",
//       control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
// The data go the way `pool --mods` reads them: bcg.csv through the CSV reader with its
// moderator columns, escalc (GEN), model::make_design and model::meta_regression.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/text.h"
#include "effect/effect_csv.h"
#include "effect/escalc.h"
#include "model/metareg.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"
#include "../../support/golden_fits.h"

namespace {

namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::GoldenChecker;
using metareview::test::GoldenCsv;

// Each golden case's moderators, as `pool --mods` names them (alloc is text: a factor).
const std::map<std::string, std::vector<std::string>> kMods{
    {"ablat", {"ablat"}}, {"ablat_year", {"ablat", "year"}}, {"alloc", {"alloc"}}, {"ablat_alloc", {"ablat", "alloc"}}};

struct Data {
  effect::EffectTable es;
  model::Design design;
};

Data read_bcg(const std::vector<std::string>& mods, bool estimate_tau2) {
  metareview::core::Diagnostics diags;
  effect::ExtraColumns extra;
  extra.names = mods;
  const std::string path = std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/metareg/bcg.csv";
  const auto rows = effect::read_effect_csv(path, metareview::core::Measure::GEN, diags,
                                           effect::MissingValues::Error, &extra);
  REQUIRE(diags.to_string().empty());
  Data d{effect::escalc(metareview::core::Measure::GEN, rows, {}), {}};
  std::vector<model::ModeratorColumn> cols;
  for (std::size_t c = 0; c < mods.size(); ++c) cols.push_back({mods[c], extra.values[c], extra.header[c], {}, false});
  d.design = model::make_design(cols, std::vector<bool>(d.es.k(), true), estimate_tau2, diags);
  REQUIRE(diags.to_string().empty());
  return d;
}


model::ModelSpec spec_for(const std::string& method, const std::string& test) {
  model::ModelSpec spec;
  spec.method = *model::parse_method(method);
  spec.test = test == "z" ? model::Test::Z : model::Test::KNHA;
  return spec;
}


std::optional<double> field_of(const model::MetaReg& m, const std::string& name) {
  const model::Fit& f = m.fit;
  if (name == "k") return f.k;
  if (name == "p") return f.p;
  if (name == "QM") return m.omnibus.QM;
  if (name == "QM_p") return m.omnibus.QM_p;
  if (name == "QM_df1") return m.omnibus.QM_df1;
  if (name == "QM_df2") return m.omnibus.QM_df2;
  if (name == "QE") return f.Q;
  if (name == "QE_p") return f.Q_p;
  // metafor stores tau2 = 0 for a common-effect model; ours leaves it absent.
  if (name == "tau2") return f.spec.is_random_effects() ? f.tau2 : std::optional(0.0);
  if (name == "I2") return f.I2;
  if (name == "H2") return f.H2;
  if (name == "R2") return m.R2;
  FAIL("unknown golden field " << name);
  return std::nullopt;
}

}  // namespace

TEST_CASE("meta-regression matches metafor 3.8-1 to 1e-6 relative", "[model][metareg][golden]") {
  const auto expected = metareview::test::read_fit_golden("tests/golden/metareg/expected.csv");
  REQUIRE(expected.size() == 40);  // 4 moderator sets x 5 methods x 2 tests
  int compared = 0;
  for (const auto& [key, values] : expected) {
    const auto& [case_name, method, test] = key;
    const model::ModelSpec spec = spec_for(method, test);
    const Data d = read_bcg(kMods.at(case_name), spec.is_random_effects());
    const model::MetaReg m = model::meta_regression(d.es, d.design, spec);
    CHECK(m.fit.converged);
    GoldenChecker check{case_name + " " + method + " " + test};
    for (const auto& [field, v] : values) {
      if (const auto* coef = metareview::test::coefficient_values(m.fit, field)) {
        REQUIRE(v.size() - 1 == coef->size());
        for (std::size_t i = 1; i < v.size(); ++i)
          check.value(field + "[" + std::to_string(i) + "]", coef->at(i - 1), v[i]);
      } else {
        check.value(field, field_of(m, field), v.at(0));
      }
    }
    compared += check.compared;
  }
  CHECK(compared > 1000);
}

TEST_CASE("a text moderator is a factor with its first sorted level as reference, as R's factor()",
          "[model][metareg]") {
  // dat.bcg's alloc: alternate, random, systematic; metafor names the coefficients
  // factor(alloc)random and factor(alloc)systematic (here: allocrandom, allocsystematic).
  const Data d = read_bcg({"ablat", "alloc"}, true);
  CHECK(metareview::core::join(d.design.names, ", ") == "intrcpt, ablat, allocrandom, allocsystematic");
  CHECK(d.design.X.cols() == 4);
}
