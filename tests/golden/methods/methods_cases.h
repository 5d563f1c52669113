#pragma once
// The yi/vi of tests/golden/methods/inputs.csv (R's escalc output), one table per case.
#include <map>
#include <string>

#include "effect/effect_table.h"
#include "../../support/golden_csv.h"

namespace metareview::test {

inline std::map<std::string, effect::EffectTable> read_methods_cases() {
  const GoldenCsv csv("tests/golden/methods/inputs.csv");
  std::map<std::string, effect::EffectTable> cases;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    effect::EffectTable& t = cases[csv.str(r, "case")];
    effect::StudyInput s;
    s.study = csv.str(r, "study");
    t.input.push_back(s);
    t.yi.push_back(csv.num(r, "yi"));
    t.vi.push_back(csv.num(r, "vi"));
    t.included.push_back(true);
  }
  return cases;
}

}  // namespace metareview::test
