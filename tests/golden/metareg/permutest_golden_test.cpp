// Exact permutation tests against R's metafor 3.8-1 permutest(exact = TRUE), in
// tests/golden/metareg/permutest.csv, made by make_goldens.R in this directory:
//   res <- rma(yi, vi, mods = ~ ablat, data = d[1:6, ], method = "REML", test = "z",
//              control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   permutest(res, exact = TRUE)
// An exact p-value is a count over every permutation divided by their number, so ours must
// be the same fraction: compared to 1e-12 (the statistics at the counting boundary are
// separated by far more than metafor's comptol, sqrt(eps)).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "effect/effect_csv.h"
#include "effect/escalc.h"
#include "methods/permutest.h"
#include "../../support/golden_csv.h"

namespace {

namespace model = metareview::model;
namespace effect = metareview::effect;
namespace methods = metareview::methods;
using metareview::test::GoldenCsv;

struct Case {
  std::string rows;  ///< "1-6": bcg.csv data rows, 1-based, inclusive
  std::map<std::string, std::vector<double>> values;
};

// The golden case's rows of bcg.csv with its moderators (none: the intercept-only test).
struct Input {
  effect::EffectTable es;
  model::Design design;
};

Input input_for(const std::string& name, const std::string& rows, bool estimate_tau2) {
  const std::vector<std::string> mods = name.rfind("ablat", 0) == 0   ? std::vector<std::string>{"ablat"}
                                        : name.rfind("alloc", 0) == 0 ? std::vector<std::string>{"alloc"}
                                                                      : std::vector<std::string>{};
  const std::size_t dash = rows.find('-');
  const std::size_t first = std::stoul(rows.substr(0, dash)), last = std::stoul(rows.substr(dash + 1));
  metareview::core::Diagnostics diags;
  effect::ExtraColumns extra;
  extra.names = mods;
  auto all = effect::read_effect_csv(std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/metareg/bcg.csv",
                                     metareview::core::Measure::GEN, diags, effect::MissingValues::Error, &extra);
  REQUIRE(diags.to_string().empty());
  const std::vector<effect::StudyInput> subset(all.begin() + static_cast<std::ptrdiff_t>(first - 1),
                                               all.begin() + static_cast<std::ptrdiff_t>(last));
  Input in{effect::escalc(metareview::core::Measure::GEN, subset, {}), {}};
  std::vector<model::ModeratorColumn> cols;
  for (std::size_t c = 0; c < mods.size(); ++c) {
    std::vector<std::string> v(extra.values[c].begin() + static_cast<std::ptrdiff_t>(first - 1),
                               extra.values[c].begin() + static_cast<std::ptrdiff_t>(last));
    cols.push_back({mods[c], v, extra.header[c], {}, false});
  }
  in.design = model::make_design(cols, std::vector<bool>(in.es.k(), true), estimate_tau2, diags);
  REQUIRE(diags.to_string().empty());
  return in;
}

}  // namespace

TEST_CASE("permutest --exact p-values equal metafor 3.8-1's exact permutest()", "[methods][permutest][golden]") {
  const GoldenCsv csv("tests/golden/metareg/permutest.csv");
  std::map<std::tuple<std::string, std::string, std::string>, Case> cases;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    Case& c = cases[{csv.str(r, "case"), csv.str(r, "method"), csv.str(r, "test")}];
    c.rows = csv.str(r, "rows");
    auto& v = c.values[csv.str(r, "field")];
    const auto i = static_cast<std::size_t>(csv.num(r, "i"));
    if (v.size() <= i) v.resize(i + 1, std::nan(""));
    v[i] = csv.num(r, "value");
  }
  REQUIRE(cases.size() == 24);  // 4 data sets x FE, DL, REML x z, knha
  for (const auto& [key, c] : cases) {
    const auto& [name, method, test] = key;
    INFO(name << " " << method << " " << test);
    model::ModelSpec spec;
    spec.method = *model::parse_method(method);
    spec.test = test == "z" ? model::Test::Z : model::Test::KNHA;
    const Input in = input_for(name, c.rows, spec.is_random_effects());
    methods::PermutestOptions o;
    o.exact = true;
    o.threads = 2;
    const methods::Permutest t = methods::permutest(in.es, in.design, spec, o);
    CHECK(t.exact);
    CHECK(static_cast<double>(t.iter) == c.values.at("iter").at(0));
    CHECK(t.failed == 0);
    CHECK(t.observed.omnibus.QM == Approx(c.values.at("QM").at(0)).epsilon(1e-6));
    CHECK(t.QM_p == Approx(c.values.at("QM_p").at(0)).epsilon(1e-12));
    const auto& pval = c.values.at("pval");
    REQUIRE(t.pval.size() == pval.size() - 1);
    for (std::size_t j = 1; j < pval.size(); ++j) CHECK(t.pval[j - 1] == Approx(pval[j]).epsilon(1e-12));
  }
}

TEST_CASE("permutest counts distinct permutations as metafor: 2^k sign flips, k!/prod(n_g!) row orders",
          "[methods][permutest]") {
  Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(7, 1);
  CHECK(methods::distinct_permutations(ones) == 128u);
  // Three kinds of rows, 4, 1 and 3 alike: 8! / (4! 1! 3!) = 40320 / 144 = 280.
  Eigen::MatrixXd X(8, 3);
  X << 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1;
  CHECK(methods::distinct_permutations(X) == 280u);
  Eigen::MatrixXd distinct(13, 2);
  for (Eigen::Index i = 0; i < 13; ++i) distinct.row(i) << 1, static_cast<double>(i);
  CHECK(methods::distinct_permutations(distinct) == 6227020800u);  // 13!
  Eigen::MatrixXd big(30, 2);
  for (Eigen::Index i = 0; i < 30; ++i) big.row(i) << 1, static_cast<double>(i);
  CHECK_FALSE(methods::distinct_permutations(big).has_value());  // 30! > 2^64
}

TEST_CASE("a random permutest is the same for any thread count and agrees with the exact test",
          "[methods][permutest]") {
  const Input in = input_for("ablat", "7-13", true);
  model::ModelSpec spec;  // REML, z
  methods::PermutestOptions o;
  o.exact = true;
  const methods::Permutest exact = methods::permutest(in.es, in.design, spec, o);
  REQUIRE(exact.iter == 2520);  // 7! / 2!: two trials share a latitude
  o.exact = false;
  o.iter = 2400;
  o.seed = 42;
  o.threads = 1;
  const methods::Permutest one = methods::permutest(in.es, in.design, spec, o);
  o.threads = 3;
  const methods::Permutest three = methods::permutest(in.es, in.design, spec, o);
  CHECK_FALSE(one.exact);
  CHECK(one.iter == 2400);
  CHECK(one.seed == 42u);
  CHECK(one.QM_p == three.QM_p);
  CHECK(one.pval == three.pval);
  // 2,400 uniform draws of the orderings: each p-value is a binomial share with SE <= 0.0103
  // around the exact one; 0.05 is over 4.8 SE.
  CHECK(std::fabs(one.QM_p - exact.QM_p) < 0.05);
  for (std::size_t j = 0; j < exact.pval.size(); ++j) CHECK(std::fabs(one.pval[j] - exact.pval[j]) < 0.05);
}
