// model::Refitter and fit()'s Want: a refit gives what fit() on the subset table gives, bit
// for bit, and skips what it is not asked for.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/fit.h"
#include "model/refitter.h"
#include "tables.h"

namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::test::spec;
using metareview::test::table;

namespace {

// A few BCG-like log RRs (dat.bcg, first six trials, rounded).
effect::EffectTable six() {
  return table({-0.889, -1.585, -1.348, -1.442, -0.218, -0.786}, {0.326, 0.195, 0.415, 0.020, 0.051, 0.007});
}

void same_bits(const model::Fit& a, const model::Fit& b) {
  CHECK(a.k == b.k);
  CHECK(a.estimate() == b.estimate());
  CHECK(a.se == b.se);
  CHECK(a.pval == b.pval);
  CHECK(a.tau2 == b.tau2);
  CHECK(a.Q == b.Q);
  CHECK(a.I2 == b.I2);
  CHECK(a.s2w == b.s2w);
}

}  // namespace

TEST_CASE("Want::estimates() skips the tau2 CI, the PI, the weights and the notes", "[model]") {
  const effect::EffectTable t = six();
  const model::Fit full = model::fit(t, spec(model::Method::REML));
  const model::Fit lean = model::fit(t, spec(model::Method::REML), model::Want::estimates());
  same_bits(full, lean);
  CHECK(full.tau2_ci_ub.has_value());
  CHECK(full.pi_lb.has_value());
  CHECK(full.weights.size() == 6);
  CHECK_FALSE(lean.tau2_ci_lb.has_value());
  CHECK_FALSE(lean.I2_ci_lb.has_value());
  CHECK_FALSE(lean.pi_lb.has_value());
  CHECK(lean.weights.empty());
  CHECK_FALSE(lean.computed.tau2_ci);
  CHECK(full.computed.tau2_ci);
  // Notes: the same data at the boundary gives a note only when notes are wanted.
  const effect::EffectTable flat = table({0.5, 0.5, 0.5}, {0.1, 0.2, 0.3});
  CHECK_FALSE(model::fit(flat, spec(model::Method::DL)).message.empty());
  CHECK(model::fit(flat, spec(model::Method::DL), model::Want::estimates()).message.empty());
}

TEST_CASE("a refit equals fit() of the subset table, bit for bit", "[model]") {
  for (const auto m : {model::Method::FE, model::Method::DL, model::Method::REML, model::Method::PM,
                       model::Method::ML}) {
    for (const auto test : {model::Test::Z, model::Test::KNHA}) {
      const effect::EffectTable t = six();
      const model::Refitter r(t, spec(m, test), model::Want{});
      INFO(std::string(model::to_string(m)) << " " << model::to_string(test));
      const model::Fit all = r.all();
      const model::Fit direct = model::fit(t, spec(m, test));
      same_bits(all, direct);
      CHECK(all.tau2_ci_ub == direct.tau2_ci_ub);
      CHECK(all.weights == direct.weights);
      same_bits(r.without(3), model::fit(t.without(3), spec(m, test)));
      same_bits(r.subset({0, 2, 5}), model::fit(t.subset({0, 2, 5}), spec(m, test)));
      CHECK(r.without(3).included == std::vector<bool>{true, true, true, false, true, true});
      CHECK(r.without(3).slab.empty());
    }
  }
}

TEST_CASE("the Refitter keeps only usable rows and says which row it cannot leave out", "[model]") {
  effect::EffectTable t = six();
  t.yi[1] = std::nan("");
  t.included[4] = false;
  const model::Refitter r(t, spec(model::Method::REML));
  CHECK(r.rows() == std::vector<std::size_t>{0, 2, 3, 5});
  CHECK_FALSE(r.in_fit(1));
  CHECK(r.without(2).k == 3);
  same_bits(r.without(2), model::fit(t.subset({0, 3, 5}), spec(model::Method::REML)));
  same_bits(r.subset({1, 3, 4, 5}), model::fit(t.subset({3, 5}), spec(model::Method::REML)));
  CHECK_THROWS_WITH(r.without(4), "Refitter::without: row 4 is not in the fit (4 rows are)");
  CHECK_THROWS_WITH(model::Refitter(table({0.1, 0.2}, {0.04, 0}), spec(model::Method::REML)),
                    "Refitter: sampling variances must be > 0; study 'B' has vi = 0");
  model::ModelSpec bad = spec(model::Method::REML);
  bad.level = 100;
  CHECK_THROWS_WITH(model::Refitter(t, bad), "Refitter: level must be in (0, 100), got 100");
}

TEST_CASE("MH refits pool the counts of the rows kept", "[model]") {
  // dat.bcg, first four trials.
  const effect::EffectTable t =
      metareview::test::two_by_two({{4, 123, 11, 139}, {6, 306, 29, 303}, {3, 231, 11, 220}, {62, 13598, 248, 12867}});
  const model::Refitter r(t, spec(model::Method::MH));
  same_bits(r.without(0), model::fit(t.without(0), spec(model::Method::MH)));
  CHECK(r.without(0).included == std::vector<bool>{false, true, true, true});
}

TEST_CASE("refits do not depend on the number of threads", "[model]") {
  const effect::EffectTable t = metareview::test::simulated(70000, 7, 0.3, 0.02);
  model::ModelSpec s = spec(model::Method::DL);
  s.control.threads = 1;
  const model::Fit one = model::Refitter(t, s).without(12345);
  s.control.threads = 4;
  const model::Fit four = model::Refitter(t, s).without(12345);
  same_bits(one, four);  // bit-identical on purpose: fixed chunks, fixed order
}
