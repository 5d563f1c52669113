#pragma once
// The check families behind check_study() (checks.h), one file each, and what they share.
// Internal to src/check/.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "check/finding.h"
#include "core/study.h"

namespace metareview::check::detail {

using Findings = std::vector<Finding>;

/// Appends a finding of study `s` (outcome `o`, or the study itself when null) to `out`.
Finding& add(Findings& out, const core::Study& s, const core::Outcome* o, std::string check, Severity severity,
             std::string message, const core::SourceLocation& where, std::string item = "");

/// The per-arm data of the experimental and control arm of a two-group outcome (null when
/// the outcome has no data for that arm), in that order.
std::pair<const core::ArmData*, const core::ArmData*> two_arms(const core::Outcome& o);
std::pair<const core::ArmData*, const core::ArmData*> two_arms(const core::Outcome& o, const core::Timepoint& tp);

/// An arm's size as the study gives it: analysed where printed, else randomised.
std::optional<double> arm_size(const core::Study& s, const std::string& arm_id);

/// The patients behind one outcome arm: its own printed n or total (a subgroup's size), else
/// the study arm's size.
std::optional<double> outcome_arm_n(const core::Study& s, const core::ArmData& d);

/// A grade band "1-2" -> {1, 2}, "3" -> {3, 3}; nullopt for "any" or anything else.
std::optional<std::pair<int, int>> band_range(const std::string& band);

/// True for the ratio measures whose CI is symmetric on the log scale (HR, OR, RR, IRR).
bool is_ratio(const std::string& measure);

// --- families -------------------------------------------------------------------------
/// chi2, fisher, z, t, mann-whitney, logrank-p, hr-z-p (statistics.cpp).
void check_statistics(const core::Study& s, const core::Outcome& o, Findings& out);
/// ci-contains-estimate, ci-log-symmetry / ci-symmetry, ci-level (intervals.cpp).
void check_intervals(const core::Study& s, const core::Outcome& o, Findings& out);
/// se-plausibility, statistic-plausibility, sd-range, mean-range (plausibility.cpp).
void check_plausibility(const core::Study& s, const core::Outcome& o, Findings& out);
/// percent-grim, arm-sizes, category-sum, ae-incidence, grade-sum, subgroup-sum (counts.cpp).
void check_counts(const core::Study& s, const core::Outcome& o, Findings& out);
/// arm-sizes of the study's own arms (analysed <= randomised) (counts.cpp).
void check_study_arms(const core::Study& s, Findings& out);
/// direction (direction.cpp).
void check_direction(const core::Study& s, const core::Outcome& o, Findings& out);

}  // namespace metareview::check::detail
