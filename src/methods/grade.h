#pragma once
// GRADE: the certainty of the evidence of one outcome analysis. For each domain the tool
// suggests a judgment from the data, with a reason code and the numbers behind it; the
// committee's final judgments come from the review file (review/certainty.h), and the words
// are made in present/certainty_view. Pure functions, no wording here.
//
// Sources: GRADE Handbook (Schünemann et al., 2013), sections 5.1-5.2; Guyatt et al.,
// J Clin Epidemiol 2011: 64:407 (risk of bias), 64:1294 (inconsistency), 64:1283
// (imprecision), 64:1277 (publication bias), 64:1311 (rating up); Schünemann et al.,
// J Clin Epidemiol 2019;111:105 (ROBINS-I and the starting level); Cochrane Handbook 6.4,
// chapters 10.10.2, 13.3.5.4, 14.1.5 and 15.4.4.
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "methods/grade_codes.h"
#include "model/fit.h"
#include "model/spec.h"

namespace metareview::methods {

/// A row's overall risk-of-bias judgment as GRADE reads it: RoB 2 low / some concerns / high,
/// ROBINS-I low / moderate (some) / serious or critical (high) / no information, or no
/// assessment at all. The one mapping from an assessment to this enum is the caller's.
enum class RobConcern { low, some, high, no_information, not_assessed };

inline constexpr double kGradeNaN = std::numeric_limits<double>::quiet_NaN();

// ---- starting level ----------------------------------------------------------------------------

/// True for the study designs (docs/study-format.md) whose comparison is randomised.
bool is_randomised_design(std::string_view design);

struct StartingLevel {
  Certainty level = Certainty::High;
  int randomised = 0, non_randomised = 0;  ///< rows by design
  bool mixed = false;      ///< both kinds: started from the randomised level
  bool robins_i = false;   ///< non-randomised evidence assessed with ROBINS-I (starts high)
};

/// High for randomised evidence, low for non-randomised evidence, high when every
/// non-randomised row was assessed with ROBINS-I; a mix starts from the randomised level.
/// `designs`: one per row. Throws metareview::Error when empty.
StartingLevel starting_level(std::span<const std::string> designs, bool robins_i);

// ---- risk of bias --------------------------------------------------------------------------------

struct RobRow {
  double weight = 0;  ///< percent of the primary model's weight
  RobConcern concern = RobConcern::not_assessed;
};

struct RiskOfBiasSuggestion {
  enum class Reason { NotAssessed, MostHigh, MostConcerns, MostLow };
  std::optional<GradeJudgment> suggested;  ///< nullopt when any row was not assessed
  Reason reason = Reason::NotAssessed;
  /// Percent of the weight: high (RoB 2 high, ROBINS-I serious or critical), some (some
  /// concerns, moderate), no information, not assessed. They add up to 100 with low.
  double high = 0, some = 0, no_information = 0, not_assessed = 0;
  int rows_not_assessed = 0;
};

/// The rule: any weight not assessed -> no suggestion; more than half of the weight at high
/// risk -> very serious; more than half at high risk, some concerns or no information ->
/// serious; otherwise not serious. Throws metareview::Error when `rows` is empty or the
/// weights are not finite and non-negative.
RiskOfBiasSuggestion suggest_risk_of_bias(std::span<const RobRow> rows);

// ---- inconsistency ---------------------------------------------------------------------------

struct InconsistencySuggestion {
  enum class Reason { SingleStudy, Considerable, Substantial, OppositeSides, Low };
  std::optional<GradeJudgment> suggested;  ///< nullopt with one study (not applicable)
  Reason reason = Reason::Low;
  int k = 0;
  std::optional<double> I2;             ///< percent
  std::optional<bool> pi_crosses_null;  ///< nullopt without a prediction interval or a null
  bool ci_crosses_null = false;         ///< the pooled CI (false without a null)
  bool opposite_sides = false;          ///< one study's CI wholly on each side of the null
  bool non_overlapping = false;         ///< two study CIs that do not overlap
};

/// From the primary fit (intercept only, analysis scale) at the fit's level. `null` is the
/// null on the analysis scale (0 for log ratios and differences; nullopt for single-group
/// proportions). The rule: I2 >= 75% with study CIs on opposite sides of the null, or a
/// prediction interval that crosses the null while the CI does not, or (without a null)
/// study CIs that do not overlap -> very serious; I2 >= 50%, or study CIs on opposite sides
/// -> serious; otherwise not serious.
InconsistencySuggestion suggest_inconsistency(const model::Fit& fit, std::optional<double> null);

// ---- imprecision -----------------------------------------------------------------------------

/// Total participants (both groups) a trial needs to detect a relative risk reduction `rrr`
/// from control risk `p_c` (two-sided alpha, power). Throws metareview::Error on values out of range.
double optimal_information_size(double p_c, double rrr, double alpha, double power);
/// Events a trial with 1:1 allocation needs to detect hazard ratio `hr` (Schoenfeld 1983).
double required_events(double hr, double alpha, double power);

struct ImprecisionInput {
  double ci_lb = kGradeNaN, ci_ub = kGradeNaN;  ///< pooled CI, analysis scale
  std::optional<double> null;  ///< analysis scale; nullopt for single-arm proportions
  /// Binary outcomes: pooled control-arm risk and total participants; HR: events reported.
  double control_risk = kGradeNaN;
  double participants = kGradeNaN;
  double events = kGradeNaN;
  double rrr = 0.25, alpha = 0.05, power = 0.80;
};

struct ImprecisionSuggestion {
  enum class Ois { Participants, Events, NoControlRisk, NoEvents, NotForMeasure };
  enum class Reason { NoNull, CrossesAndBelowOis, CrossesNull, BelowOis, Precise };
  std::optional<GradeJudgment> suggested;  ///< nullopt for single-arm proportions (no null)
  Reason reason = Reason::Precise;
  bool crosses_null = false;
  Ois ois_kind = Ois::NotForMeasure;
  std::optional<double> ois;       ///< participants or events needed
  std::optional<double> observed;  ///< participants or events the rows give
  double rrr = 0.25;
};

/// The rule: one level down for a CI that crosses the null, one for an optimal information
/// size not met (binary outcomes: participants; HR: events), two at most.
ImprecisionSuggestion suggest_imprecision(core::Measure m, const ImprecisionInput& in);

// ---- publication bias ------------------------------------------------------------------------

struct PublicationBiasSuggestion {
  enum class Reason { TooFewStudies, Asymmetry, NoAsymmetry, TestFailed };
  std::optional<GradeJudgment> suggested;  ///< nullopt with fewer than 10 studies
  Reason reason = Reason::TooFewStudies;
  int k = 0;
  std::optional<double> zval, pval;  ///< Egger's test of the sei coefficient
};

inline constexpr int kMinStudiesForBiasTest = 10;

/// Egger's regression test (metafor regtest(model = "rma", predictor = "sei")): the model of
/// `spec` refitted with the standard error as moderator; p < 0.10 suggests serious.
PublicationBiasSuggestion suggest_publication_bias(const effect::EffectTable& es, const model::ModelSpec& spec);

// ---- rating up -------------------------------------------------------------------------------

struct LargeEffectSuggestion {
  bool applicable = false;  ///< ratio measures of non-randomised evidence only
  int levels = 0;           ///< 0, 1 or 2
  double estimate = kGradeNaN;  ///< ratio scale
};

/// RR, OR or HR below 0.5 or above 2 -> +1; below 0.2 or above 5 -> +2. `estimate` on the ratio scale.
LargeEffectSuggestion suggest_large_effect(core::Measure m, double estimate, bool randomised);

// ---- reason codes (results.json; present/ words them) -------------------------------------

std::string_view to_string(RiskOfBiasSuggestion::Reason r);     ///< "not-assessed", ...
std::string_view to_string(InconsistencySuggestion::Reason r);  ///< "single-study", ...
std::string_view to_string(ImprecisionSuggestion::Reason r);    ///< "crosses-null", ...
std::string_view to_string(ImprecisionSuggestion::Ois o);       ///< "participants", "events", ...
std::string_view to_string(PublicationBiasSuggestion::Reason r);  ///< "fewer-than-10-studies", ...

// ---- the whole -------------------------------------------------------------------------------

/// Start, minus levels down (at most very low), plus levels up (at most high).
Certainty final_certainty(Certainty start, int levels_down, int levels_up);

// ---- absolute effects ------------------------------------------------------------------------

/// Anticipated absolute effects per 1000 (GRADEpro's SoF columns). For two-group measures
/// `comparator` is the comparator risk per 1000, `intervention` the risk with the
/// intervention, `difference` intervention minus comparator with its CI. For a single-arm
/// proportion `comparator` is NaN and `intervention` the pooled proportion with its CI.
struct AbsoluteEffect {
  double comparator = kGradeNaN;
  double intervention = kGradeNaN, intervention_lb = kGradeNaN, intervention_ub = kGradeNaN;
  double difference = kGradeNaN, difference_lb = kGradeNaN, difference_ub = kGradeNaN;
};

/// `est`, `lb`, `ub` on the display scale (ratios, RD, or a proportion); `p_c` the comparator
/// risk (0..1; ignored for proportions). Measures without an absolute effect (MD, SMD, IRR)
/// give nullopt. Throws metareview::Error when p_c is outside (0, 1) for a two-group measure.
std::optional<AbsoluteEffect> absolute_effect(core::Measure m, double p_c, double est, double lb, double ub);

}  // namespace metareview::methods
