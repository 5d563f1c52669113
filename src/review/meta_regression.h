#pragma once
// Meta-regression inside a review (<meta-regression> of an analysis): the moderators are
// study-level attributes of the study files (year, design, phase), fitted on the headline
// model's rows with model::meta_regression and the analysis' own spec. Numbers only; the
// report words them.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/study.h"
#include "effect/effect_table.h"
#include "model/metareg.h"
#include "model/moderators.h"
#include "model/spec.h"

namespace metareview::review {

/// <meta-regression moderators="year" factor="phase"/> (docs/review-format.md).
struct MetaRegressionDecl {
  std::vector<std::string> moderators;  ///< study attributes, in file order, each once
  std::vector<std::string> factors;     ///< those of `moderators` read as factors
  core::SourceLocation where;           ///< the element
  core::SourceLocation moderators_at;   ///< its moderators attribute (make_design's errors point here)
};

/// The study attributes a moderator may name: "year, design, phase".
std::string valid_moderator_attributes();
bool is_moderator_attribute(std::string_view name);
/// The study's value of attribute `name` as the study file gives it; "" when the file has
/// none (a study without a phase): never a made-up value.
std::string study_attribute(const core::Study& s, std::string_view name);

/// One ModeratorColumn per moderator, a value per entry of `studies` (the analysis' rows).
/// Each column's header is `d.moderators_at`.
std::vector<model::ModeratorColumn> moderator_columns(const MetaRegressionDecl& d,
                                                      const std::vector<const core::Study*>& studies);

/// Ref: Cochrane Handbook (version 6.4) 10.11.5: meta-regression should generally not be
/// considered when there are fewer than ten studies for each characteristic modelled; its
/// results are observational either way.
inline constexpr int kMinStudiesPerModerator = 10;

struct MetaRegressionResult {
  int k = 0;                           ///< studies in the headline fit
  std::optional<model::MetaReg> fit;   ///< absent when the design could not be made
  model::Design design;
  std::string error;                   ///< why there is no fit (the design's problems)
  /// Coefficients but the intercept: the characteristics the 10-per-moderator rule counts.
  int modelled() const { return static_cast<int>(design.names.size()) - 1; }
  /// k below 10 per modelled characteristic (Cochrane Handbook 10.11.5).
  bool too_few_studies() const { return k < kMinStudiesPerModerator * std::max(1, modelled()); }
};

/// Fits `d` on the rows of `es` the headline fit used (es.included), with `spec`;
/// `studies[i]` is the study of row i.
MetaRegressionResult meta_regression(const effect::EffectTable& es, const model::ModelSpec& spec,
                                     const MetaRegressionDecl& d, const std::vector<const core::Study*>& studies);

}  // namespace metareview::review
