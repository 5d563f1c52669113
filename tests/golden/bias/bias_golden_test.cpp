// Small-study tests against R's metafor 3.8-1: tests/golden/bias/regtest.csv and ranktest.csv,
// made by make_goldens.R in this directory, e.g.
//   res <- rma(yi, vi, data = d, method = "REML", test = "knha",
//              control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   regtest(res, model = "lm", predictor = "sqrtninv"); ranktest(res)
//   fsn(yi, vi, type = "Orwin", target = 0.05, weighted = TRUE)
//   trimfill(rma(yi, vi, method = "DL", control = ctrl), side = "right", estimator = "R0", control = ctrl)
// yi/vi/ni come from R's escalc (inputs.csv), so these tests do not depend on ours.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "effect/effect_table.h"
#include "methods/fsn.h"
#include "methods/ranktest.h"
#include "methods/regtest.h"
#include "methods/trimfill.h"
#include "model/spec.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"

namespace {

using metareview::test::GoldenChecker;
using metareview::test::GoldenCsv;
namespace effect = metareview::effect;
namespace methods = metareview::methods;
namespace model = metareview::model;

std::map<std::string, effect::EffectTable> read_cases() {
  const GoldenCsv csv("tests/golden/bias/inputs.csv");
  std::map<std::string, effect::EffectTable> cases;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    effect::EffectTable& t = cases[csv.str(r, "case")];
    effect::StudyInput s;
    s.study = csv.str(r, "study");
    t.input.push_back(s);
    t.yi.push_back(csv.num(r, "yi"));
    t.vi.push_back(csv.num(r, "vi"));
    t.ni.push_back(csv.num(r, "ni"));
    t.included.push_back(true);
  }
  return cases;
}

// The R call's control (make_goldens.R): Fisher scoring to 1e-12.
model::ModelSpec spec_for(const std::string& method, const std::string& test) {
  model::ModelSpec spec;
  spec.method = *model::parse_method(method);
  spec.test = *model::parse_test(test);
  spec.control.threshold = 1e-12;
  return spec;
}

std::optional<double> regtest_field(const methods::Regtest& r, const std::string& name) {
  if (name == "zval") return r.zval;
  if (name == "pval") return r.pval;
  if (name == "ddf") return r.ddf;
  if (name == "est") return r.est;
  if (name == "ci_lb") return r.ci_lb;
  if (name == "ci_ub") return r.ci_ub;
  FAIL("unknown regtest field " << name);
  return std::nullopt;
}

}  // namespace

TEST_CASE("regtest matches metafor 3.8-1 to 1e-6 relative for every predictor and model", "[methods][bias][golden]") {
  const auto cases = read_cases();
  const GoldenCsv csv("tests/golden/bias/regtest.csv");
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, std::map<std::string, double>> expected;
  for (std::size_t r = 0; r < csv.size(); ++r)
    expected[{csv.str(r, "case"), csv.str(r, "method"), csv.str(r, "test"), csv.str(r, "model"),
              csv.str(r, "predictor")}][csv.str(r, "field")] = csv.num(r, "value");
  // bcg_RR and normand_SMD: 6 predictors; the hackshaw cases (no ni): sei and vi; each for
  // {FE, DL, REML} x {z, knha} x {rma, lm}.
  REQUIRE(expected.size() == (2 * 6 + 2 * 2) * 3 * 2 * 2);
  int compared = 0;
  for (const auto& [key, fields] : expected) {
    const auto& [case_name, method, test, model_code, predictor] = key;
    methods::RegtestOptions o;
    o.model = *methods::parse_regtest_model(model_code);
    o.predictor = *methods::parse_regtest_predictor(predictor);
    const methods::Regtest r = methods::regtest(cases.at(case_name), spec_for(method, test), o);
    CHECK(r.k == static_cast<int>(cases.at(case_name).k()));
    GoldenChecker check{case_name + " " + method + " " + test + " " + model_code + " " + predictor};
    for (const auto& [field, value] : fields) check.value(field, regtest_field(r, field), value);
    compared += check.compared;
  }
  CHECK(compared >= 900);  // every field but metafor's NAs (ddf under z, est for ni/sqrtni)
}

