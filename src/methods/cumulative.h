#pragma once
// Cumulative meta-analysis: row i is the fit of the first i studies in a given order.
#include <cstddef>
#include <string_view>
#include <vector>

#include "effect/effect_table.h"
#include "methods/leave_one_out.h"
#include "methods/methods.h"
#include "model/spec.h"

namespace metareview::methods {

struct Cumulative {
  model::ModelSpec spec;  ///< the spec every refit used
  /// One per study in the fit, in the requested order: `row` is the study added at this step
  /// and `fit` the fit of it and every study before it (nullopt when that fit failed).
  std::vector<LeaveOneOutRow> rows;
};

/// Fits the first 1, 2, ..., k studies of fit(es, spec) in `order` (effect-table rows, each
/// row of the table exactly once; empty: input order) with the same spec. Rows not in the
/// fit (excluded, or yi/vi missing) are passed over. Throws Error for an order that is not a
/// permutation of the table rows. Ref: metafor 3.8-1 cumul.rma.uni.r (its `order` argument).
Cumulative cumulative(const effect::EffectTable& es, const model::ModelSpec& spec,
                      const std::vector<std::size_t>& order = {});

/// Table rows sorted by `key` ascending (ties keep input order): the order for cumulative()
/// by year (key: the year) or by precision (key: vi, most precise first).
std::vector<std::size_t> order_by(const std::vector<double>& key);

/// The order cumulative() takes for `order`: "given" (empty: input order), "year" (oldest
/// first; rows without a year last) or "precision" (smallest vi first); ties keep the input
/// order. Throws Error for any other order.
std::vector<std::size_t> cumulative_order(std::string_view order, const effect::EffectTable& es);

/// cumulative() in input order as a table for the methods list (leave_one_out's columns).
MethodResult cumulative_result(const effect::EffectTable& es, const model::ModelSpec& spec);

}  // namespace metareview::methods
