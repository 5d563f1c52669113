#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "../../support/golden_csv.h"
#include "core/error.h"
#include "methods/regtest.h"
#include "methods/trimfill.h"
#include "render/font.h"
#include "render/funnel_layout.h"
#include "render_fixture.h"

using namespace render_test;
namespace methods = metareview::methods;

namespace {
const r::FontMeasurer& fonts() {
  static const r::FontMeasurer m;
  return m;
}
constexpr double kZ95 = 1.959963984540054;

// x from two drawn ticks (log axis: labels are ratios); y from the SE tick labels.
struct Maps {
  AxisMap x;
  double y0 = 0, y_slope = 1;
  double y(double se) const { return y0 + se * y_slope; }
};
Maps maps(const r::Scene& s) {
  Maps m;
  m.x = axis_map(s, true);
  const auto ys = s.find<r::Text>("y-tick-label");
  const auto ticks = s.find<r::Line>("y-tick");
  m.y0 = ticks.front()->a.y;
  m.y_slope = (ticks.back()->a.y - ticks.front()->a.y) / std::stod(ys.back()->text);
  return m;
}
}  // namespace

TEST_CASE("funnel: points at (yi, sei), limits at estimate -/+ 1.96 se, 0 at the top", "[render]") {
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  const Fit fe = bcg_fit(g, "fe");
  const r::FunnelInput in = r::funnel_input(es, fe, {});
  const r::Scene s = r::funnel_layout(in, fonts());
  const Maps m = maps(s);
  CHECK(s.find<r::Text>("y-tick-label").front()->text == "0.0");
  const auto points = s.find<r::Circle>("study-point");
  REQUIRE(points.size() == 13);
  for (const auto* c : points) {
    const std::size_t i = static_cast<std::size_t>(c->index);
    CHECK(c->centre.x == Approx(m.x(g["yi"][i])).margin(1e-6));
    CHECK(c->centre.y == Approx(m.y(std::sqrt(g["vi"][i]))).margin(1e-6));
  }
  const auto limits = s.find<r::Line>("funnel-limit");
  REQUIRE(limits.size() == 2);
  const double beta = g.one("fe.beta");
  for (const auto* l : limits) {
    CHECK(l->a.x == Approx(m.x(beta)).margin(1e-6));
    CHECK(l->a.y == Approx(m.y(0)).margin(1e-6));
    const double se = (l->b.y - m.y0) / m.y_slope;
    const double side = l->index == 0 ? -1 : 1;
    CHECK(l->b.x == Approx(m.x(beta + side * kZ95 * se)).margin(1e-6));
  }
  // The deepest SE is within the axis (max sei of dat.bcg: Rosenthal 1960, sqrt(0.415) = 0.64).
  CHECK(m.y(0.6445) <= limits[0]->b.y + 1e-9);
}

TEST_CASE("funnel: contour regions around the null stay in the frame, filled studies are open", "[render]") {
  const Golden g = read_bcg();
  const Fit fe = bcg_fit(g, "fe");
  r::FunnelInput in = r::funnel_input(bcg_table(g), fe, {true});
  in.points.push_back({0.3, 0.2, true, -1});
  const r::Scene s = r::funnel_layout(in, fonts());
  const auto frame = s.find<r::Rect>("frame");
  REQUIRE(frame.size() == 1);
  for (const char* role : {"contour-05", "contour-10", "contour-inner"}) {
    const auto p = s.find<r::Polygon>(role);
    REQUIRE(p.size() == 1);
    for (const auto& pt : p[0]->points) {
      CHECK(pt.x >= frame[0]->x - 1e-9);
      CHECK(pt.x <= frame[0]->x + frame[0]->w + 1e-9);
      CHECK(pt.y <= frame[0]->y + frame[0]->h + 1e-9);
    }
  }
  // The inner (p > 0.10) region has its apex at the null, RR = 1.
  const Maps m = maps(s);
  CHECK(s.find<r::Polygon>("contour-inner")[0]->points[0].x == Approx(m.x(0)).margin(1e-6));
  const auto filled = s.find<r::Circle>("filled-study");
  REQUIRE(filled.size() == 1);
  CHECK(filled[0]->fill == r::Color{1, 1, 1});
  const auto texts = s.all<r::Text>();
  for (std::size_t i = 0; i < texts.size(); ++i)
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      INFO("'" << texts[i]->text << "' and '" << texts[j]->text << "'");
      CHECK_FALSE(r::overlaps(texts[i]->box(), texts[j]->box()));
    }
}

TEST_CASE("funnel: polygon clipping keeps the part inside the rectangle", "[render]") {
  // A triangle with its base below and beyond a 10 x 10 box: the clip is a pentagon.
  const auto p = r::clip_polygon({{5, 0}, {20, 20}, {-10, 20}}, 0, 0, 10, 10);
  double area = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const auto& a = p[i];
    const auto& b = p[(i + 1) % p.size()];
    area += a.x * b.y - b.x * a.y;
  }
  // Triangle rows at y have width 1.5 y centred near x = 5 - 0.25 y ... hand sum:
  // inside the box the left edge is x = 5 - 0.75 y (to x = 0 at y = 6.67), the right edge
  // x = 5 + 0.75 y (to x = 10 at y = 6.67); area = 2 * (0.375 * 6.67^2) + 10 * 3.33 = 66.67.
  CHECK(std::fabs(area) / 2 == Approx(200.0 / 3));
  REQUIRE_THROWS_WITH(r::funnel_layout(r::FunnelInput{}, fonts()), "render::funnel_layout: no studies to plot");
}

