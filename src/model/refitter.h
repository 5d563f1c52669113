#pragma once
// Many fits of one effect table on different sets of its rows (leave-one-out, influence,
// GOSH, cumulative), as metafor's leave1out() and influence() call rma.uni(..., subset = -i)
// with the stored method, test, level and control.
#include <cstddef>
#include <optional>
#include <vector>

#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/spec.h"

namespace metareview::model {

/// Prepared once from a table and a spec: the spec is validated and the usable rows'
/// yi/vi are checked and kept (no study labels), so each refit only gathers the yi/vi of
/// its rows and fits them: O(k) work beyond the estimator's own passes. Refits are as
/// fit() with `want` (default Want::estimates()); their per-study vectors are by table
/// row: `included` always, `weights` when wanted; slab, yi and vi stay empty.
/// MH and PETO pool the 2x2 counts of every table, so they keep a copy of the table and
/// refit through fit(es.subset(rows), spec).
/// A Refitter is immutable after construction; refits may run concurrently.
class Refitter {
 public:
  /// Throws Error as fit() does for an invalid spec, a table with columns of different
  /// lengths or a usable row with vi <= 0.
  Refitter(const effect::EffectTable& es, const ModelSpec& spec, const Want& want = Want::estimates());

  const ModelSpec& spec() const { return spec_; }
  /// Table rows that enter a fit, in input order (for MH and PETO: every row).
  const std::vector<std::size_t>& rows() const { return rows_; }
  bool in_fit(std::size_t row) const { return row < position_.size() && position_[row] != kNone; }

  /// The fit of every row in rows().
  Fit all() const;
  /// The fit without table row `row` (metafor's subset = -i). Throws Error when the row is
  /// not in rows() (there is nothing to leave out) or the refit fails.
  Fit without(std::size_t row) const;
  /// The fit of the listed table rows that are in rows(), in their input order.
  Fit subset(const std::vector<std::size_t>& table_rows) const;

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  /// Fits the positions (indices into rows_) where keep(position) is true.
  template <class Keep>
  Fit fit_positions(const Keep& keep) const;

  ModelSpec spec_;
  Want want_;
  core::Measure measure_;
  effect::EffectOptions options_;
  std::optional<effect::EffectTable> counts_table_;  ///< MH and PETO only
  std::vector<std::size_t> rows_;
  std::vector<std::size_t> position_;  ///< table row -> index into rows_ (kNone: not in the fit)
  std::vector<double> yi_, vi_;        ///< of rows_
};

}  // namespace metareview::model
