#pragma once
// The words and the coefficients table of an analysis' <meta-regression> in the report and
// the supplement: what was fitted, the test of moderators, and the Cochrane Handbook's caveat.
#include <string>
#include <vector>

#include "review/analysis.h"

namespace metareview::report {

struct MetaRegressionRowText {
  std::string name, estimate, se, statistic, pval, ci;
};

struct MetaRegressionText {
  /// What was fitted with the test of moderators and residual heterogeneity; the caveat
  /// (always observational; below 10 studies per moderator, exploratory); or why no fit.
  std::vector<std::string> sentences;
  std::vector<MetaRegressionRowText> rows;  ///< one per coefficient, the intercept first
  std::string statistic;                    ///< "z" or "t": the coefficients' test
  std::string ci_header;                    ///< "95% CI"
};

/// Empty (no sentences) when the analysis has no <meta-regression>.
MetaRegressionText meta_regression_text(const review::AnalysisResult& a);

}  // namespace metareview::report