TEST_CASE("funnel: the contour-enhanced Scene of dat.bcg matches its golden dump", "[render]") {
  const Golden g = read_bcg();
  const Fit fe = bcg_fit(g, "fe");
  const std::string dump = r::funnel_layout(r::funnel_input(bcg_table(g), fe, {true}), fonts()).dump();
  check_golden(dump, "funnel_bcg_contour.scene.txt");
}

namespace {

/// One field of tests/golden/bias/<file> (metafor 3.8-1, make_goldens.R): the row whose
/// leading columns equal `key`, field `field`.
double bias_golden(const std::string& file, const std::vector<std::string>& key, const std::string& field) {
  const metareview::test::GoldenCsv csv("tests/golden/bias/" + file);
  static const std::vector<std::string> regtest_cols{"case", "method", "test", "model", "predictor"};
  static const std::vector<std::string> trimfill_cols{"case", "method", "estimator", "side"};
  const auto& cols = file == "regtest.csv" ? regtest_cols : trimfill_cols;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    bool match = csv.str(r, "field") == field;
    for (std::size_t c = 0; c < cols.size() && match; ++c) match = csv.str(r, cols[c]) == key.at(c);
    if (match) return csv.num(r, "value");
  }
  FAIL("no golden " << field << " in " << file);
  return NAN;
}

}  // namespace

TEST_CASE("funnel: Egger's line runs from the limit estimate at SE 0 along intercept + slope * SE", "[render]") {
  // bcg_RR, FE: coef(regtest(rma(yi, vi, method = "FE"), model = "lm")$fit), metafor 3.8-1.
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  const double b0 = bias_golden("regtest.csv", {"bcg_RR", "FE", "z", "lm", "sei"}, "intercept");
  const double b1 = bias_golden("regtest.csv", {"bcg_RR", "FE", "z", "lm", "sei"}, "slope");
  const methods::Regtest rt =
      methods::regtest(es, metareview::model::ModelSpec{}, {methods::RegtestModel::Lm, methods::RegtestPredictor::Sei});
  CHECK(rt.intercept == Approx(b0).epsilon(1e-6));
  CHECK(rt.slope == Approx(b1).epsilon(1e-6));
  r::FunnelInput in = r::funnel_input(es, bcg_fit(g, "fe"), {});
  in.regression = r::FunnelLine{rt.intercept, rt.slope};
  const r::Scene s = r::funnel_layout(in, fonts());
  const Maps m = maps(s);
  const auto lines = s.find<r::Line>("regression-line");
  REQUIRE(lines.size() == 1);
  const r::Line& l = *lines[0];
  CHECK(l.a.y == Approx(m.y(0)).margin(1e-6));  // the intercept lies on the axis: the line starts at the top
  CHECK(l.a.x == Approx(m.x(b0)).margin(1e-6));
  const double se_end = (l.b.y - m.y0) / m.y_slope;
  CHECK(se_end > 0);
  CHECK(l.b.x == Approx(m.x(b0 + b1 * se_end)).margin(1e-6));
  const auto labels = s.find<r::Text>("legend");
  REQUIRE(labels.size() == 1);
  CHECK(labels[0]->text == "Egger's regression line");
  const auto keys = s.find<r::Line>("legend-key");
  REQUIRE(keys.size() == 1);
  CHECK(keys[0]->stroke.dash == l.stroke.dash);
}

TEST_CASE("funnel: trim and fill draws the filled studies open around the filled estimate", "[render]") {
  // bcg_RR, FE, L0, side chosen: trimfill(rma(yi, vi, method = "FE")), metafor 3.8-1: k0 = 4.
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  metareview::model::ModelSpec fe;
  fe.method = Method::FE;
  const methods::Trimfill t = methods::trimfill(es, fe);
  REQUIRE(t.k0 == 4);
  const r::Scene s = r::funnel_layout(r::trimfill_funnel_input(es, t), fonts());
  const Maps m = maps(s);
  CHECK(s.find<r::Circle>("study-point").size() == 13);
  const auto filled = s.find<r::Circle>("filled-study");
  REQUIRE(filled.size() == 4);
  for (std::size_t j = 0; j < filled.size(); ++j) {
    const double yi = bias_golden("trimfill.csv", {"bcg_RR", "FE", "L0", "default"}, "fill_yi_" + std::to_string(j + 1));
    CHECK(filled[j]->fill == r::Color{1, 1, 1});
    CHECK(filled[j]->centre.x == Approx(m.x(yi)).margin(1e-6));
    CHECK(filled[j]->centre.y == Approx(m.y(std::sqrt(t.fill_vi[j]))).margin(1e-6));
  }
  const auto centre = s.find<r::Line>("funnel-estimate");
  REQUIRE(centre.size() == 1);
  CHECK(centre[0]->a.x ==
        Approx(m.x(bias_golden("trimfill.csv", {"bcg_RR", "FE", "L0", "default"}, "estimate"))).margin(1e-6));
  std::vector<std::string> legend;
  for (const auto* text : s.find<r::Text>("legend")) legend.push_back(text->text);
  CHECK(legend == std::vector<std::string>{"Observed studies", "Filled (imputed) studies"});
}
