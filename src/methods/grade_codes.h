#pragma once
// The codes of GRADE's domains, judgments, upgrades and certainty levels: what the review
// file's <certainty> names (review/review.h) and results.json writes. The suggestions that
// use them are in methods/grade.h.
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace metareview::methods {

/// A domain that rates down, as the review file names it.
enum class GradeDomain { RiskOfBias, Inconsistency, Indirectness, Imprecision, PublicationBias };
/// A reason to rate non-randomised evidence up.
enum class GradeUpgrade { LargeEffect, DoseResponse, PlausibleConfounding };
/// A domain judgment; its value is the number of levels it rates down.
enum class GradeJudgment { NotSerious = 0, Serious = 1, VerySerious = 2 };
/// Certainty of the evidence; its value is the number of ⊕ symbols minus one.
enum class Certainty { VeryLow = 0, Low = 1, Moderate = 2, High = 3 };

std::string_view to_string(GradeDomain d);      ///< "risk-of-bias", ...
std::string_view to_string(GradeUpgrade u);     ///< "large-effect", ...
std::string_view to_string(GradeJudgment j);    ///< "not-serious", "serious", "very-serious"
std::string_view to_string(Certainty c);        ///< "very-low", "low", "moderate", "high"
std::optional<GradeDomain> parse_grade_domain(std::string_view code);
std::optional<GradeUpgrade> parse_grade_upgrade(std::string_view code);
std::optional<GradeJudgment> parse_grade_judgment(std::string_view code);
std::string valid_grade_domains();    ///< "risk-of-bias, inconsistency, ..."
std::string valid_grade_upgrades();
std::string valid_grade_judgments();
/// Every domain that rates down, in the order GRADEpro lists them.
std::span<const GradeDomain> grade_domains();

}  // namespace metareview::methods
