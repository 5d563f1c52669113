#pragma once
// An analysis' small-study effects in words (review/small_study.h): each test's statistic
// and a one-sentence reading, trim-and-fill as a sensitivity result next to the primary
// estimate, or, below 10 studies, why nothing was tested. The report's HTML, Markdown and
// PDF, and the certainty assessment's publication-bias domain, all read this one view.
#include <string>
#include <vector>

#include "review/analysis.h"

namespace metareview::present {

/// p below this reads as a sign of asymmetry. Ref: Egger et al. (1997) BMJ 315:629 took
/// p < 0.10 because the tests have low power; Cochrane Handbook 13.3.5.4 reports the same use.
inline constexpr double kAsymmetryP = 0.10;

struct SmallStudyTestView {
  std::string name;     ///< "Egger's regression test"
  std::string result;   ///< "z = 1.23, P = 0.22"; or why it could not be run
  std::string reading;  ///< "Egger's test gives no clear evidence of funnel-plot asymmetry (P = 0.22)."
  bool asymmetry = false;  ///< p < kAsymmetryP
};

struct SmallStudyView {
  bool asked = false;           ///< the analysis has a <small-study>
  std::string not_tested;       ///< below 10 studies: what was asked and why it was not run; else ""
  std::vector<SmallStudyTestView> tests;
  std::string caution;          ///< after a test that suggests asymmetry: what else can cause it; else ""
  std::string trimfill;         ///< the trim-and-fill sentence, or ""
  /// For the publication-bias domain of the certainty assessment: "Egger's test P = 0.22;
  /// Begg's test P = 0.48", or "not tested: 4 studies, fewer than 10 (Cochrane Handbook 13.3.5.4)".
  std::string evidence;
  bool asymmetry = false;       ///< any test suggests asymmetry
};

/// "a", "a and b", "a, b and c": the tests a sentence names.
std::string joined_with_and(const std::vector<std::string>& items);

/// The view of `a`'s small-study result; `asked` false when the analysis asks for none.
SmallStudyView small_study_view(const review::AnalysisResult& a);

}  // namespace metareview::present
