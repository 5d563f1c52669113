#include "methods/method_columns.h"

#include <algorithm>

#include "core/error.h"

namespace metareview::methods {

std::vector<std::optional<double>> result_column(const MethodResult& r, const std::string& name) {
  const auto it = std::find(r.columns.begin(), r.columns.end(), name);
  if (it == r.columns.end()) throw InternalError(r.method + " has no column '" + name + "'");
  const auto c = static_cast<std::size_t>(it - r.columns.begin());
  std::vector<std::optional<double>> out;
  for (const auto& row : r.values) out.push_back(row.at(c));
  return out;
}

}  // namespace metareview::methods
