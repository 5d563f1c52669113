#pragma once
// Named tolerances for comparing metareview with its references, each with the reason for
// its size (as metafor's tests/testthat/settings.r names one per kind of quantity).
#include <cmath>

namespace metareview::test {

/// Against R/metafor values from a committed golden file: the project's contract is
/// "matches R to 1e-6 relative". Closed-form formulas (escalc, transforms, tests) agree
/// far closer (about 1e-14: the same IEEE operations, different libm and summation
/// order), so 1e-6 is the promise, not the observed error.
constexpr double kRRelative = 1e-6;

/// Absolute floor for golden values that are exactly 0 in R (an RD or z of 0), where a
/// relative tolerance means nothing. Every compared quantity is O(1e-6) or larger in
/// magnitude when non-zero, so 1e-12 cannot hide a wrong value.
constexpr double kRAbsoluteFloor = 1e-12;

/// Absolute floor for fitted quantities that are 0 in theory (tau2 at the boundary, I2 and
/// percent weights near 0). Fisher scoring stops at |delta tau2| < 1e-12 in the golden R
/// runs and at Control::threshold = 1e-10 here, so such values may differ by ~1e-10 on the
/// tau2 scale (I2 in percent: 100 times that); 1e-8 covers that and nothing larger.
constexpr double kFitAbsoluteNearZero = 1e-8;

/// A hand calculation written out in a comment, evaluated in double precision: only
/// rounding of a handful of operations separates it from the library.
constexpr double kHandRelative = 1e-12;

/// Half a unit of the last printed decimal: a printed value "matches" a recomputed one
/// when the recomputed value rounds to it (0.0005 for "5.865").
inline double printed_half_unit(int decimals) { return 0.5 * std::pow(10.0, -decimals); }

/// True when `recomputed` rounds to `printed` at `decimals` places. The 1e-9 slack only
/// absorbs the binary representation of the printed decimal (5.865 is not exact in double).
inline bool rounds_to(double recomputed, double printed, int decimals) {
  return std::fabs(recomputed - printed) <= printed_half_unit(decimals) * (1 + 1e-9);
}

}  // namespace metareview::test
