#pragma once
// Evidence checks: recompute what each paper's printed data allow and compare it with what the
// paper printed (test statistics and p-values, confidence intervals, the precision a study of
// its size can reach, counts and percentages, the direction of effects), and flag a review
// that pools one trial twice. The tolerance rules are in check/precision.h.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/finding.h"
#include "core/study.h"

namespace metareview::check {

// Finding::check ids, by family (src/check/<family>.cpp):
// - statistics: "chi2" (chi2, chi2-yates), "fisher", "z", "t" (Student or Welch),
//   "mann-whitney", "logrank-p" (a log-rank chi2 against its P), "hr-z-p" (the Wald P of an
//   HR's CI against the printed P), "sided-presumed" (a one-sided P whose sidedness is presumed,
//   with its two-sided value);
// - intervals: "ci-contains-estimate", "ci-log-symmetry" (HR, OR, RR, IRR), "ci-symmetry"
//   (RD, MD), "ci-level";
// - plausibility: "se-plausibility", "statistic-plausibility", "sd-range", "mean-range";
// - counts: "percent-grim", "ae-incidence", "grade-sum", "category-sum", "arm-sizes",
//   "subgroup-sum";
// - direction: "direction";
// - trials (check_pooled only): "same-trial".

/// Every check of one study, "ok" findings included: the study's own arms first (outcome
/// ""), then its outcomes in file order, each outcome's findings ordered by check id.
std::vector<Finding> check_study(const core::Study& study);

/// check_study() of every study, ordered by study id.
std::vector<Finding> check_studies(const core::StudySet& studies);

/// Findings "same-trial" for the (study id, outcome id) pairs a review pools: inconsistent for
/// each pair whose trial (Study::trial) is pooled more than once (several publications or
/// analyses of one trial, e.g. CANDOR's primary and final PFS), ok for the others. Ordered by
/// study id, then outcome order in the file. Throws metareview::Error for a study or outcome
/// that `studies` does not have.
std::vector<Finding> check_pooled(const core::StudySet& studies,
                                  const std::vector<std::pair<std::string, std::string>>& study_outcome_pairs);

/// The smallest SE the outcome's log ratio can plausibly have, for flooring an implausible
/// study's SE in a sensitivity analysis; nullopt when the study gives too little to bound it.
/// - HR (or a time-to-event outcome): 2/sqrt(E), E the total events where both arms print
///   them; else 2/sqrt(N), N the patients analysed: the arms' n printed for the outcome (a
///   subgroup's), else the subgroup's n, else the arms' analysed (or randomised) sizes.
/// - OR: 2 sqrt(1/n1 + 1/n2) from the arms' sizes (Woolf's SE at the most favourable split).
/// - RR: from the printed RR r and the arms' sizes: sqrt((1 - r)/(n1 r)) for r < 1,
///   sqrt((r - 1)/n2) for r > 1 (Katz's SE with the larger proportion at 1).
/// - Anything else (IRR, RD, MD, a proportion): nullopt.
/// The derivations are in check/plausibility.cpp.
std::optional<double> min_plausible_se(const core::Study& study, const core::Outcome& outcome);

/// True when a finding is inconsistent or implausible (what `check --strict` fails on).
bool has_problems(const std::vector<Finding>& findings);

}  // namespace metareview::check
