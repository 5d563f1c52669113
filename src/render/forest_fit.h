#pragma once
// The forest plot's fits in one step, as the CLI and the report draw it: the model(s) over
// all studies and, when rows carry a subgroup, per subgroup, with the test for subgroup
// differences. Everything else (layout, text) is forest_layout's.
#include <optional>

#include "effect/effect_table.h"
#include "model/spec.h"
#include "render/forest_layout.h"

namespace metareview::render {

/// Fits `common` and/or `random` (at least one) to `es` and to each subgroup (named by
/// StudyInput::subgroup, in order of first appearance; rows without one stay ungrouped)
/// and builds the ForestInput. The test for subgroup differences (model::subgroup_test)
/// compares the subgroup estimates of the random-effects model (the common-effect model
/// when only that is given), as R meta's Q.b.random / Q.b.common; it needs two or more
/// subgroups. Throws metareview::Error from the fits or when no spec is given.
ForestInput fit_forest_input(const effect::EffectTable& es, const std::optional<model::ModelSpec>& common,
                             const std::optional<model::ModelSpec>& random, const ForestOptions& options = {});

}  // namespace metareview::render
