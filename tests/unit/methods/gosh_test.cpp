// methods::gosh: Gray-code walk, thread-count independence, random mode, summary and error
// paths. metafor's rows are compared in tests/golden/methods/gosh_golden_test.cpp.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstring>
#include <set>
#include <vector>

#include "../../support/tolerance.h"
#include "../model/tables.h"
#include "core/error.h"
#include "methods/gosh.h"

namespace methods = metareview::methods;
namespace model = metareview::model;
using metareview::test::kHandRelative;
using metareview::test::simulated;
using metareview::test::table;

namespace {

model::ModelSpec spec_of(model::Method m) {
  model::ModelSpec spec;
  spec.method = m;
  return spec;
}

bool same_bits(const methods::Gosh& a, const methods::Gosh& b) {
  if (a.fits.size() != b.fits.size() || a.incl != b.incl) return false;
  for (std::size_t r = 0; r < a.fits.size(); ++r) {
    const methods::GoshFit &x = a.fits[r], &y = b.fits[r];
    const double xs[] = {x.estimate, x.tau2, x.I2, x.Q, x.H2}, ys[] = {y.estimate, y.tau2, y.I2, y.Q, y.H2};
    if (x.ok != y.ok || std::memcmp(xs, ys, sizeof xs) != 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("gosh walks every non-empty subset once, one study in or out per step", "[methods][gosh]") {
  const methods::Gosh g = methods::gosh(simulated(6, 7, 0.2, 0.05), spec_of(model::Method::FE));
  REQUIRE(g.exhaustive);
  REQUIRE(g.fits.size() == 63);
  std::set<std::uint64_t> seen(g.incl.begin(), g.incl.end());
  CHECK(seen.size() == 63);
  CHECK(seen.count(0) == 0);
  CHECK(*seen.rbegin() < 64);
  for (std::size_t r = 1; r < g.incl.size(); ++r) CHECK(std::popcount(g.incl[r] ^ g.incl[r - 1]) == 1);
}

TEST_CASE("gosh results are bit-identical for 1, 2 and 3 threads", "[methods][gosh]") {
  // k = 14: 16383 subsets, four blocks of 4096, so 2 and 3 threads split the walk differently.
  const auto es = simulated(14, 11, 0.3, 0.08);
  for (const model::Method m : {model::Method::REML, model::Method::DL, model::Method::PM}) {
    INFO(model::to_string(m));
    methods::GoshOptions one, two, three;
    one.threads = 1, two.threads = 2, three.threads = 3;
    const methods::Gosh g1 = methods::gosh(es, spec_of(m), one);
    CHECK(same_bits(g1, methods::gosh(es, spec_of(m), two)));
    CHECK(same_bits(g1, methods::gosh(es, spec_of(m), three)));
  }
}

TEST_CASE("gosh rows equal a fresh fit of the same subset (running sums)", "[methods][gosh]") {
  // Random subsets are each fitted from sums computed afresh; the exhaustive walk reaches the
  // same subset through running sums. Both must agree far inside 1e-6.
  const auto es = simulated(10, 3, 0.1, 0.1);
  for (const model::Method m : {model::Method::REML, model::Method::ML, model::Method::EB, model::Method::DL,
                                model::Method::HE, model::Method::HS, model::Method::SJ, model::Method::FE}) {
    INFO(model::to_string(m));
    model::ModelSpec spec = spec_of(m);
    spec.control.threshold = 1e-12;
    const methods::Gosh all = methods::gosh(es, spec);
    methods::GoshOptions random;
    random.subsets = 300;
    random.seed = 42;
    const methods::Gosh sample = methods::gosh(es, spec, random);
    std::vector<std::size_t> where(1024);
    for (std::size_t r = 0; r < all.incl.size(); ++r) where[all.incl[r]] = r;
    for (std::size_t r = 0; r < sample.fits.size(); ++r) {
      const methods::GoshFit &a = sample.fits[r], &b = all.fits[where[sample.incl[r]]];
      REQUIRE(a.ok);
      REQUIRE(b.ok);
      CHECK(a.estimate == Approx(b.estimate).epsilon(1e-9).margin(1e-12));
      CHECK(a.tau2 == Approx(b.tau2).epsilon(1e-9).margin(1e-10));
      CHECK(a.Q == Approx(b.Q).epsilon(1e-9).margin(1e-12));
      CHECK(a.I2 == Approx(b.I2).epsilon(1e-9).margin(1e-8));
    }
  }
}

TEST_CASE("gosh random subsets are reproducible from the seed and never empty", "[methods][gosh]") {
  const auto es = simulated(70, 5, 0.2, 0.05);  // k > 64: two words per subset
  methods::GoshOptions o;
  o.subsets = 200;
  o.seed = 2024;
  const methods::Gosh a = methods::gosh(es, spec_of(model::Method::DL), o);
  const methods::Gosh b = methods::gosh(es, spec_of(model::Method::DL), o);
  CHECK_FALSE(a.exhaustive);
  CHECK(a.words == 2);
  CHECK(same_bits(a, b));
  for (std::size_t r = 0; r < 200; ++r) {
    CHECK((a.incl[2 * r] | a.incl[2 * r + 1]) != 0);
    CHECK(a.incl[2 * r + 1] >> 6 == 0);  // bits of studies 70..127 do not exist
  }
  o.seed = 2025;
  CHECK(methods::gosh(es, spec_of(model::Method::DL), o).incl != a.incl);
}

TEST_CASE("gosh summary: fits and quartiles as R's quantile()", "[methods][gosh]") {
  // FE, vi = 1, yi = 0, 1, 2: the subset means are 0, 1, 2, 0.5, 1, 1.5, 1, sorted
  // 0 0.5 1 1 1 1.5 2. R quantile(type 7): q1 at h = 6 * 0.25 = 1.5: 0.5 + 0.5 (1 - 0.5) = 0.75;
  // q3 at h = 4.5: 1 + 0.5 (1.5 - 1) = 1.25; mean 7/7 = 1. I2: only {0,1,2} (Q = 2, df = 2)
  // and pairs are defined; I2 = max(0, (Q - df)/Q) is 0 except for {0, 2}: Q = 2, df = 1, 50%.
  const methods::GoshSummary s =
      methods::summarize(methods::gosh(table({0, 1, 2}, {1, 1, 1}), spec_of(model::Method::FE)));
  CHECK(s.fits == 7);
  CHECK(s.estimate.min == 0);
  CHECK(s.estimate.q1 == Approx(0.75).epsilon(kHandRelative));
  CHECK(s.estimate.median == Approx(1).epsilon(kHandRelative));
  CHECK(s.estimate.q3 == Approx(1.25).epsilon(kHandRelative));
  CHECK(s.estimate.max == Approx(2).epsilon(kHandRelative));
  CHECK(s.estimate.mean == Approx(1).epsilon(kHandRelative));
  CHECK(s.I2.max == Approx(50).epsilon(kHandRelative));
  CHECK(s.tau2.max == 0);
}

TEST_CASE("gosh refuses too few or too many studies and count-based methods", "[methods][gosh]") {
  CHECK_THROWS_WITH(methods::gosh(table({0.1, 0.2}, {0.1, 0.1}), model::ModelSpec{}),
                    "gosh: k = 2; at least 3 studies are needed");
  CHECK_THROWS_WITH(methods::gosh(simulated(21, 1, 0, 0), model::ModelSpec{}),
                    "gosh: k = 21 studies have 2^21 - 1 subsets, too many to fit them all (the limit is "
                    "k = 20); fit a random sample of subsets instead");
  methods::GoshOptions none;
  none.subsets = 0;
  CHECK_THROWS_WITH(methods::gosh(simulated(5, 1, 0, 0), model::ModelSpec{}, none),
                    "gosh: the number of random subsets must be at least 1");
  CHECK_THROWS_WITH(methods::gosh(simulated(5, 1, 0, 0), spec_of(model::Method::MH)),
                    "gosh: method MH is not supported; GOSH fits inverse-variance models (FE or a tau2 "
                    "estimator)");
}

TEST_CASE("gosh leaves a subset whose REML iteration does not converge empty, as metafor's NA row", "[methods][gosh]") {
  // R: rma(y, v) on these seven studies stops with "Fisher scoring algorithm did not
  // converge" (metafor 3.8-1, default control), so gosh() gives NA for the subset of all seven.
  const auto es = table({0.15898093989999007, 1.1590848909514091, 0.74264936962696626, 1.2991589404983677,
                         1.21060992187882, 0.68161249788937628, 0.67493302609202066},
                        {0.053691855810762516, 0.2620847562303622, 0.42786336743572134, 0.39051919198922769,
                         0.26853343487966558, 0.35092234332008204, 0.34920570422781394});
  const methods::Gosh g = methods::gosh(es, model::ModelSpec{});
  std::size_t all = 0;
  for (std::size_t r = 0; r < g.incl.size(); ++r)
    if (g.incl[r] == 127) all = r;
  CHECK_FALSE(g.fits[all].ok);
  CHECK(std::isnan(g.fits[all].estimate));
  const methods::GoshSummary s = methods::summarize(g);
  CHECK(s.fits < 127);
  CHECK(s.fits > 100);
}
