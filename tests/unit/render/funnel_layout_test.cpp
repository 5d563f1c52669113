#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "render/font.h"
#include "render/funnel_layout.h"
#include "render_fixture.h"

using namespace render_test;

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
