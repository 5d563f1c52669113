#pragma once
// Comparing a value of ours with R's, as every golden test does: relative 1e-6 (kRRelative)
// with an absolute floor for values that are 0 in theory, and "none" where R gives NA.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "tolerance.h"

namespace metareview::test {

/// Whether `ours` matches R's `r`: an infinite r must be matched exactly.
inline bool close_to_r(double ours, double r) {
  if (std::isinf(r)) return ours == r;
  return std::fabs(ours - r) <= std::max(kFitAbsoluteNearZero, kRRelative * std::fabs(r));
}

/// Checks one value after another against R's, counting them; R's NA (NaN in the golden
/// file) must be a value we do not give.
struct GoldenChecker {
  std::string where;
  int compared = 0;
  void value(const std::string& field, std::optional<double> ours, double r) {
    INFO(where << " " << field << ": ours " << (ours ? std::to_string(*ours) : "none") << ", R " << r);
    if (std::isnan(r)) {
      CHECK_FALSE(ours.has_value());
      return;
    }
    REQUIRE(ours.has_value());
    CHECK(close_to_r(*ours, r));
    ++compared;
  }
};

}  // namespace metareview::test
