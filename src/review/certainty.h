#pragma once
// GRADE certainty of one analysis of a review: the tool's suggestion per domain
// (methods/grade.h) next to the committee's judgment from the review file's <certainty>,
// the final certainty, and the summary-of-findings numbers (participants, studies,
// comparator risk, absolute effects). Numbers and reason codes only; present/ words them.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/study.h"
#include "methods/grade.h"

namespace metareview::review {

struct AnalysisResult;

struct DomainCertainty {
  methods::GradeDomain domain = methods::GradeDomain::RiskOfBias;
  std::optional<methods::GradeJudgment> suggested;  ///< nullopt: the tool cannot suggest
  std::optional<methods::GradeJudgment> judgment;   ///< the committee's; nullopt without <certainty>
  std::string footnote;                             ///< the committee's
  /// The judgment that counts: the committee's, else the suggestion, else not serious.
  methods::GradeJudgment used() const;
  bool departs() const { return judgment && suggested && *judgment != *suggested; }
};

struct UpgradeCertainty {
  methods::GradeUpgrade upgrade = methods::GradeUpgrade::LargeEffect;
  std::optional<int> suggested;  ///< large effect only (levels), when applicable
  std::optional<int> levels;     ///< the committee's
  std::string footnote;
};

/// Where the comparator risk of the absolute effects comes from.
enum class ComparatorSource { None, Declared, ControlArms };

struct CertaintyResult {
  bool estimable = false;  ///< a pooled estimate or a single study's own effect exists
  bool judged = false;     ///< the review file has <certainty>: the committee's judgments count
  methods::StartingLevel start;
  methods::RiskOfBiasSuggestion risk_of_bias;
  methods::InconsistencySuggestion inconsistency;
  methods::ImprecisionSuggestion imprecision;
  methods::PublicationBiasSuggestion publication_bias;
  methods::LargeEffectSuggestion large_effect;
  std::vector<DomainCertainty> domains;    ///< the five, in methods::grade_domains() order
  std::vector<UpgradeCertainty> upgrades;  ///< non-randomised evidence only: the three
  methods::Certainty certainty = methods::Certainty::High;

  // Summary of findings.
  int studies = 0;                  ///< usable rows
  double participants = 0;          ///< of the rows whose size is known
  std::vector<std::string> size_unknown;  ///< labels of the rows whose size is not known
  double events = methods::kGradeNaN;        ///< HR: events the rows report; NaN when a row has none
  /// Display scale: the effect (pooled, or the single study's) and its CI.
  double estimate = methods::kGradeNaN, ci_lb = methods::kGradeNaN, ci_ub = methods::kGradeNaN;
  ComparatorSource comparator_source = ComparatorSource::None;
  double comparator_risk = methods::kGradeNaN;
  std::string comparator_risk_text;  ///< the review's comparator-risk-source
  std::string risk_time, follow_up;
  std::optional<methods::AbsoluteEffect> absolute;
};

/// What GRADE reads of the rows' risk-of-bias assessments.
struct RobInput {
  std::vector<methods::RobConcern> concerns;  ///< one per row of the analysis
  bool robins_i = false;  ///< every non-randomised row was assessed with ROBINS-I
};

/// The one place a row's risk-of-bias assessment becomes GRADE's input. No study carries an
/// assessment yet, so every row is not_assessed.
RobInput rob_input(const AnalysisResult& a, const core::StudySet& studies);
/// A RoB 1, RoB 2 or ROBINS-I overall judgment on GRADE's scale (ROBINS-I serious and
/// critical are "high", RoB 1 unclear is "some"); no_information without an overall judgment
/// (RoB 1 as RevMan stores it); not_assessed when `r` is null or not applicable.
methods::RobConcern rob_concern(const core::RobAssessment* r);

/// The certainty of `a` (a main analysis, not a sensitivity one) from its results, its
/// studies' designs and sizes, and `rob` (from rob_input()). Throws metareview::Error when
/// `rob` does not have one concern per row.
CertaintyResult assess_certainty(const AnalysisResult& a, const core::StudySet& studies, const RobInput& rob);

}  // namespace metareview::review
