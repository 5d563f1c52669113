// Leave-one-out and case diagnostics against R's metafor 3.8-1: tests/golden/methods/
// expected.csv, made by make_goldens.R in this directory, e.g.
//   res <- rma(yi, vi, data = d, method = "REML", test = "knha",
//              control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   leave1out(res); influence(res); rstudent(res); cumul(res, order = ...); baujat(res)
// yi/vi come from R's escalc (inputs.csv), so these tests do not depend on ours.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "methods/baujat.h"
#include "methods/cumulative.h"
#include "methods/leave_one_out.h"
#include "methods/methods.h"
#include "model/case_diagnostics.h"
#include "../../support/golden_csv.h"
#include "methods_cases.h"
#include "../../support/golden_check.h"
#include "../../support/tolerance.h"

namespace {

using metareview::test::GoldenCsv;
namespace model = metareview::model;
namespace effect = metareview::effect;
namespace methods = metareview::methods;

using Key = std::tuple<std::string, std::string, std::string, std::string>;  // case, method, test, what
using Values = std::map<std::string, std::vector<double>>;                   // field -> per study

std::map<Key, Values> read_expected() {
  const GoldenCsv csv("tests/golden/methods/expected.csv");
  std::map<Key, Values> out;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    auto& v = out[{csv.str(r, "case"), csv.str(r, "method"), csv.str(r, "test"), csv.str(r, "what")}]
                 [csv.str(r, "field")];
    const auto i = static_cast<std::size_t>(csv.num(r, "i"));
    if (v.size() < i) v.resize(i, std::nan(""));
    v[i - 1] = csv.num(r, "value");
  }
  return out;
}

using metareview::test::GoldenChecker;
using metareview::test::close_to_r;

std::optional<double> leave1out_field(const methods::LeaveOneOutFit& f, const std::string& name) {
  if (name == "estimate") return f.estimate;
  if (name == "se") return f.se;
  if (name == "zval") return f.zval;
  if (name == "pval") return f.pval;
  if (name == "ci.lb") return f.ci_lb;
  if (name == "ci.ub") return f.ci_ub;
  if (name == "Q") return f.Q;
  if (name == "Qp") return f.Qp;
  if (name == "tau2") return f.tau2;
  if (name == "I2") return f.I2;
  if (name == "H2") return f.H2;
  FAIL("unknown leave1out field " << name);
  return std::nullopt;
}

std::optional<double> influence_field(const model::CaseRow& c, const std::string& name) {
  if (name == "hat") return c.hat;
  if (name == "weight") return c.weight;
  if (name == "inf") return c.influential ? 1.0 : 0.0;
  REQUIRE(c.deleted.has_value());
  const model::Deleted& d = *c.deleted;
  if (name == "rstudent") return d.rstudent;
  if (name == "resid") return d.resid;
  if (name == "resid_se") return d.resid_se;
  if (name == "dffits") return d.dffits;
  if (name == "cook.d") return d.cook_d;
  if (name == "cov.r") return d.cov_r;
  if (name == "tau2.del") return d.tau2_del;
  if (name == "QE.del") return d.QE_del;
  if (name == "dfbetas") return d.dfbetas;
  FAIL("unknown influence field " << name);
  return std::nullopt;
}

}  // namespace

