#pragma once
// The models of an analysis over all its studies and per subgroup, from one EffectTable.
// A subgroup's fits take its rows of that table (yi, vi and any continuity correction as
// computed once over all rows), never a second escalc: with to = "if0all" a zero cell in one
// subgroup corrects every table, and a study must show the same yi in its row, in its
// subgroup's estimate and in the total. The review runner and `metareview forest` both fit here.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/spec.h"
#include "model/subgroup_test.h"

namespace metareview::model {

/// The fits of one subgroup (StudyInput::subgroup).
struct SubgroupFit {
  std::string name;
  std::vector<std::size_t> rows;      ///< indices into the table the fits were made from
  std::optional<Fit> common, random;  ///< nullopt when no row of the subgroup is usable
};

struct SubgroupFits {
  std::optional<Fit> common, random;   ///< over all rows
  /// In order of first appearance; rows without a subgroup stay ungrouped. Empty when no
  /// row has one.
  std::vector<SubgroupFit> subgroups;
  /// Test for subgroup differences of the random-effects estimates (the common-effect ones
  /// when only that spec is given), as R meta's Q.b.random / Q.b.common; nullopt for fewer
  /// than two fitted subgroups.
  std::optional<SubgroupTest> test;
  bool test_random = false;            ///< the test compares random-effects estimates
};

/// Fits `common` and/or `random` (at least one) to `es` and to each subgroup's rows of `es`.
/// A subgroup without a usable row (included, finite yi and vi) is listed unfitted and left
/// out of the test. Throws metareview::Error from the fits or when no spec is given.
SubgroupFits fit_subgroups(const effect::EffectTable& es, const std::optional<ModelSpec>& common,
                           const std::optional<ModelSpec>& random);

}  // namespace metareview::model
