#pragma once
// Every number of a review run as JSON, for the report and for anyone re-checking it: the
// review's question and studies, and for each analysis its settings as used, every row
// (yi, vi, weights, flags, notes), every fit (overall, per subgroup, sensitivity), the test
// for subgroup differences, the evidence-check findings and the back-transformed pooled
// values. Deterministic: keys in std::map order, doubles at full precision (nlohmann prints
// the shortest text that reads back as the same double), NaN and absent values as null.
#include <nlohmann/json.hpp>

#include "effect/effect_table.h"
#include "model/fit.h"
#include "review/analysis.h"

namespace metareview::review {

nlohmann::json results_json(const ReviewResult& result);

/// One fit of `es` (the table it was made from): estimates, heterogeneity, convergence,
/// per-row weights, the back-transformed estimate, CI and PI, and the settings as used.
nlohmann::json fit_json(const model::Fit& fit, const effect::EffectTable& es);

/// A model spec and the escalc options as used (the preset they started from included).
nlohmann::json settings_json(const model::ModelSpec& spec, const effect::EffectOptions& effect);

/// metafor's name of the back-transformation results of `m` are shown with: "exp",
/// "transf.ilogit", "transf.iarcsin", "transf.ipft.hm", or "none".
std::string_view back_transform_name(core::Measure m);

}  // namespace metareview::review
