// Row order in the display model: a total order, whatever the rows hold.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "effect/escalc.h"
#include "model/fit.h"
#include "present/analysis_view.h"

namespace {
namespace effect = metareview::effect;
namespace model = metareview::model;
namespace present = metareview::present;
}  // namespace

// Regression (issue 13): sort = "effect" compared NaN, which is no strict weak ordering, so a
// not-estimable row in the middle stopped the sort: 0.3, NaN, -0.2 stayed in that order.
TEST_CASE("sort by effect puts not-estimable rows last and orders the rest", "[present]") {
  std::vector<effect::StudyInput> rows(3);
  rows[0].study = "high", rows[0].yi = 0.3, rows[0].vi = 0.04;
  rows[1].study = "none";  // yi and vi missing: not estimable
  rows[2].study = "low", rows[2].yi = -0.2, rows[2].vi = 0.05;
  const effect::EffectTable es = effect::escalc(metareview::core::Measure::GEN, rows);
  model::ModelSpec fe;
  fe.method = model::Method::FE;
  const model::Fit f = model::fit(es, fe);
  present::ViewOptions o;
  o.sort = present::SortOrder::Effect;
  const present::AnalysisView view = present::analysis_view(es, &f, nullptr, o);
  std::vector<std::string> order;
  for (const auto* s : present::drawn_order(view, view.blocks.at(0))) order.push_back(s->label);
  CHECK(order == std::vector<std::string>{"low", "high", "none"});
}