TEST_CASE("ranktest matches metafor 3.8-1 exactly without ties and by the normal approximation with them",
          "[methods][bias][golden]") {
  const auto cases = read_cases();
  const GoldenCsv csv("tests/golden/bias/ranktest.csv");
  REQUIRE(csv.size() == 4);
  for (std::size_t r = 0; r < csv.size(); ++r) {
    const methods::Ranktest t = methods::ranktest(cases.at(csv.str(r, "case")));
    GoldenChecker check{csv.str(r, "case")};
    check.value("tau", t.tau, csv.num(r, "tau"));
    check.value("pval", t.pval, csv.num(r, "pval"));
    CHECK(t.exact == (csv.str(r, "case") != "hackshaw_ties"));
  }
}

TEST_CASE("fsn matches metafor 3.8-1 for Rosenthal, Orwin and Rosenberg", "[methods][bias][golden]") {
  const auto cases = read_cases();
  const GoldenCsv csv("tests/golden/bias/fsn.csv");
  REQUIRE(csv.size() == 4 * 8);
  for (std::size_t r = 0; r < csv.size(); ++r) {
    methods::FsnOptions o;
    o.type = *methods::parse_fsn_type(csv.str(r, "type"));
    o.alpha = csv.num(r, "alpha");
    if (csv.str(r, "target") != "NA") o.target = csv.num(r, "target");
    o.weighted = csv.flag(r, "weighted");
    const methods::Fsn f = methods::fsn(cases.at(csv.str(r, "case")), o);
    GoldenChecker check{csv.str(r, "case") + " " + csv.str(r, "type") + " row " + std::to_string(r + 2)};
    check.value("fsnum", f.fsnum, csv.num(r, "fsnum"));
    check.value("pval", f.pval, csv.num(r, "pval"));
    check.value("meanes", f.meanes, csv.num(r, "meanes"));
    check.value("target", f.target, csv.num(r, "target_used"));
  }
}

TEST_CASE("trimfill matches metafor 3.8-1 for L0, R0 and Q0, either side and metafor's choice",
          "[methods][bias][golden]") {
  const auto cases = read_cases();
  const GoldenCsv csv("tests/golden/bias/trimfill.csv");
  using Key = std::tuple<std::string, std::string, std::string, std::string>;  // case, method, estimator, side
  std::map<Key, std::map<std::string, double>> expected;
  for (std::size_t r = 0; r < csv.size(); ++r)
    expected[{csv.str(r, "case"), csv.str(r, "method"), csv.str(r, "estimator"), csv.str(r, "side")}]
            [csv.str(r, "field")] = csv.num(r, "value");
  REQUIRE(expected.size() == 4 * 3 * 3 * 3);  // cases x {FE, DL, REML} x estimators x {default, left, right}
  int filled = 0;
  for (const auto& [key, fields] : expected) {
    const auto& [case_name, method, estimator, side] = key;
    methods::TrimfillOptions o;
    o.estimator = *methods::parse_trimfill_estimator(estimator);
    if (side != "default") o.side = *methods::parse_trimfill_side(side);
    const methods::Trimfill t = methods::trimfill(cases.at(case_name), spec_for(method, "z"), o);
    GoldenChecker check{case_name + " " + method + " " + estimator + " " + side};
    check.value("k0", t.k0, fields.at("k0"));
    check.value("se_k0", t.se_k0, fields.at("se_k0"));
    check.value("side", t.side == methods::TrimfillSide::Left ? 1 : 2, fields.at("side"));
    check.value("p_k0", t.p_k0, fields.at("p_k0"));
    check.value("estimate", t.estimate, fields.at("estimate"));
    check.value("se", t.se, fields.at("se"));
    check.value("zval", t.zval, fields.at("zval"));
    check.value("pval", t.pval, fields.at("pval"));
    check.value("ci_lb", t.ci_lb, fields.at("ci_lb"));
    check.value("ci_ub", t.ci_ub, fields.at("ci_ub"));
    check.value("tau2", t.tau2, fields.at("tau2"));
    REQUIRE(t.fill_yi.size() == static_cast<std::size_t>(t.k0));
    for (std::size_t j = 0; j < t.fill_yi.size(); ++j)
      check.value("fill_yi_" + std::to_string(j + 1), t.fill_yi[j], fields.at("fill_yi_" + std::to_string(j + 1)));
    filled += t.k0 > 0 ? 1 : 0;
  }
  CHECK(filled > 50);  // most cases fill studies, so the mirrored values are compared
}
