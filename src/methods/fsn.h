#pragma once
// Fail-safe N (metafor's fsn()): how many unpublished null studies would overturn the result.
#include <optional>
#include <string>
#include <string_view>

#include "effect/effect_table.h"

namespace metareview::methods {

/// metafor's `type` (REM, the random-effects type simulated by metafor, is not offered).
enum class FsnType { Rosenthal, Orwin, Rosenberg };

struct FsnOptions {
  FsnType type = FsnType::Rosenthal;
  double alpha = 0.05;            ///< significance level (Rosenthal one-sided, Rosenberg two-sided)
  std::optional<double> target;   ///< Orwin: the effect to reduce the mean to (default: half the mean)
  bool weighted = false;          ///< Orwin: inverse-variance weighted mean instead of the plain mean
};

/// fsn()'s result (metafor's names).
struct Fsn {
  FsnOptions options;
  int k = 0;
  double fsnum = 0;                     ///< whole studies (rounded up)
  std::optional<double> pval;           ///< Rosenthal: Stouffer's one-sided p; Rosenberg: two-sided
  std::optional<double> meanes;         ///< Orwin: the (weighted) mean effect; Rosenberg: FE estimate
  std::optional<double> target;         ///< Orwin: the target used
};

/// Fail-safe N of the usable rows of `es` with metafor 3.8-1's defaults (Rosenthal with
/// Stouffer's test, alpha 0.05; Orwin unweighted with target half the mean). Throws Error with
/// no studies, for alpha outside (0, 0.5), and for Orwin with a target or mean effect of 0
/// (metafor's Inf: no number of null studies brings a mean to a target of 0).
/// Ref: metafor 3.8-1 fsn.r; Rosenthal (1979) Psychol Bull 86:638; Orwin (1983) J Educ Stat 8:157;
/// Rosenberg (2005) Evolution 59:464.
Fsn fsn(const effect::EffectTable& es, const FsnOptions& options = {});

std::string_view to_string(FsnType t);  ///< "Rosenthal", "Orwin", "Rosenberg"
std::optional<FsnType> parse_fsn_type(std::string_view code);
std::string valid_fsn_types();          ///< "Rosenthal, Orwin, Rosenberg"

}  // namespace metareview::methods
