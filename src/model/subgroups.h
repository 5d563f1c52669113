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

/// How the random-effects subgroup estimates get their tau2: each subgroup its own (RevMan,
/// R meta's default), or one tau2 for all, from the mixed-effects model with the subgroup as a
/// factor (metafor's rma(yi, vi, mods = ~ factor(g)); R meta's tau.common = TRUE).
enum class SubgroupTau2 { Separate, Common };

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
  /// The one tau2 the random-effects subgroup estimates shared (SubgroupTau2::Common); the
  /// test is then the Wald test of the subgroup terms of that mixed-effects model (metafor's QM).
  std::optional<double> tau2_common;
};

/// Fits `common` and/or `random` (at least one) to `es` and to each subgroup's rows of `es`.
/// A subgroup without a usable row (included, finite yi and vi) is listed unfitted and left
/// out of the test. With SubgroupTau2::Common (and a random spec, two or more fitted subgroups)
/// every subgroup's random-effects fit uses the tau2 of the mixed-effects model over the
/// grouped rows. Throws metareview::Error from the fits, when no spec is given, or when a
/// common tau2 cannot be estimated (no more studies than subgroups).
SubgroupFits fit_subgroups(const effect::EffectTable& es, const std::optional<ModelSpec>& common,
                           const std::optional<ModelSpec>& random, SubgroupTau2 tau2 = SubgroupTau2::Separate);

}  // namespace metareview::model
