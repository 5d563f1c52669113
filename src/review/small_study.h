#pragma once
// Small-study effects of one analysis: what its <small-study> asks for (tests for funnel-plot
// asymmetry, trim-and-fill) and what they give on the analysis' primary fit. Like the funnel
// plot under funnel="auto", they run only from 10 studies on (Cochrane Handbook 13.3.5.4).
// Numbers only; present/ words them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "effect/effect_table.h"
#include "methods/trimfill.h"
#include "model/spec.h"

namespace metareview::review {

/// A test for funnel-plot asymmetry, named as R meta's metabias() method.bias names it.
enum class SmallStudyTest {
  Egger,    ///< metafor regtest(model = "rma", predictor = "sei") with the primary fit's spec
  Begg,     ///< metafor ranktest(): Begg and Mazumdar's rank correlation
  Peters,   ///< R meta metabias(method.bias = "Peters"): 2x2 measures
  Harbord,  ///< R meta metabias(method.bias = "Harbord"): OR
};

std::string_view to_string(SmallStudyTest t);  ///< "egger", "begg", "peters", "harbord"
std::optional<SmallStudyTest> parse_small_study_test(std::string_view code);
std::string valid_small_study_tests();         ///< "egger, begg, peters, harbord"

/// Why `t` cannot be run on `m`, as the reader's hint ("Peters' test needs OR, RR or RD"), or
/// "" when it can: Peters' and Harbord's tests work from 2x2 counts.
std::string small_study_measure_problem(SmallStudyTest t, core::Measure m);

/// <small-study> of an analysis (docs/review-format.md).
struct SmallStudyDecl {
  std::vector<SmallStudyTest> tests;  ///< in file order, each once
  bool trimfill = false;              ///< trimfill="true": Duval and Tweedie's trim-and-fill
  core::SourceLocation where;
};

/// Ref: Cochrane Handbook (version 6.4) 13.3.5.4: tests for funnel plot asymmetry should be
/// used only when there are at least 10 studies; with fewer their power is too low to tell
/// chance from real asymmetry.
inline constexpr int kMinStudiesForSmallStudyTests = 10;

struct SmallStudyTestResult {
  SmallStudyTest test = SmallStudyTest::Egger;
  std::string statistic;     ///< "z" or "t" (Egger: the fit's test), "t" (Peters, Harbord), "tau" (Begg)
  double value = 0;          ///< the statistic
  std::optional<double> df;  ///< t tests
  double pval = 1;
  std::string error;         ///< the Error's text when the test could not be run; the numbers are then unset
  /// Egger: the fitted line yi = intercept + slope * sei of the refit (the report's funnel
  /// plot draws it); nullopt for the other tests.
  std::optional<double> intercept, slope;
};

struct SmallStudyResult {
  int k = 0;            ///< studies in the primary fit
  bool tested = false;  ///< k >= kMinStudiesForSmallStudyTests: the tests and trim-and-fill ran
  std::vector<SmallStudyTestResult> tests;  ///< in declaration order; empty when not tested
  std::optional<methods::Trimfill> trimfill;  ///< asked for, tested, and it ran
  std::string trimfill_error;                 ///< asked for and tested, but it failed: why
};

/// Runs `decl` on the rows of `es` that the primary fit (spec `spec`, `k` studies) used. A test
/// that fails (a study without events for Peters' test) gives its message, not an exception.
SmallStudyResult small_study(const effect::EffectTable& es, const model::ModelSpec& spec, int k,
                             const SmallStudyDecl& decl);

}  // namespace metareview::review
