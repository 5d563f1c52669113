#pragma once
// The yi/vi (and ni, when the file has it) of a golden inputs.csv (R's escalc output), one
// table per case; and the control the R scripts fit with.
#include <map>
#include <string>

#include "effect/effect_table.h"
#include "model/spec.h"
#include "../../support/golden_csv.h"

namespace metareview::test {

inline std::map<std::string, effect::EffectTable> read_methods_cases(
    const std::string& relative = "tests/golden/methods/inputs.csv") {
  const GoldenCsv csv(relative);
  const bool with_ni = csv.has("ni");
  std::map<std::string, effect::EffectTable> cases;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    effect::EffectTable& t = cases[csv.str(r, "case")];
    effect::StudyInput s;
    s.study = csv.str(r, "study");
    t.input.push_back(s);
    t.yi.push_back(csv.num(r, "yi"));
    t.vi.push_back(csv.num(r, "vi"));
    if (with_ni) t.ni.push_back(csv.num(r, "ni"));
    t.included.push_back(true);
  }
  return cases;
}

/// The spec of the R calls (make_goldens.R): Fisher scoring to 1e-12.
inline model::ModelSpec golden_spec(const std::string& method, const std::string& test) {
  model::ModelSpec spec;
  spec.method = *model::parse_method(method);
  spec.test = *model::parse_test(test);
  spec.control.threshold = 1e-12;
  return spec;
}

}  // namespace metareview::test
