#pragma once
// The display model of an analysis' sensitivity analyses as a small forest plot: one row per
// result, the primary analysis first, then each sensitivity analysis by its title, each with
// its number of studies and its headline estimate [CI]. Nothing is pooled across the rows.
#include "present/analysis_view.h"
#include "review/analysis.h"

namespace metareview::present {

/// The rows of `a` (a primary analysis) and its AnalysisResult::sensitivity_analyses: label
/// "Primary analysis" or the sensitivity's title, column "k", and the estimate of the fit its
/// headline reports (random effects when fitted, else common effect; one study's own effect
/// when one study is left; "Not pooled" when none is). Every estimate and text is the one
/// analysis_view(result, r) gives, so plot, comparison table and headline agree.
AnalysisView sensitivity_view(const review::AnalysisResult& a, const review::ReviewResult& r);

}  // namespace metareview::present
