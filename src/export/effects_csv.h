#pragma once
// `metareview export --format csv`: each analysis' effect-size table for any other tool, one
// row per study row of the analysis: the raw inputs (escalc's names), yi, vi, sei, the
// study's confidence interval and its weight in each overall model (docs/export.md).
#include <string>
#include <vector>

#include "report/output_dir.h"
#include "review/analysis.h"

namespace metareview::exporter {

/// The table of one analysis. Columns: study, study_id, year, subgroup, pooled (1 when the
/// row entered the pooled models), note, the measure's escalc inputs, yi, vi, sei, ci_lb,
/// ci_ub (yi -+ z sei at the analysis' level, metafor's per-study interval), weight_common and
/// weight_random (percent of the overall model's total, as metafor's weights(); NA when the
/// model was not fitted or the row is not pooled). yi and the interval are on the analysis
/// scale (log for HR, OR, RR).
std::string effects_csv(const review::AnalysisResult& result);

/// "<analysis-id>-effects.csv" for every analysis of a review, in analysis order.
std::vector<report::AnalysisFile> csv_files(const review::ReviewResult& result);

}  // namespace metareview::exporter
