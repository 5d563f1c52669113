#pragma once
// `metareview check` on an imported library: RevMan's stored results against metareview's
// fit of the imported data under RevMan's own method (check/revman.h, docs/import.md).
#include <string>
#include <vector>

#include "check/finding.h"
#include "core/diagnostics.h"
#include "core/study.h"
#include "import/rm5.h"
#include "model/spec.h"
#include "review/analysis.h"

namespace metareview::import {

/// RevMan 5's model for an outcome: Mantel-Haenszel, Peto or inverse-variance common effect,
/// or DerSimonian-Laird random effects (RANDOM="YES"); the CI level CI_TOTAL; I² from Q.
model::ModelSpec revman_spec(const Rm5Outcome& outcome);

/// One finding per stored number of every outcome of `rm5` that `result` (the run of the
/// review imported from it) has an analysis for, refitted with revman_spec().
std::vector<check::Finding> check_against_revman(const Rm5Review& rm5, const review::ReviewResult& result);

/// The same for every .rm5 file in `library`/revman/: reads it and the review imported from
/// it (`library`/reviews/<id>.xml) and runs that review over `studies`. Problems go to `diag`.
std::vector<check::Finding> check_library_against_revman(const std::string& library, const core::StudySet& studies,
                                                         core::Diagnostics& diag);

}  // namespace metareview::import
