#include "model/refitter.h"

#include <cmath>
#include <string>

#include "core/error.h"
#include "core/format.h"
#include "model/regression.h"

namespace metareview::model {

Refitter::Refitter(const effect::EffectTable& es, const ModelSpec& spec, const Want& want)
    : spec_(spec), want_(want), measure_(es.measure), options_(es.options) {
  if (const std::string err = spec.validate(); !err.empty()) throw Error("Refitter: " + err);
  const std::size_t n = es.k();
  if (es.vi.size() != n || (!es.included.empty() && es.included.size() != n))
    throw Error("Refitter: the effect table's columns differ in length (yi " + std::to_string(n) + ", vi " +
                std::to_string(es.vi.size()) + ")");
  position_.assign(n, kNone);
  const bool counts = spec.method == Method::MH || spec.method == Method::PETO;
  if (counts) counts_table_ = es;
  for (std::size_t i = 0; i < n; ++i) {
    if (!counts && !es.usable(i)) continue;
    if (!counts && !(es.vi[i] > 0))
      throw Error("Refitter: sampling variances must be > 0; study '" +
                  (es.input.empty() ? std::to_string(i + 1) : es.input[i].study) +
                  "' has vi = " + core::format_shortest(es.vi[i]));
    position_[i] = rows_.size();
    rows_.push_back(i);
    yi_.push_back(es.yi[i]);
    vi_.push_back(es.vi[i]);
  }
}

template <class Keep>
Fit Refitter::fit_positions(const Keep& keep) const {
  if (counts_table_) {
    std::vector<std::size_t> rows;
    for (std::size_t j = 0; j < rows_.size(); ++j)
      if (keep(j)) rows.push_back(rows_[j]);
    Fit f = fit(counts_table_->subset(rows), spec_, want_);
    // Back to table rows, as the inverse-variance refits give them.
    std::vector<bool> included(position_.size(), false);
    std::vector<double> weights(want_.weights ? position_.size() : 0, 0.0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      included[rows[r]] = f.included[r];
      if (want_.weights) weights[rows[r]] = f.weights[r];
    }
    f.included = std::move(included);
    f.weights = std::move(weights);
    f.slab.clear(), f.yi.clear(), f.vi.clear();
    return f;
  }
  std::vector<double> y, v;
  y.reserve(rows_.size());
  v.reserve(rows_.size());
  std::vector<bool> included(position_.size(), false);
  for (std::size_t j = 0; j < rows_.size(); ++j) {
    if (!keep(j)) continue;
    y.push_back(yi_[j]);
    v.push_back(vi_[j]);
    included[rows_[j]] = true;
  }
  if (y.empty()) throw Error("no studies to pool (k = 0)");
  const auto model = intercept_only(std::move(y), std::move(v), spec_.control.threads);
  Fit f = fit(*model, spec_, want_);
  f.measure = measure_;
  f.effect_options = options_;
  if (want_.weights) {
    std::vector<double> by_row(position_.size(), 0.0);
    std::size_t r = 0;
    for (std::size_t i = 0; i < included.size(); ++i)
      if (included[i]) by_row[i] = f.weights[r++];
    f.weights = std::move(by_row);
  }
  f.included = std::move(included);
  return f;
}

Fit Refitter::all() const {
  return fit_positions([](std::size_t) { return true; });
}

Fit Refitter::without(std::size_t row) const {
  if (!in_fit(row))
    throw Error("Refitter::without: row " + std::to_string(row) + " is not in the fit (" +
                std::to_string(rows_.size()) + " rows are)");
  const std::size_t left_out = position_[row];
  return fit_positions([left_out](std::size_t j) { return j != left_out; });
}

Fit Refitter::subset(const std::vector<std::size_t>& table_rows) const {
  std::vector<bool> keep(rows_.size(), false);
  for (const std::size_t i : table_rows)
    if (in_fit(i)) keep[position_[i]] = true;
  return fit_positions([&keep](std::size_t j) { return keep[j]; });
}

}  // namespace metareview::model
