#pragma once
// The test for subgroup differences, run by model::fit_subgroups for the review runner and
// `metareview forest` alike, so that figure and report give one Q_between.
#include <optional>
#include <string>
#include <vector>

#include "model/fit.h"

namespace metareview::model {

/// Test for subgroup differences: Q_between with its df and p.
struct SubgroupTest {
  double Q = 0, df = 0, p = 1;
};

/// One subgroup's pooled effect (Fit::estimate(), analysis scale) and its SE (Fit::se[0]).
struct SubgroupEstimate {
  std::string name;  ///< for error messages
  double estimate = 0, se = 0;
};

/// A common-effect (inverse-variance) meta-analysis of the subgroup estimates, each with its
/// own SE: its Q is Q_between on (subgroups - 1) df, as R meta's Q.b.random and Q.b.common
/// (and RevMan) give it for the model the estimates are of. nullopt for fewer than two
/// subgroups. Throws metareview::Error from the fit (an SE of 0).
/// Ref: Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 19 (Q_between).
std::optional<SubgroupTest> subgroup_test(const std::vector<SubgroupEstimate>& subgroups);

}  // namespace metareview::model
