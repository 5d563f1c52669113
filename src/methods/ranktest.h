#pragma once
// Begg and Mazumdar's rank correlation test for funnel-plot asymmetry (metafor's ranktest()).
#include "effect/effect_table.h"

namespace metareview::methods {

struct Ranktest {
  int k = 0;          ///< studies in the test
  double tau = 0;     ///< Kendall's tau (tau-b) of the standardised effects and the variances
  double pval = 1;    ///< two-sided
  bool exact = true;  ///< exact null distribution (no ties); false: normal approximation with ties
};

inline constexpr int kMinStudiesForRanktest = 3;

/// The rank correlation test on the rows fit() would use, with metafor's default exact = TRUE:
/// the exact permutation distribution of Kendall's statistic when neither variable has ties,
/// else the normal approximation with tie-corrected variance (as R's cor.test() then does).
/// Throws Error with fewer than 3 studies (two always give tau = +-1 and p = 1).
/// Ref: Begg & Mazumdar (1994) Biometrics 50:1088; metafor 3.8-1 ranktest.r.
Ranktest ranktest(const effect::EffectTable& es);

}  // namespace metareview::methods
