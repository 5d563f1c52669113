// The pooling engine against R's metafor 3.8-1: every dataset x measure x method x test in
// tests/golden/rma/expected.csv, made by make_golden.R in this directory, e.g.
//   rma(yi, vi, data = d, method = "REML", test = "knha",
//       control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   confint(res, control = list(tol = 1e-12, maxiter = 10000)); predict(res, pi.type = "riley")
//   rma.mh(ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = cnt, measure = "OR"); rma.peto(...)
// yi/vi (and the 2x2 counts for MH and Peto) come from R too, so these tests do not depend
// on escalc.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "model/fit.h"
#include "../../support/golden_csv.h"
#include "../../support/golden_fits.h"
#include "../../support/golden_check.h"
#include "../../support/tolerance.h"

namespace {

using metareview::test::GoldenCsv;
namespace model = metareview::model;
namespace effect = metareview::effect;

struct Case {
  metareview::core::Measure measure{};
  effect::EffectTable table;
  std::vector<double> x1;  ///< a moderator (all NaN: intercept-only)
  bool has_moderator() const { return !x1.empty() && !std::isnan(x1.front()); }
  Eigen::MatrixXd design() const {
    Eigen::MatrixXd X(static_cast<Eigen::Index>(x1.size()), 2);
    for (std::size_t i = 0; i < x1.size(); ++i) X.row(static_cast<Eigen::Index>(i)) << 1.0, x1[i];
    return X;
  }
};

std::map<std::string, Case> read_cases() {
  const GoldenCsv csv("tests/golden/rma/inputs.csv");
  std::map<std::string, Case> cases;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    Case& c = cases[csv.str(r, "case")];
    c.measure = *metareview::core::parse_measure(csv.str(r, "measure"));
    effect::StudyInput s;
    s.study = csv.str(r, "study");
    s.ai = csv.num(r, "ai"), s.n1i = csv.num(r, "n1i"), s.ci = csv.num(r, "ci"), s.n2i = csv.num(r, "n2i");
    c.table.measure = c.measure;
    c.table.input.push_back(s);
    c.table.yi.push_back(csv.num(r, "yi"));
    c.table.vi.push_back(csv.num(r, "vi"));
    c.table.included.push_back(true);
    c.x1.push_back(csv.num(r, "x1"));
  }
  return cases;
}


using metareview::test::GoldenChecker;


std::optional<double> field_of(const model::Fit& f, const std::string& name) {
  if (name == "k") return f.k;
  if (name == "Q") return f.Q;
  if (name == "Q_df") return f.Q_df;
  if (name == "Q_p") return f.Q_p;
  if (name == "I2") return f.I2;
  if (name == "H2") return f.H2;
  if (name == "s2w") return f.s2w;
  if (name == "tau2") return f.tau2;
  if (name == "se_tau2") return f.se_tau2;
  if (name == "tau2_ci_lb") return f.tau2_ci_lb;
  if (name == "tau2_ci_ub") return f.tau2_ci_ub;
  if (name == "I2_ci_lb") return f.I2_ci_lb;
  if (name == "I2_ci_ub") return f.I2_ci_ub;
  if (name == "H2_ci_lb") return f.H2_ci_lb;
  if (name == "H2_ci_ub") return f.H2_ci_ub;
  FAIL("unknown golden field " << name);
  return std::nullopt;
}

model::ModelSpec spec_for(const std::string& method, const std::string& test) {
  model::ModelSpec spec;
  spec.method = *model::parse_method(method);
  spec.test = test == "z" ? model::Test::Z : model::Test::KNHA;
  if (test == "adhoc") spec.knha_adhoc = model::KnhaAdhoc::Floor;  // metafor's test = "adhoc"
  return spec;
}

// metafor's rma.mh/rma.peto drop double-zero tables from the per-study outcomes (drop00 =
// TRUE) but keep them in the pooled estimate; escalc() would mark them as not included.
effect::EffectTable for_counts(effect::EffectTable t) {
  t.options.drop00 = true;
  for (std::size_t i = 0; i < t.k(); ++i) {
    const auto& s = t.input[i];
    if ((s.ai == 0 && s.ci == 0) || (s.ai == s.n1i && s.ci == s.n2i)) t.included[i] = false;
  }
  return t;
}

}  // namespace

TEST_CASE("every fit matches metafor 3.8-1 to 1e-6 relative", "[model][golden]") {
  const auto cases = read_cases();
  const auto expected = metareview::test::read_fit_golden("tests/golden/rma/expected.csv");
  REQUIRE(expected.size() > 300);
  int fits = 0, compared = 0;
  for (const auto& [key, values] : expected) {
    const auto& [case_name, method, test] = key;
    const Case& c = cases.at(case_name);
    const model::ModelSpec spec = spec_for(method, test);
    const bool counts = method == "MH" || method == "PETO";
    const effect::EffectTable table = counts ? for_counts(c.table) : c.table;
    GoldenChecker check{case_name + " " + method + " " + test};
    const auto fit_with = [&](const model::ModelSpec& s) {
      return c.has_moderator() ? model::fit(table, c.design(), s) : model::fit(table, s);
    };
    const model::Fit f = fit_with(spec);
    ++fits;
    CHECK(f.converged);
    for (const auto& [field, v] : values) {
      if (const auto* coef = metareview::test::coefficient_values(f, field)) {
        const std::size_t first = v.size() == 1 ? 0 : 1;
        REQUIRE(v.size() - first == coef->size());
        for (std::size_t i = first; i < v.size(); ++i)
          check.value(field + "[" + std::to_string(i) + "]", coef->at(i - first), v[i]);
      } else if (field == "weight") {
        REQUIRE(v.size() == f.weights.size() + 1);
        for (std::size_t i = 1; i < v.size(); ++i) check.value("weight[" + std::to_string(i) + "]", f.weights[i - 1], v[i]);
      } else if (field == "yi") {  // Peto's per-study ORs
        for (std::size_t i = 1; i < v.size(); ++i) {
          const double ours = f.yi.at(i - 1);
          check.value("yi[" + std::to_string(i) + "]", std::isnan(ours) ? std::nullopt : std::optional(ours), v[i]);
        }
      } else if (field.rfind("pi_", 0) == 0) {
        const std::string dist = field.substr(6);  // "pi_lb_z" -> "z"
        model::ModelSpec s = spec;
        s.pi_dist = *model::parse_pi_dist(dist);
        const model::Fit fp = fit_with(s);
        check.value(field, field.compare(0, 5, "pi_lb") == 0 ? fp.pi_lb : fp.pi_ub, v.at(0));
      } else {
        check.value(field, field_of(f, field), v.at(0));
      }
    }
    compared += check.compared;
  }
  // Guards against a silently empty comparison (every case, method and test above).
  CHECK(fits == static_cast<int>(expected.size()));
  CHECK(compared > 10000);
  CHECK(cases.at("bcg_RR_ablat").has_moderator());
}
