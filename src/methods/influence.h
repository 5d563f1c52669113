#pragma once
// Influence diagnostics of each study (model::case_diagnostics) in the methods list.
#include "effect/effect_table.h"
#include "methods/methods.h"
#include "model/spec.h"

namespace metareview::methods {

/// model::case_diagnostics() as a table: rstudent, dffits, cook_d, cov_r, tau2_del, QE_del,
/// hat, weight, dfbetas and inf (1 for metafor's "*", else 0). Ref: metafor influence.rma.uni.r.
MethodResult influence_result(const effect::EffectTable& es, const model::ModelSpec& spec);

}  // namespace metareview::methods
