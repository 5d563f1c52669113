// Back-transformations: clamping and dispatch by measure (values: tests/golden/escalc).
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.h"
#include "effect/transform.h"

namespace effect = metareview::effect;
using metareview::core::Measure;

TEST_CASE("inverse transforms clamp at 0 and 1 as metafor's", "[effect]") {
  CHECK(effect::transf_iarcsin(-0.01) == 0);
  CHECK(effect::transf_iarcsin(std::numbers::pi / 2 + 1e-12) == 1);
  CHECK(effect::transf_iarcsin(std::numbers::pi / 6) == Approx(0.25).epsilon(1e-15));  // sin(pi/6)^2
  // PFT of p = 0 and p = 1 for n = 10: asin(sqrt(1/11)) / 2 and (asin(sqrt(10/11)) + pi/2) / 2.
  const double lo = effect::transf_pft(0, 10), hi = effect::transf_pft(1, 10);
  CHECK(lo == Approx(0.5 * std::asin(std::sqrt(1.0 / 11))).epsilon(1e-15));
  CHECK(hi == Approx(0.5 * (std::asin(std::sqrt(10.0 / 11)) + std::numbers::pi / 2)).epsilon(1e-15));
  CHECK(effect::transf_ipft(lo - 1e-9, 10) == 0);
  CHECK(effect::transf_ipft(hi + 1e-9, 10) == 1);
  // Round trip inside the range: ipft(pft(0.3, 10), 10) = 0.3.
  CHECK(effect::transf_ipft(effect::transf_pft(0.3, 10), 10) == Approx(0.3).epsilon(1e-12));
  // Harmonic mean of 10 and 40 is 16: ipft.hm equals ipft with n = 16.
  const double x = effect::transf_pft(0.6, 16);
  CHECK(effect::transf_ipft_hm(x, {10, 40, std::nan("")}) == Approx(effect::transf_ipft(x, 16)).epsilon(1e-14));
}

TEST_CASE("back_transform picks the measure's inverse", "[effect]") {
  const std::vector<double> ni{10, 40};
  CHECK(effect::back_transform(Measure::HR, std::log(0.7), ni) == Approx(0.7).epsilon(1e-15));
  CHECK(effect::back_transform(Measure::PLO, 0, ni) == 0.5);
  CHECK(effect::back_transform(Measure::PAS, -1, ni) == 0);
  CHECK(effect::back_transform(Measure::RD, -0.2, ni) == -0.2);
  CHECK(effect::back_transform(Measure::SMD, 0.4, ni) == 0.4);
  CHECK(effect::back_transform(Measure::PFT, effect::transf_pft(0.6, 16), ni) == Approx(0.6).epsilon(1e-12));
  CHECK_THROWS_MATCHES(effect::back_transform(Measure::PFT, 0.5, {}), metareview::Error,
                       Catch::Matchers::Message("transf_ipft_hm(x, ni): the harmonic mean of ni must be > 0, got NA"));
  // One n (a study's own, as plots show it): PFT of 0.6 with n = 16 back-transforms to 0.6.
  CHECK(effect::back_transform_one(Measure::PFT, effect::transf_pft(0.6, 16), 16) == Approx(0.6).epsilon(1e-12));
  CHECK(effect::back_transform_one(Measure::RR, std::log(2.0), 16) == Approx(2.0).epsilon(1e-15));
  CHECK(effect::back_transform_one(Measure::PR, 0.3, 16) == 0.3);
}
