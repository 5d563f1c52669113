#pragma once
// The results RevMan 5 stored in a review file beside its data (pooled estimate, CI, Q, I²,
// τ², z, p, per-study weights), compared with metareview's fit of the same data under
// RevMan's own method: every difference beyond the precision of the stored number is a
// finding (docs/import.md).
#include <string>
#include <vector>

#include "check/finding.h"
#include "core/diagnostics.h"
#include "model/fit.h"

namespace metareview::check {

/// One number RevMan stored, as printed ("0.8968655609130709"; "" when RevMan left it empty).
struct StoredValue {
  std::string name;  ///< RevMan's attribute: "EFFECT_SIZE", "CHI2", "WEIGHT"
  std::string text;
  core::SourceLocation where;
};

/// What RevMan stored for one outcome, and which analysis of the imported review it is.
struct RevmanStored {
  std::string review;    ///< review id (the findings' study column)
  std::string analysis;  ///< analysis id (the findings' outcome column)
  bool ratio = false;    ///< EFFECT_SIZE and its CI are ratios (OR, RR, HR, Peto OR)
  bool random = false;   ///< RevMan's random-effects model (TAU2 is compared only then)
  std::vector<StoredValue> pooled;  ///< the outcome element's attributes
  /// WEIGHT of each study, in the fit's row order, with the row's label (the finding's item).
  std::vector<StoredValue> weights;
  std::vector<std::string> labels;
};

/// Relative tolerance beyond a stored number's own precision: RevMan prints doubles to 16 or
/// 17 significant digits, and two programs summing the same terms in another order differ
/// in the last few of them.
inline constexpr double kRevmanRelTol = 1e-9;

/// Absolute difference below which a stored p-value that differs from ours is a note: RevMan
/// 5.0 computed some p-values to about 7 digits (its P_CHI2 for Fleiss 1993 is 7e-8 off R's).
inline constexpr double kRevmanPTol = 1e-6;

/// One finding per stored number that `ours` (fitted with RevMan's method, CI level and
/// I² from Q) also computes: Ok when they agree within the stored number's last printed
/// digit or kRevmanRelTol relative, a Note for a p-value within kRevmanPTol, else
/// Inconsistent. Empty stored numbers are skipped.
std::vector<Finding> compare_with_revman(const RevmanStored& stored, const model::Fit& ours);

}  // namespace metareview::check
