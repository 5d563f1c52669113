#pragma once
// Permutation tests of a meta-regression's coefficients and omnibus test (metafor's
// permutest.rma.uni): the rows of the design are reassigned to the studies (with
// moderators), or the signs of yi flipped (intercept only), the model refitted each time,
// and each p-value is the share of refits whose statistic is at least the observed one.
// Ref: Higgins & Thompson (2004), Stat Med 23:1663-1682; Follmann & Proschan (1999);
// metafor 3.8-1 permutest.rma.uni.
#include <cstdint>
#include <optional>
#include <vector>

#include "effect/effect_table.h"
#include "model/metareg.h"
#include "model/moderators.h"
#include "model/spec.h"

namespace metareview::methods {

/// The seed `permutest` uses when none is given.
inline constexpr std::uint64_t kPermutestDefaultSeed = 1;
/// The most refits an exact test enumerates (at ~10 µs a refit, about 15 minutes).
inline constexpr std::uint64_t kPermutestMaxExact = 100'000'000;

struct PermutestOptions {
  bool exact = false;        ///< enumerate every permutation whatever their number
  std::uint64_t iter = 1000; ///< random permutations (the observed data are the first)
  /// Random permutation r >= 1 is drawn from std::mt19937_64 seeded with seed + r
  /// (Fisher-Yates over the studies, or one sign bit per study), so it does not depend on
  /// the thread count or the order in which permutations are fitted.
  std::uint64_t seed = kPermutestDefaultSeed;
  unsigned threads = 0;      ///< worker threads (0: one per core); results are bit-identical
};

struct Permutest {
  bool exact = false;          ///< every permutation was enumerated
  std::uint64_t iter = 0;      ///< permutations fitted (exact: all of them)
  std::optional<std::uint64_t> seed;  ///< the seed of a random test
  std::uint64_t failed = 0;    ///< refits that failed (left out, as metafor's NA rows)
  model::MetaReg observed;     ///< the fit of the data as given
  double QM_p = 1;             ///< permutation p-value of the omnibus test
  std::vector<double> pval;    ///< permutation p-value of each coefficient
};

/// Number of distinct permutations: 2^k sign flips with one coefficient; otherwise the
/// k! / prod(n_g!) distinct reassignments of the design's rows (n_g: rows alike). nullopt
/// when it exceeds 2^64.
std::optional<std::uint64_t> distinct_permutations(const Eigen::MatrixXd& X);

/// Exact when options.exact, or when the distinct permutations number at most
/// options.iter (metafor's rule). Throws Error for iter < 2, for --exact beyond
/// kPermutestMaxExact refits, and for MH/PETO.
Permutest permutest(const effect::EffectTable& es, const model::Design& design, const model::ModelSpec& spec,
                    const PermutestOptions& options = {});

}  // namespace metareview::methods
