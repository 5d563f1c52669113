#include "methods/cumulative.h"

#include <algorithm>
#include <numeric>
#include <string>

#include "core/error.h"
#include "model/refitter.h"

namespace metareview::methods {

Cumulative cumulative(const effect::EffectTable& es, const model::ModelSpec& spec,
                      const std::vector<std::size_t>& order) {
  const model::Refitter refitter(es, spec);
  std::vector<std::size_t> sequence = order;
  if (sequence.empty()) {
    sequence.resize(es.k());
    std::iota(sequence.begin(), sequence.end(), std::size_t{0});
  }
  std::vector<bool> seen(es.k(), false);
  for (const std::size_t row : sequence) {
    if (row >= es.k() || seen[row])
      throw Error("cumulative: the order must name each of the " + std::to_string(es.k()) +
                  " table rows once; row " + std::to_string(row) +
                  (row >= es.k() ? " does not exist" : " appears twice"));
    seen[row] = true;
  }
  if (sequence.size() != es.k())
    throw Error("cumulative: the order names " + std::to_string(sequence.size()) + " of the " +
                std::to_string(es.k()) + " table rows; it must name each once");
  Cumulative out;
  out.spec = spec;
  std::vector<std::size_t> first;
  for (const std::size_t row : sequence) {
    if (!refitter.in_fit(row)) continue;
    first.push_back(row);
    out.rows.push_back(refit_row(row, [&] { return refitter.subset(first); }));
  }
  return out;
}

std::vector<std::size_t> order_by(const std::vector<double>& key) {
  std::vector<std::size_t> order(key.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&key](std::size_t a, std::size_t b) { return key[a] < key[b]; });
  return order;
}

std::vector<std::size_t> cumulative_order(std::string_view order, const effect::EffectTable& es) {
  if (order == "given") return {};
  if (order != "year" && order != "precision")
    throw Error("methods::cumulative_order: unknown order '" + std::string(order) + "'; valid: given, year, precision");
  std::vector<double> key(es.k());
  for (std::size_t i = 0; i < es.k(); ++i) {
    const bool known = i < es.input.size() && es.input[i].year;
    key[i] = order == "precision" ? es.vi[i] : known ? *es.input[i].year : 1e300;
  }
  return order_by(key);
}

MethodResult cumulative_result(const effect::EffectTable& es, const model::ModelSpec& spec) {
  const Cumulative c = cumulative(es, spec);
  return refit_table("cumulative", c.spec, c.rows);
}

}  // namespace metareview::methods
