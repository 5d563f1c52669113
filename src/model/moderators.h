#pragma once
// The design matrix of a meta-regression from named moderator columns, as metafor builds it
// from `mods = ~ x1 + factor(x2)`: an intercept, each numeric column as it is, and each text
// column (or one forced with --factor) as a factor whose first level in sorted order is the
// reference (R's factor() default), one 0/1 column per other level.
#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/diagnostics.h"

namespace metareview::model {

/// One moderator as read from the data: a value per effect-table row, and where it is.
struct ModeratorColumn {
  std::string name;
  std::vector<std::string> values;           ///< one per row of the effect table
  core::SourceLocation header;               ///< where the column is named
  std::vector<core::SourceLocation> where;   ///< each value's cell (may be empty)
  bool factor = false;                       ///< forced to a factor (--factor)
};

struct Design {
  Eigen::MatrixXd X;                    ///< k x p, rows as the effect table's
  std::vector<std::string> names;       ///< metafor's: intrcpt, ablat, factor(alloc)random ...
  std::vector<int> moderator;           ///< the column each coefficient comes from (-1: intercept)
  std::vector<bool> is_factor;          ///< per moderator column: read as a factor
};

/// Builds the design from `mods` over the rows where `used` is true (the rows a fit will
/// use: levels, constancy and rank are judged on them; other rows get zeros). Problems go
/// to `diags` as errors at the column's header (FILE:LINE:COL): a constant moderator, a
/// moderator that is a linear combination of the intercept and the moderators before it
/// (metafor drops such columns with a warning; here the design is refused), and more
/// coefficients than the fit can estimate (p > k, or p + 1 > k with tau2 to estimate).
Design make_design(const std::vector<ModeratorColumn>& mods, const std::vector<bool>& used, bool estimate_tau2,
                   core::Diagnostics& diags);

}  // namespace metareview::model
