// The bubble plot of `pool --mods x --plot` (metafor's regplot()): the fitted line and its
// intervals come from model::predict, checked at x = 0 against metafor's intercept (its
// estimate, SE and CI are the prediction there; tests/golden/metareg/expected.csv,
// rma(yi, vi, mods = ~ ablat, data = bcg.csv), REML, z); point areas follow the weights; the
// figure is the same bytes when written twice.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "render/bubble_layout.h"
#include "render/font.h"
#include "effect/effect_csv.h"
#include "effect/escalc.h"
#include "model/metareg.h"

namespace {

namespace model = metareview::model;
namespace render = metareview::render;
using metareview::test::run_cli;

const std::string kBcg = std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/metareg/bcg.csv";

model::MetaReg bcg_ablat() {
  metareview::core::Diagnostics diags;
  metareview::effect::ExtraColumns extra;
  extra.names = {"ablat"};
  const auto rows = metareview::effect::read_effect_csv(kBcg, metareview::core::Measure::GEN, diags,
                                                        metareview::effect::MissingValues::Error, &extra);
  const auto es = metareview::effect::escalc(metareview::core::Measure::GEN, rows, {});
  const model::Design d =
      model::make_design({{"ablat", extra.values[0], extra.header[0], {}, false}}, std::vector<bool>(13, true), true, diags);
  REQUIRE(diags.to_string().empty());
  return model::meta_regression(es, d, model::ModelSpec{});
}

}  // namespace

TEST_CASE("predict() at x = 0 is metafor's intercept with its CI, and the PI adds tau2", "[metareg][bubble]") {
  const model::MetaReg m = bcg_ablat();
  const model::Prediction p = model::predict(m, Eigen::RowVector2d(1.0, 0.0));
  CHECK(p.pred == Approx(0.25146821000695357).epsilon(1e-6));
  CHECK(p.se == Approx(0.24909539661764538).epsilon(1e-6));
  CHECK(p.ci_lb == Approx(-0.23674979607835173).epsilon(1e-6));
  CHECK(p.ci_ub == Approx(0.73968621609225882).epsilon(1e-6));
  // PI: pred +- 1.959964 sqrt(se^2 + tau2), tau2 = 0.076347963955919307 (metafor).
  const double half = 1.959963984540054 * std::sqrt(p.se * p.se + 0.076347963955919307);
  REQUIRE(p.pi_lb.has_value());
  CHECK(*p.pi_lb == Approx(p.pred - half).epsilon(1e-6));
  CHECK(*p.pi_ub == Approx(p.pred + half).epsilon(1e-6));
}

TEST_CASE("bubble plot: one point per study, areas in proportion to the weights", "[render][bubble]") {
  render::BubbleInput in;
  in.points = {{10, 0.5, 4, 0}, {20, 0.1, 1, 1}, {30, -0.2, 2, 2}};
  for (int s = 0; s <= 10; ++s) {
    const double x = 10 + 2 * s;
    in.line.x.push_back(x), in.line.pred.push_back(0.8 - 0.03 * x);
    in.line.ci_lb.push_back(0.6 - 0.03 * x), in.line.ci_ub.push_back(1.0 - 0.03 * x);
  }
  in.x_label = "dose";
  in.y_label = "Observed outcome";
  const render::Scene s = render::bubble_layout(in, render::FontMeasurer());
  const auto points = s.find<render::Circle>("study-point");
  REQUIRE(points.size() == 3);
  CHECK(points[0]->index == 0);  // heaviest first, under the others
  const auto radius = [&](int row) {
    for (const auto* c : points)
      if (c->index == row) return c->radius;
    return 0.0;
  };
  CHECK(radius(0) / radius(2) == Approx(std::sqrt(2.0)));  // area ratio 4 : 2
  CHECK(s.find<render::Line>("regression-line").size() == 10);
  CHECK(s.find<render::Line>("pi-line").empty());  // no PI given: none drawn
  CHECK(s.find<render::Polygon>("ci-band").size() == 1);
  REQUIRE_THROWS_WITH(render::bubble_layout({}, render::FontMeasurer()), "render::bubble_layout: no studies to plot");
}

TEST_CASE("pool --mods --plot writes the same bytes twice", "[render][bubble]") {
  const auto dir = metareview::test::temp_dir("metareview-bubble");
  for (const std::string ext : {"svg", "pdf", "png"}) {
    const std::string a = (dir / ("bubble_a." + ext)).string(), b = (dir / ("bubble_b." + ext)).string();
    const auto ra = run_cli({"pool", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--plot", a});
    const auto rb = run_cli({"pool", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--plot", b});
    INFO(ext << ": " << ra.err);
    REQUIRE(ra.status == 0);
    CHECK(ra.err.rfind("wrote " + a + " (", 0) == 0);
    CHECK(rb.status == 0);
    const std::string bytes = metareview::test::slurp(a);
    CHECK(bytes.size() > 100);
    CHECK(bytes == metareview::test::slurp(b));
  }
}
