#pragma once
// GOSH (graphical display of study heterogeneity): the fit of every non-empty subset of the
// studies, or of a reproducible random sample of subsets. Ref: Olkin, Dahabreh & Trikalinos
// (2012), Res Synth Methods 3:214-223; metafor 3.8-1 gosh.rma.r.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::methods {

/// The largest k fitted exhaustively (2^20 - 1 = 1,048,575 subsets).
inline constexpr std::size_t kGoshMaxExhaustiveK = 20;

struct GoshOptions {
  /// Random mode: fit this many random non-empty subsets instead of all of them.
  std::optional<std::size_t> subsets;
  /// Seed of the random mode's std::mt19937_64. Subset s takes ceil(k / 64) successive draws;
  /// study j is in it when bit j % 64 of draw j / 64 is set; an empty draw is drawn again.
  /// Every non-empty subset is equally likely, as in metafor's sampling (a size from
  /// Binomial(k, 1/2) without 0, then a uniform subset of that size).
  std::uint64_t seed = 0;
  /// Worker threads (0: one per core). Results are bit-identical for any count.
  unsigned threads = 0;
};

/// One subset's fit, as metafor's gosh() res columns. ok is false when the fit failed
/// (an iterative estimator did not converge): metafor's NA row; the numbers are then NaN.
struct GoshFit {
  bool ok = false;
  double estimate = 0, tau2 = 0, I2 = 0, Q = 0, H2 = 1;
};

struct Gosh {
  model::ModelSpec spec;           ///< the spec every subset was fitted with
  std::vector<std::size_t> studies;  ///< effect-table row of study j (bit j of a subset)
  bool exhaustive = true;
  std::size_t words = 1;           ///< 64-bit words per subset in incl
  /// Subset r includes study j when bit j % 64 of incl[r * words + j / 64] is set.
  /// Exhaustive: subsets in binary-reflected Gray-code order (subset r is the Gray code of
  /// r + 1), so neighbours differ by one study. Random: in the order drawn.
  std::vector<std::uint64_t> incl;
  std::vector<GoshFit> fits;       ///< one per subset

  bool included(std::size_t r, std::size_t j) const { return (incl[r * words + j / 64] >> (j % 64)) & 1u; }
};

/// Fits every non-empty subset of the studies in fit(es, spec) (or options.subsets random
/// ones) with the method, a fixed tau2 and the I2 definition of spec; tests and levels do not
/// enter a GOSH row. Q, the FE estimate and the FE, DL, HE and HS tau2 come from sums updated
/// in O(1) per Gray-code step (the random-effects estimate then takes one O(k) pass); REML
/// and ML start Fisher scoring at rma.uni's start, max(0, HE), from the same sums (not at
/// the neighbour's tau2, which can climb to another local maximum than metafor's). Work is
/// split into fixed blocks of subsets, each started from sums computed afresh, so the result
/// does not depend on the thread count.
/// Throws Error for k < 3, for k > 20 without options.subsets, for subsets = 0 and for MH/PETO.
Gosh gosh(const effect::EffectTable& es, const model::ModelSpec& spec, const GoshOptions& options = {});

/// Min, quartiles (R's quantile() type 7), max and mean.
struct Distribution {
  double min = 0, q1 = 0, median = 0, q3 = 0, max = 0, mean = 0;
};

struct GoshSummary {
  std::size_t fits = 0;  ///< subsets fitted successfully
  Distribution estimate, I2, tau2;
};

/// The distributions over the subsets fitted successfully. Throws Error when none was.
GoshSummary summarize(const Gosh& g);

}  // namespace metareview::methods
