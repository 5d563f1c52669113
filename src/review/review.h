#pragma once
// A review definition (studies/reviews/<id>.xml): the question, the studies included and
// excluded, and the analyses that pool them. Read and validated like study files, with
// FILE:LINE:COL diagnostics; a review naming an unknown study or outcome is an error.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/figure_options.h"
#include "core/measure.h"
#include "core/study.h"
#include "methods/grade_codes.h"
#include "model/spec.h"
#include "model/subgroups.h"
#include "review/meta_regression.h"
#include "review/prisma.h"
#include "review/small_study.h"

namespace metareview::review {

/// One row of an analysis: which outcome of which study it takes.
struct DataRef {
  std::string study;      ///< Study::id
  std::string outcome;    ///< Outcome::id in that study (its analysis/subgroup is the outcome's)
  std::string timepoint;  ///< continuous outcomes: Timepoint::id; "" otherwise
  std::string arm;        ///< single-arm proportions when the outcome has several arms; "" otherwise
  std::string subgroup;   ///< value of the analysis' subgroup variable ("" = none)
  std::string label;      ///< row label; "" = the study's trial name
  /// The review's documented bound on the events behind a time-to-event row (its derivation
  /// belongs in the analysis' note); floor-se then floors SE(log HR) at 2/sqrt(max_events).
  std::optional<double> max_events;
  core::SourceLocation where;
};

/// The committee's GRADE judgment of one domain (<domain> of <certainty>).
struct DomainJudgment {
  methods::GradeDomain domain = methods::GradeDomain::RiskOfBias;
  methods::GradeJudgment judgment = methods::GradeJudgment::NotSerious;
  std::string footnote;  ///< why; required unless the judgment is not-serious
  core::SourceLocation where;
};

/// A reason the committee rated non-randomised evidence up (<upgrade> of <certainty>).
struct UpgradeJudgment {
  methods::GradeUpgrade upgrade = methods::GradeUpgrade::LargeEffect;
  int levels = 1;        ///< 1 or 2
  std::string footnote;  ///< required
  core::SourceLocation where;
};

/// An analysis' <certainty>: the committee's final GRADE judgments and what the
/// summary-of-findings table needs beyond the data (docs/review-format.md).
struct CertaintyDecl {
  std::string follow_up;  ///< "median 11.9 months"; "" = not stated
  std::optional<double> comparator_risk;  ///< assumed comparator risk, 0..1
  std::string comparator_risk_source;     ///< where the comparator risk comes from (with comparator_risk)
  std::string risk_time;                  ///< time the risks refer to ("12 months"); HR needs it
  std::vector<DomainJudgment> domains;    ///< each of the five once, in file order
  std::vector<UpgradeJudgment> upgrades;
  core::SourceLocation where;
};

enum class ModelChoice { Random, Common, Both };
/// What an analysis does with a study whose evidence check is implausible (check/):
/// include it (flagged in the plot and table), exclude it, or include it and add a
/// sensitivity analysis with its SE floored at check::min_plausible_se().
enum class ImplausiblePolicy { Include, Exclude, FloorSe };

/// <swap> of a <sensitivity>: the row of study `row` takes outcome `outcome` of study `study`
/// (the same publication or another of the same trial); subgroup, label and max-events stay.
struct Swap {
  std::string row;  ///< Study id of the analysis row replaced
  DataRef data;     ///< the replacement row
  core::SourceLocation where;
};

/// A declared sensitivity analysis (<sensitivity> of <analysis>): the primary analysis refitted
/// with some rows left out or swapped, or with other settings (docs/review-format.md).
struct Sensitivity {
  std::string id;     ///< unique among the analysis' sensitivity analyses
  std::string title;  ///< "Hartung-Knapp instead of the z test"
  std::vector<std::string> exclude;  ///< study ids left out by name, in file order
  bool exclude_non_randomised = false;  ///< exclude-design="non-randomised"
  bool exclude_implausible = false;     ///< exclude-flagged="implausible": rows the evidence checks call implausible leave the pool
  /// exclude-rob="high": rows whose outcome's overall risk-of-bias judgment is high (RoB 2
  /// "high", ROBINS-I "serious" or "critical") leave the pool; rows without a judgment stay.
  bool exclude_high_rob = false;
  std::vector<std::string> rob_excluded;  ///< the study ids exclude-rob left out, in row order
  std::vector<Swap> swaps;
  std::optional<ModelChoice> model;     ///< nullopt = the primary's
  /// The common-effect pooling method, the primary's unless the sensitivity sets `pooling`.
  model::Method pooling = model::Method::FE;
  /// The primary's settings with the sensitivity's preset/method/test/adhoc applied.
  model::Settings settings;
  std::vector<std::string> overrides;   ///< the setting attributes the sensitivity gives
  /// The rows it pools: the primary's, less those excluded by id or design, with swaps applied.
  std::vector<DataRef> data;
  core::SourceLocation where;
};

struct Analysis {
  std::string id;        ///< unique in the review; names the output files
  std::string title;     ///< "PFS, anti-CD38 triplet vs doublet"
  std::string endpoint;  ///< "PFS"
  core::Measure measure = core::Measure::HR;
  ModelChoice model = ModelChoice::Random;
  /// Resolved settings: the preset (default "metafor") with the analysis' overrides applied.
  model::Settings settings;
  /// Names of the settings the review file set explicitly ("method", "test", ...), so the
  /// report can say which choices were the preset's and which the authors'.
  std::vector<std::string> overrides;
  /// How the common-effect model pools (attribute `pooling`, R meta's `method`, RevMan's
  /// METHOD): FE (inverse variance, "IV"), MH (Mantel-Haenszel: OR, RR, RD) or PETO (OR).
  /// Random effects are inverse variance with settings.model's tau2 estimator whatever this is;
  /// see mh_q_convention() below for preset revman5.
  model::Method pooling = model::Method::FE;
  bool prediction_interval = true;
  std::string subgroup_variable;  ///< heading of the grouping, e.g. "Partner drug class"; "" = none
  /// tau2 of the random-effects subgroup estimates: each subgroup's own, or one for all.
  model::SubgroupTau2 subgroup_tau2 = model::SubgroupTau2::Separate;
  std::string sort = "given";     ///< given | effect | weight | year
  ImplausiblePolicy implausible = ImplausiblePolicy::Include;
  /// Pool randomised with non-randomised studies in one total (off: the reader refuses it).
  bool mix_designs = false;
  std::string label_experimental, label_control;  ///< "" = from the studies' arm labels
  /// Labels under the axis, left and right of the null ("Favours HCO-HD"); "" = the plot's
  /// default ("Favours <experimental>" left, "Favours <control>" right).
  std::string favours_left, favours_right;
  /// Figure controls of the forest plot (<forest>, docs/figures.md); `prediction` is left
  /// true: the analysis' prediction-interval attribute decides.
  core::FigureOptions forest;
  /// When the report draws a funnel plot (funnel attribute): from 10 studies, always, never.
  core::FunnelRule funnel = core::FunnelRule::Auto;
  /// The authors' note: which analysis of each trial the rows take, and why.
  std::string note;
  std::vector<DataRef> data;
  std::vector<Sensitivity> sensitivities;  ///< declared sensitivity analyses, in file order
  /// leave-one-out="true": the run refits without each study and the report says whether any
  /// single study changes the conclusion.
  bool leave_one_out = false;
  /// influence="true": metafor's influence() diagnostics of the headline model (from 3 studies),
  /// drawn as its panel; the report names the studies its rule flags as influential.
  bool influence = false;
  /// cumulative="given|year|precision": a cumulative meta-analysis of the headline model with
  /// the studies entering in that order (from 2 studies), drawn as a forest plot; "" = none.
  std::string cumulative;
  /// gosh="true": the headline model fitted to every subset of the studies (3 to 20 studies),
  /// drawn as the GOSH plot.
  bool gosh = false;
  /// <small-study>: the tests for funnel-plot asymmetry and trim-and-fill the report shows
  /// (from 10 studies; review/small_study.h); nullopt = none asked for.
  std::optional<SmallStudyDecl> small_study;
  /// <meta-regression>: the headline model refitted with study attributes as moderators
  /// (review/meta_regression.h); nullopt = none asked for.
  std::optional<MetaRegressionDecl> meta_regression;
  std::optional<CertaintyDecl> certainty;  ///< the committee's GRADE judgments; none = suggestions only
  core::SourceLocation where;
};

struct Excluded {
  std::string study;     ///< Study::id when the study is in studies/, else ""
  std::string citation;  ///< for studies not in studies/
  std::string reason;
  core::SourceLocation where;
};

struct Question {
  std::string population, intervention, comparator, outcomes;
};

struct Review {
  std::string id;
  std::string title;
  Question question;
  std::string note;
  std::vector<std::string> included;  ///< Study ids, in file order
  std::vector<Excluded> excluded;
  /// The PRISMA 2020 flow (<prisma>); nullopt when the file has none.
  std::optional<Prisma> prisma;
  std::vector<Analysis> analyses;
  std::string file;    ///< path as given
  std::string sha256;  ///< of the file's bytes
  core::SourceLocation where;
};

/// Reads one review file, resolving study and outcome ids against `studies`.
/// nullopt (and diagnostics) when anything is wrong; never a partial review.
std::optional<Review> read_review(const std::string& path, const core::StudySet& studies, core::Diagnostics& diag);
/// Same, from bytes (tests).
std::optional<Review> read_review(std::string_view bytes, const std::string& file, const core::StudySet& studies,
                                  core::Diagnostics& diag);
/// Every *.xml in `dir` (not descending), ordered by review id. Files that fail are left
/// out of the result and reported in `diag`, so the others can still run.
std::vector<Review> read_reviews(const std::string& dir, const core::StudySet& studies, core::Diagnostics& diag);

/// The distinct trials of `study_ids`, in first-seen order: a study's <trial>, or its id when
/// it has none (or is not in `studies`). A trial with several publications counts once.
std::vector<std::string> distinct_trials(const std::vector<std::string>& study_ids, const core::StudySet& studies);

/// RevMan 5's random-effects model after Mantel-Haenszel pooling applies: pooling MH under
/// preset revman5 with an estimated DerSimonian-Laird tau2. Q, I2 and tau2 of the random-effects
/// fits then come from the MH estimate (model::fit_random_mh_q; docs/presets.md).
bool mh_q_convention(model::Method pooling, const model::ModelSpec& random);

std::string_view to_string(ModelChoice m);
std::string_view to_string(ImplausiblePolicy p);

}  // namespace metareview::review
