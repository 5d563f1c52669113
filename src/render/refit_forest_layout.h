#pragma once
// Forest plots of refits, as R meta's forest(metainf(...)) and forest(metacum(...)): one row
// per leave-one-out fit ("Omitting Smith 2001") or cumulative fit ("Adding Smith (2001)")
// with its estimate and CI, under them the full fit's diamond and its dotted line for
// reference. Drawn by forest_layout() from a present::AnalysisView, so every number is
// worded by present as in the forest plot.
#include "effect/effect_table.h"
#include "methods/methods.h"
#include "model/fit.h"
#include "render/forest_layout.h"
#include "render/scene.h"

namespace metareview::render {

enum class RefitKind { LeaveOneOut, Cumulative };

/// The view of `refits` (a methods::refit_table: columns estimate, ci_lb, ci_ub; rows in the
/// order drawn) of `es` with `full`, the fit of all its studies (a common-effect diamond for
/// FE, MH and PETO, else a random-effects one). A failed refit is "Not estimable". Rows have
/// equal squares: a refit has no weight in the full fit. Labels name the study left out or
/// added, with its year when known (cumulative).
present::AnalysisView refit_view(const effect::EffectTable& es, const model::Fit& full,
                                 const methods::MethodResult& refits, RefitKind kind);

/// forest_layout() of refit_view().
Scene refit_forest_layout(const effect::EffectTable& es, const model::Fit& full, const methods::MethodResult& refits,
                          RefitKind kind, const TextMeasurer& measure, const ForestOptions& options = {});

}  // namespace metareview::render
