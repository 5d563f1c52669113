#pragma once
// Every number of a review run as JSON, for the report and for anyone re-checking it: the
// review's question and studies, and for each analysis its settings as used, every row
// (yi, vi, weights, flags, notes), every fit (overall, per subgroup, sensitivity), the test
// for subgroup differences, the evidence-check findings and the back-transformed pooled
// values. Deterministic: keys in std::map order, doubles at full precision (nlohmann prints
// the shortest text that reads back as the same double), NaN and absent values as null.
#include <nlohmann/json.hpp>

#include "review/analysis.h"

namespace metareview::review {

/// The fits and settings in it are model::fit_json and model::settings_json.
nlohmann::json results_json(const ReviewResult& result);

}  // namespace metareview::review
