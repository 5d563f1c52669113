#pragma once
// Baujat plot data: each study's contribution to the heterogeneity statistic against its
// influence on the pooled estimate.
#include <cstddef>
#include <optional>
#include <vector>

#include "effect/effect_table.h"
#include "methods/methods.h"
#include "model/spec.h"

namespace metareview::methods {

struct BaujatPoint {
  std::size_t row = 0;      ///< effect-table row
  double x = 0;             ///< squared Pearson residual (yi - estimate)^2 / (vi + tau2)
  std::optional<double> y;  ///< (estimate_(-i) - estimate)^2 / Var(estimate_(-i)); nullopt when the refit failed
};

struct Baujat {
  model::ModelSpec spec;            ///< the spec of the fit and of every refit
  std::vector<BaujatPoint> points;  ///< one per study in the fit, in input order
};

/// x and y of metafor's baujat() for fit(es, spec): with tau2 = 0 (FE) x is the study's
/// contribution to Cochran's Q. Var(estimate_(-i)) is the refit's squared standard error
/// (scaled under Hartung-Knapp, as metafor's vb). Throws Error for k < 3 and for MH/PETO.
/// Ref: Baujat et al. (2002), Stat Med 21:2641-2652; metafor 3.8-1 baujat.rma.r.
Baujat baujat(const effect::EffectTable& es, const model::ModelSpec& spec);

/// baujat() as a table for the methods list: columns x and y (metafor's names).
MethodResult baujat_result(const effect::EffectTable& es, const model::ModelSpec& spec);

}  // namespace metareview::methods