TEST_CASE("leave-one-out, influence, cumul and baujat match metafor 3.8-1 to 1e-6 relative", "[methods][golden]") {
  const auto cases = metareview::test::read_methods_cases();
  const auto expected = read_expected();
  // cases x (9 methods x {z, knha}) x {leave1out, influence, cumul, baujat}
  REQUIRE(expected.size() == 2 * 18 * 4);
  int compared = 0, flagged = 0;
  for (const auto& [key, values] : expected) {
    const auto& [case_name, method, test, what] = key;
    const effect::EffectTable& es = cases.at(case_name);
    const model::ModelSpec spec = metareview::test::golden_spec(method, test);
    GoldenChecker check{case_name + " " + method + " " + test + " " + what};
    if (what == "leave1out") {
      const methods::LeaveOneOut l = methods::leave_one_out(es, spec);
      REQUIRE(l.rows.size() == es.k());
      for (const auto& [field, v] : values) {
        REQUIRE(v.size() == es.k());
        for (std::size_t i = 0; i < v.size(); ++i) {
          CHECK(l.rows[i].row == i);
          REQUIRE(l.rows[i].fit.has_value());
          check.value(field + "[" + std::to_string(i + 1) + "]", leave1out_field(*l.rows[i].fit, field), v[i]);
        }
      }
    } else if (what == "cumul") {
      std::vector<std::size_t> order;
      for (const double r : values.at("order")) order.push_back(static_cast<std::size_t>(r) - 1);
      const methods::Cumulative c = methods::cumulative(es, spec, order);
      REQUIRE(c.rows.size() == es.k());
      for (const auto& [field, v] : values) {
        if (field == "order") continue;
        REQUIRE(v.size() == es.k());
        for (std::size_t i = 0; i < v.size(); ++i) {
          CHECK(c.rows[i].row == order[i]);
          REQUIRE(c.rows[i].fit.has_value());
          check.value(field + "[" + std::to_string(i + 1) + "]", leave1out_field(*c.rows[i].fit, field), v[i]);
        }
      }
    } else if (what == "baujat") {
      const methods::Baujat b = methods::baujat(es, spec);
      REQUIRE(b.points.size() == es.k());
      for (std::size_t i = 0; i < es.k(); ++i) {
        check.value("x[" + std::to_string(i + 1) + "]", b.points[i].x, values.at("x")[i]);
        check.value("y[" + std::to_string(i + 1) + "]", b.points[i].y, values.at("y")[i]);
      }
    } else {
      const model::CaseDiagnostics cd = model::case_diagnostics(es, spec);
      REQUIRE(cd.rows.size() == es.k());
      for (const auto& [field, v] : values) {
        REQUIRE(v.size() == es.k());
        for (std::size_t i = 0; i < v.size(); ++i) {
          check.value(field + "[" + std::to_string(i + 1) + "]", influence_field(cd.rows[i], field), v[i]);
          if (field == "inf") flagged += v[i] == 1;
        }
      }
    }
    compared += check.compared;
  }
  // Guards against a silently empty comparison, and against a flag rule never exercised.
  CHECK(compared > 14000);
  CHECK(flagged > 5);
}

TEST_CASE("the methods list runs leave_one_out and influence by name", "[methods][golden]") {
  // R: leave1out(rma(yi, vi, data = bcg_RR, method = "REML", control = ...))$estimate[1]
  // and influence(...)$inf$cook.d[1], as in expected.csv.
  const auto cases = metareview::test::read_methods_cases();
  const effect::EffectTable& es = cases.at("bcg_RR");
  const auto expected = read_expected();
  const model::ModelSpec spec = metareview::test::golden_spec("REML", "z");

  const methods::MethodInfo* l1o = methods::find_method("leave_one_out");
  REQUIRE(l1o != nullptr);
  const methods::MethodResult r = l1o->run(es, spec);
  CHECK(r.method == "leave_one_out");
  CHECK(r.columns.front() == "estimate");
  REQUIRE(r.rows.size() == es.k());
  REQUIRE(r.values[0][0].has_value());
  CHECK(close_to_r(*r.values[0][0], expected.at({"bcg_RR", "REML", "z", "leave1out"}).at("estimate")[0]));

  const methods::MethodInfo* infl = methods::find_method("influence");
  REQUIRE(infl != nullptr);
  const methods::MethodResult ri = infl->run(es, spec);
  CHECK(ri.columns.at(2) == "cook_d");
  REQUIRE(ri.values[0][2].has_value());
  CHECK(close_to_r(*ri.values[0][2], expected.at({"bcg_RR", "REML", "z", "influence"}).at("cook.d")[0]));

  // cumul(rma(...))$estimate[13] on bcg_RR: the fit of all studies (the golden order is by
  // year, but the last step holds every study whatever the order).
  const methods::MethodInfo* cum = methods::find_method("cumulative");
  REQUIRE(cum != nullptr);
  const methods::MethodResult rc = cum->run(es, spec);
  REQUIRE(rc.values.back()[0].has_value());
  CHECK(close_to_r(*rc.values.back()[0], expected.at({"bcg_RR", "REML", "z", "cumul"}).at("estimate").back()));
  const methods::MethodInfo* bj = methods::find_method("baujat");
  REQUIRE(bj != nullptr);
  const methods::MethodResult rb = bj->run(es, spec);
  CHECK(rb.columns == std::vector<std::string>{"x", "y"});
  REQUIRE(rb.values[0][1].has_value());
  CHECK(close_to_r(*rb.values[0][1], expected.at({"bcg_RR", "REML", "z", "baujat"}).at("y")[0]));

  CHECK(methods::find_method("gosh") == nullptr);  // not one row per study: methods/gosh.h
  CHECK(methods::all_methods().size() == 4);
}
