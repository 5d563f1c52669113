// Small-study tests against R's metafor 3.8-1: tests/golden/bias/regtest.csv and ranktest.csv,
// made by make_goldens.R in this directory, e.g.
//   res <- rma(yi, vi, data = d, method = "REML", test = "knha",
//              control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   regtest(res, model = "lm", predictor = "sqrtninv"); ranktest(res)
//   fsn(yi, vi, type = "Orwin", target = 0.05, weighted = TRUE)
//   trimfill(rma(yi, vi, method = "DL", control = ctrl), side = "right", estimator = "R0", control = ctrl)
// yi/vi/ni come from R's escalc (inputs.csv), so these tests do not depend on ours.
// Peters' and Harbord's tests against R meta 7.0-0 (make_goldens_meta.R): metabias(m,
// method.bias = "Peters", k.min = 3) on binary_inputs.csv, whose yi/vi are metabin()'s.
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "methods/fsn.h"
#include "methods/ranktest.h"
#include "methods/regtest.h"
#include "methods/trimfill.h"
#include "model/spec.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"
#include "../methods/methods_cases.h"

namespace {

using metareview::test::GoldenChecker;
using metareview::test::GoldenCsv;
namespace effect = metareview::effect;
namespace methods = metareview::methods;
namespace model = metareview::model;

// Our value of each golden field, by the golden file's name.
using Fields = std::vector<std::pair<std::string, std::optional<double>>>;

std::optional<double> regtest_field(const methods::Regtest& r, const std::string& name) {
  if (name == "zval") return r.zval;
  if (name == "pval") return r.pval;
  if (name == "ddf") return r.ddf;
  if (name == "est") return r.est;
  if (name == "ci_lb") return r.ci_lb;
  if (name == "ci_ub") return r.ci_ub;
  if (name == "intercept") return r.intercept;
  if (name == "slope") return r.slope;
  FAIL("unknown regtest field " << name);
  return std::nullopt;
}

}  // namespace

TEST_CASE("regtest matches metafor 3.8-1 to 1e-6 relative for every predictor and model", "[methods][bias][golden]") {
  const auto cases = metareview::test::read_methods_cases("tests/golden/bias/inputs.csv");
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
    const methods::Regtest r = methods::regtest(cases.at(case_name), metareview::test::golden_spec(method, test), o);
    CHECK(r.k == static_cast<int>(cases.at(case_name).k()));
    GoldenChecker check{case_name + " " + method + " " + test + " " + model_code + " " + predictor};
    for (const auto& [field, value] : fields) check.value(field, regtest_field(r, field), value);
    compared += check.compared;
  }
  CHECK(compared >= 900);  // every field but metafor's NAs (ddf under z, est for ni/sqrtni)
}

TEST_CASE("ranktest matches metafor 3.8-1 exactly without ties and by the normal approximation with them",
          "[methods][bias][golden]") {
  const auto cases = metareview::test::read_methods_cases("tests/golden/bias/inputs.csv");
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
  const auto cases = metareview::test::read_methods_cases("tests/golden/bias/inputs.csv");
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
    const Fields ours{{"fsnum", f.fsnum}, {"pval", f.pval}, {"meanes", f.meanes}, {"target_used", f.target}};
    for (const auto& [name, v] : ours) check.value(name, v, csv.num(r, name));
  }
}

TEST_CASE("trimfill matches metafor 3.8-1 for L0, R0 and Q0, either side and metafor's choice",
          "[methods][bias][golden]") {
  const auto cases = metareview::test::read_methods_cases("tests/golden/bias/inputs.csv");
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
    const methods::Trimfill t = methods::trimfill(cases.at(case_name), metareview::test::golden_spec(method, "z"), o);
    GoldenChecker check{case_name + " " + method + " " + estimator + " " + side};
    const Fields ours{{"k0", t.k0},
                      {"se_k0", t.se_k0},
                      {"side", t.side == methods::TrimfillSide::Left ? 1 : 2},
                      {"p_k0", t.p_k0},
                      {"estimate", t.estimate},
                      {"se", t.se},
                      {"zval", t.zval},
                      {"pval", t.pval},
                      {"ci_lb", t.ci_lb},
                      {"ci_ub", t.ci_ub},
                      {"tau2", t.tau2}};
    for (const auto& [name, v] : ours) check.value(name, v, fields.at(name));
    REQUIRE(t.fill_yi.size() == static_cast<std::size_t>(t.k0));
    for (std::size_t j = 0; j < t.fill_yi.size(); ++j)
      check.value("fill_yi_" + std::to_string(j + 1), t.fill_yi[j], fields.at("fill_yi_" + std::to_string(j + 1)));
    filled += t.k0 > 0 ? 1 : 0;
  }
  CHECK(filled > 50);  // most cases fill studies, so the mirrored values are compared
}

TEST_CASE("Peters' and Harbord's tests match R meta 7.0-0's metabias() to 1e-6 relative", "[methods][bias][golden]") {
  const GoldenCsv in("tests/golden/bias/binary_inputs.csv");
  std::map<std::pair<std::string, std::string>, effect::EffectTable> cases;  // (case, measure)
  for (std::size_t r = 0; r < in.size(); ++r) {
    effect::EffectTable& t = cases[{in.str(r, "case"), in.str(r, "measure")}];
    t.measure = *metareview::core::parse_measure(in.str(r, "measure"));
    effect::StudyInput s;
    s.study = in.str(r, "study");
    s.ai = in.num(r, "ai"), s.n1i = in.num(r, "n1i"), s.ci = in.num(r, "ci"), s.n2i = in.num(r, "n2i");
    t.input.push_back(s);
    t.yi.push_back(in.num(r, "yi"));
    t.vi.push_back(in.num(r, "vi"));
    t.included.push_back(true);
  }
  const GoldenCsv csv("tests/golden/bias/binary_bias.csv");
  using Key = std::tuple<std::string, std::string, std::string>;  // case, measure, test
  std::map<Key, std::map<std::string, double>> expected;
  for (std::size_t r = 0; r < csv.size(); ++r)
    expected[{csv.str(r, "case"), csv.str(r, "measure"), csv.str(r, "test")}][csv.str(r, "field")] =
        csv.num(r, "value");
  REQUIRE(expected.size() == 2 * 3);  // {bcg, magnesium} x {OR Peters, RR Peters, OR Harbord}
  for (const auto& [key, f] : expected) {
    const auto& [case_name, measure, test] = key;
    const methods::BinaryBias b =
        methods::binary_bias_test(cases.at({case_name, measure}), *methods::parse_binary_bias_test(test));
    GoldenChecker check{case_name + " " + measure + " " + test};
    const Fields ours{{"statistic", b.statistic}, {"df", b.df},     {"pval", b.pval},
                      {"bias", b.bias},           {"se_bias", b.se_bias}, {"intercept", b.intercept},
                      {"se_intercept", b.se_intercept}, {"tau", b.tau}};
    for (const auto& [name, v] : ours) check.value(name, v, f.at(name));
  }
}
