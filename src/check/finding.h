#pragma once
// One result of an evidence check: a number a paper printed, what its own data give
// instead, and how worried a reader should be. The library collects findings; only the
// command layer prints them.
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"

namespace metareview::check {

/// How far a printed number is from what the paper's own data allow, mildest first.
enum class Severity {
  Ok,            ///< recomputed and consistent at the printed precision
  Note,          ///< consistent, but something a reader must know (a 99% CI, an assumed denominator)
  Inconsistent,  ///< the printed number does not follow from the printed data
  Implausible,   ///< the printed number cannot come from a study of this size
};

std::string_view to_string(Severity s);

/// One check of one printed number. `reported` and `recomputed` are the two compared
/// quantities (e.g. the printed t and Student's t from the printed means; the SE a CI
/// implies and the smallest SE the study's size allows); `reported_text` is the number as
/// printed, `recomputed_text` the recomputed value at the precision the message uses.
struct Finding {
  std::string study;    ///< Study::id
  std::string outcome;  ///< Outcome::id; "" for a check of the study itself (its arms)
  std::string check;    ///< stable id: "chi2", "t", "se-plausibility", "percent-grim", ...
  std::optional<double> reported, recomputed;
  std::string reported_text, recomputed_text;
  Severity severity = Severity::Ok;
  std::string message;  ///< one line a reader understands
  core::SourceLocation where;
  /// The part of the outcome checked, when it has several: a timepoint id (continuous),
  /// an adverse-event id, an arm id or a category id; "" for the outcome as a whole.
  std::string item;
};

}  // namespace metareview::check
