#pragma once
// Golden files of fits in the long format of tests/golden/rma and tests/golden/metareg
// (case, method, test, field, i, value: one number a line), and the Fit vectors their
// per-coefficient fields name.
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "golden_csv.h"
#include "model/fit.h"

namespace metareview::test {

using FitKey = std::tuple<std::string, std::string, std::string>;  ///< case, method, test
using FitValues = std::map<std::string, std::vector<double>>;       ///< field -> [i] (0: scalar)

/// Reads METAREVIEW_SOURCE_DIR/<relative>; a value i missing for a field is NaN.
inline std::map<FitKey, FitValues> read_fit_golden(const std::string& relative) {
  const GoldenCsv csv(relative);
  std::map<FitKey, FitValues> out;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    auto& v = out[{csv.str(r, "case"), csv.str(r, "method"), csv.str(r, "test")}][csv.str(r, "field")];
    const auto i = static_cast<std::size_t>(csv.num(r, "i"));
    if (v.size() <= i) v.resize(i + 1, std::nan(""));
    v[i] = csv.num(r, "value");
  }
  return out;
}

/// estimate, se, zval, pval, ci_lb or ci_ub of `f` (one entry per coefficient); nullptr for
/// any other name.
inline const std::vector<double>* coefficient_values(const model::Fit& f, const std::string& name) {
  if (name == "estimate") return &f.beta;
  if (name == "se") return &f.se;
  if (name == "zval") return &f.zval;
  if (name == "pval") return &f.pval;
  if (name == "ci_lb") return &f.ci_lb;
  if (name == "ci_ub") return &f.ci_ub;
  return nullptr;
}

}  // namespace metareview::test
