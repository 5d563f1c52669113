#pragma once
// `metareview export --format r`: every analysis of a review run as a CSV of the rows it pooled
// and an R script that rebuilds it with metafor (escalc, then rma / rma.mh / rma.peto with the
// same settings), prints metafor's summaries, and compares its numbers with the ones metareview
// computed in the same run (written into the script to 17 significant digits). Conventions
// metafor lacks are written out as plain R arithmetic, each citing its source (docs/export.md).
// The text is built in memory; export/write.h writes it.
#include <string>
#include <vector>

#include "report/output_dir.h"
#include "review/analysis.h"

namespace metareview::exporter {

/// Relative tolerance of the script's comparisons with metareview's numbers.
inline constexpr double kRTolerance = 1e-6;

/// The rows an analysis pooled, one CSV row per row of each data set: "main" (the primary
/// analysis), "floor-se" (ImplausiblePolicy::FloorSe's sensitivity analysis) and
/// "sensitivity:<id>" (each declared sensitivity analysis). Columns: set, study (the row
/// label), subgroup, the escalc inputs of the measure, and yi, vi as metareview used them
/// (NA where escalc dropped the row), plus se_floored (1 where floor-se raised the SE).
/// Rows without data and rows left out by the review's policy for implausible studies are
/// not written.
std::string r_data_csv(const review::AnalysisResult& result);

/// The R script of an analysis of review `review_id`; it reads "<analysis-id>.csv" from its
/// own directory.
std::string r_script(const review::AnalysisResult& result, const std::string& review_id);

/// The CSV and script of every analysis of a review, in analysis order.
std::vector<report::AnalysisFile> r_files(const review::ReviewResult& result);

}  // namespace metareview::exporter
