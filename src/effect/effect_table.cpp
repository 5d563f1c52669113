#include "effect/effect_table.h"

#include <cmath>

#include "core/error.h"

namespace metareview::effect {
namespace {

// A column is either absent (empty) or has one entry per row; subset() keeps that shape.
template <class T>
void take(const std::vector<T>& from, std::vector<T>& to, const std::vector<std::size_t>& rows, std::size_t k,
          const char* name) {
  if (from.empty()) return;
  if (from.size() != k)
    throw Error("EffectTable::subset: column " + std::string(name) + " has " + std::to_string(from.size()) +
                " rows for k = " + std::to_string(k));
  to.reserve(rows.size());
  for (const std::size_t i : rows) to.push_back(from[i]);
}

}  // namespace

bool EffectTable::usable(std::size_t i) const {
  return (included.empty() || included.at(i)) && std::isfinite(yi.at(i)) && std::isfinite(vi.at(i));
}

std::vector<std::size_t> EffectTable::usable_rows() const {
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < k(); ++i)
    if (usable(i)) rows.push_back(i);
  return rows;
}

EffectTable EffectTable::subset(const std::vector<std::size_t>& rows) const {
  const std::size_t n = k();
  for (const std::size_t i : rows)
    if (i >= n)
      throw Error("EffectTable::subset: row " + std::to_string(i) + " is out of range (k = " + std::to_string(n) +
                  ")");
  EffectTable out;
  out.measure = measure;
  out.options = options;
  take(yi, out.yi, rows, n, "yi");
  take(vi, out.vi, rows, n, "vi");
  take(input, out.input, rows, n, "input");
  take(corrected, out.corrected, rows, n, "corrected");
  take(included, out.included, rows, n, "included");
  take(note, out.note, rows, n, "note");
  take(ni, out.ni, rows, n, "ni");
  return out;
}

EffectTable EffectTable::without(std::size_t i) const {
  if (i >= k())
    throw Error("EffectTable::without: row " + std::to_string(i) + " is out of range (k = " + std::to_string(k()) +
                ")");
  std::vector<std::size_t> rows;
  rows.reserve(k() - 1);
  for (std::size_t r = 0; r < k(); ++r)
    if (r != i) rows.push_back(r);
  return subset(rows);
}

}  // namespace metareview::effect
