#pragma once
// Running a review: each analysis turns its studies' outcomes into an EffectTable, fits the
// models (overall and per subgroup), attaches the evidence-check findings, and applies the
// review's policy for implausible studies. Plots and reports read these results; they never
// go back to the raw study data.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/finding.h"
#include "core/study.h"
#include "effect/effect_table.h"
#include "methods/cumulative.h"
#include "methods/gosh.h"
#include "methods/leave_one_out.h"
#include "methods/methods.h"
#include "model/fit.h"
#include "model/subgroups.h"
#include "review/certainty.h"
#include "review/review.h"

namespace metareview::review {

/// A number pooled for a row (an escalc argument) with where it was read.
struct PooledNumber {
  std::string name;     ///< the escalc argument: "ai", "n1i", "hr", "hr_ci_lb", "m1i", ...
  std::string printed;  ///< as printed in the study file
  core::Provenance prov;
  core::SourceType source_type = core::SourceType::Primary;
};

/// One study row of an analysis, in the analysis' DataRef order.
struct RowInfo {
  std::string study;    ///< Study::id
  std::string outcome;  ///< Outcome::id
  std::string label;    ///< as shown in the plot
  std::optional<int> year;
  std::string subgroup;
  /// "" or a marker: "†" when an evidence check of this result is implausible, "‡" when only
  /// the publication's other results are implausible or inconsistent (its integrity is in doubt)
  std::string flag;
  bool excluded_by_policy = false;  ///< dropped by ImplausiblePolicy::Exclude
  std::string note;     ///< why a row is flagged, excluded or not estimable
  /// The study's assessment of this row's outcome (points into the run's StudySet); null
  /// when the study file has none for it.
  const core::RobAssessment* risk_of_bias = nullptr;
  std::vector<PooledNumber> pooled;  ///< the numbers pooled, in escalc order (none when not estimable)
};

/// The least certain status among a row's pooled numbers, in the order verified, secondary,
/// derived, presumed, unverified; nullopt when nothing was pooled.
std::optional<core::Status> pooled_status(const RowInfo& row);
/// True when any pooled number of the row was read in a secondary source.
bool pooled_from_secondary(const RowInfo& row);

/// A subgroup's fits; its rows index AnalysisResult::rows / es (model::fit_subgroups).
using SubgroupResult = model::SubgroupFit;

/// Test for subgroup differences (model::subgroup_test: a common-effect meta-analysis of the
/// subgroup estimates, as R meta's Q.b.random / Q.b.common and RevMan).
struct SubgroupTest : model::SubgroupTest {
  std::string model;  ///< "random" or "common": whose subgroup estimates were compared
  std::optional<double> tau2_common;  ///< the random-effects estimates shared this tau2
};

/// The id and title of the sensitivity analysis implausible="floor-se" generates.
inline constexpr const char* kFloorSeId = "floor-se";
inline constexpr const char* kFloorSeTitle =
    "Implausible studies included, with their SE raised to the smallest SE their size allows";

struct AnalysisResult {
  const Analysis* analysis = nullptr;
  std::vector<RowInfo> rows;
  effect::EffectTable es;                  ///< rows in the same order as `rows`
  std::optional<model::Fit> common, random;
  std::vector<SubgroupResult> subgroups;   ///< empty when the analysis has no subgroup variable
  std::optional<SubgroupTest> subgroup_test;
  std::vector<check::Finding> findings;    ///< checks of the included studies' outcomes + same-trial
  /// Set when fewer than two usable studies remain: the report says so instead of pooling.
  std::string not_pooled;
  /// The sensitivity analyses: first, with ImplausiblePolicy::FloorSe and an implausible row,
  /// the generated one with implausible SEs floored (id kFloorSeId, title kFloorSeTitle, no
  /// declaration, `analysis` the primary's); then the declared ones (<sensitivity>), in file
  /// order, each the primary refitted with its changes and its `analysis` pointing at `refitted`.
  std::vector<AnalysisResult> sensitivity_analyses;
  std::string sensitivity_id;                 ///< set on a sensitivity result: Sensitivity::id or kFloorSeId
  std::string sensitivity_label;              ///< set on a sensitivity result: its title
  const Sensitivity* declared = nullptr;      ///< the declaration (points into the Review)
  std::shared_ptr<const Analysis> refitted;   ///< the primary with the sensitivity's changes
  /// leave-one-out="true": the model of the headline refitted without each pooled study.
  std::optional<methods::LeaveOneOut> leave_one_out;
  /// influence="true", from 3 studies: metafor's influence() of the headline model.
  std::optional<methods::MethodResult> influence;
  /// cumulative="...", from 2 studies: the headline model as the studies enter in that order.
  std::optional<methods::Cumulative> cumulative;
  /// gosh="true", from 3 studies: the headline model fitted to every subset of its studies.
  std::optional<methods::Gosh> gosh;
  /// <small-study>: its tests and trim-and-fill on the headline model's rows (main analyses
  /// only; nothing run below 10 studies, review/small_study.h).
  std::optional<SmallStudyResult> small_study;
  /// <meta-regression>: the headline model's rows refitted with the study attributes as
  /// moderators, same spec (main analyses only; review/meta_regression.h).
  std::optional<MetaRegressionResult> meta_regression;
  /// GRADE certainty and summary-of-findings numbers (main analyses only; review/certainty.h).
  std::optional<CertaintyResult> certainty;
};

struct ReviewResult {
  const Review* review = nullptr;
  std::vector<const core::Study*> included;  ///< in Review::included order
  std::vector<AnalysisResult> analyses;
  /// Every finding of every included study, all its outcomes, in included order: a reader
  /// sees what the checks found even in results no analysis pools (issue 12).
  std::vector<check::Finding> findings;
};

/// Runs every analysis of `review`. Throws metareview::Error when a fit fails in a way the
/// review cannot recover from (the run reports which review failed and continues).
ReviewResult run_review(const Review& review, const core::StudySet& studies);

}  // namespace metareview::review
