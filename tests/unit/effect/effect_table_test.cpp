// EffectTable::subset / without / usable: the rows a refit sees keep everything escalc gave
// them (no re-run of escalc, so no change of yi/vi or of the correction).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "effect/effect_table.h"

namespace effect = metareview::effect;

namespace {

// Three rows of a log OR table: row 1 corrected (a zero cell), row 2 dropped (drop00).
effect::EffectTable three_rows() {
  effect::EffectTable t;
  t.measure = metareview::core::Measure::OR;
  t.options.to = effect::CorrectionTo::If0All;
  t.options.drop00 = true;
  for (const char* name : {"A", "B", "C"}) {
    effect::StudyInput s;
    s.study = name;
    t.input.push_back(s);
  }
  t.yi = {0.1, -0.8, std::nan("")};
  t.vi = {0.04, 0.9, std::nan("")};
  t.corrected = {false, true, false};
  t.included = {true, true, false};
  t.note = {"", "0.5 added to every cell", "double-zero study left out"};
  t.ni = {100, 40, 20};
  return t;
}

}  // namespace

TEST_CASE("subset keeps the rows as escalc made them, in the order asked", "[effect]") {
  const effect::EffectTable t = three_rows();
  const effect::EffectTable s = t.subset({1, 0});
  CHECK(s.measure == metareview::core::Measure::OR);
  CHECK(s.options.to == effect::CorrectionTo::If0All);
  CHECK(s.options.drop00);
  REQUIRE(s.k() == 2);
  CHECK(s.input[0].study == "B");
  CHECK(s.yi == std::vector<double>{-0.8, 0.1});
  CHECK(s.vi == std::vector<double>{0.9, 0.04});
  CHECK(s.corrected == std::vector<bool>{true, false});
  CHECK(s.included == std::vector<bool>{true, true});
  CHECK(s.note[0] == "0.5 added to every cell");
  CHECK(s.ni == std::vector<double>{40, 100});
}

TEST_CASE("without(i) drops one row, empty columns stay empty", "[effect]") {
  effect::EffectTable t;
  t.yi = {1, 2, 3};
  t.vi = {0.1, 0.2, 0.3};
  const effect::EffectTable w = t.without(1);
  CHECK(w.yi == std::vector<double>{1, 3});
  CHECK(w.vi == std::vector<double>{0.1, 0.3});
  CHECK(w.input.empty());
  CHECK(w.included.empty());
  CHECK(w.note.empty());
}

TEST_CASE("usable: included with finite yi and vi, an empty mask includes every row", "[effect]") {
  const effect::EffectTable t = three_rows();
  CHECK(t.usable(0));
  CHECK(t.usable(1));
  CHECK_FALSE(t.usable(2));
  CHECK(t.usable_rows() == std::vector<std::size_t>{0, 1});
  effect::EffectTable u;
  u.yi = {0.2, std::numeric_limits<double>::infinity()};
  u.vi = {0.1, 0.1};
  CHECK(u.usable_rows() == std::vector<std::size_t>{0});
}

TEST_CASE("subset and without name a row out of range and a short column", "[effect]") {
  effect::EffectTable t = three_rows();
  CHECK_THROWS_WITH(t.subset({0, 3}), "EffectTable::subset: row 3 is out of range (k = 3)");
  CHECK_THROWS_WITH(t.without(5), "EffectTable::without: row 5 is out of range (k = 3)");
  t.ni.pop_back();
  CHECK_THROWS_WITH(t.subset({0}), "EffectTable::subset: column ni has 2 rows for k = 3");
}
