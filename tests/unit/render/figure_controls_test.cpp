// The forest plot's figure controls (docs/figures.md): axis limits and ticks, width, font
// size, label wrapping, extra columns, risk-of-bias dots, theme, prediction interval, and
// the default axis when one study has a huge interval. Positions are checked against the
// drawn axis and the Theme, texts verbatim.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "model/fit.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render/rob_layout.h"
#include "render_fixture.h"

using namespace render_test;
using metareview::Error;
namespace core = metareview::core;

namespace {

const r::FontMeasurer& fonts() {
  static const r::FontMeasurer m;
  return m;
}

// dat.bcg with metafor's REML fit (tests/golden/render/bcg_fit.txt).
p::AnalysisView bcg_view(p::ViewOptions o = {}) {
  const Golden g = read_bcg();
  static const EffectTable es = bcg_table(g);
  static const Fit re = bcg_fit(g, "re");
  return p::analysis_view(es, nullptr, &re, o);
}

r::Scene bcg(const r::ForestOptions& o) { return r::forest_layout(bcg_view(), fonts(), o); }


const r::Line& axis_line(const r::Scene& s) {
  const auto a = s.find<r::Line>("axis");
  REQUIRE(a.size() == 1);
  return *a[0];
}

long arrows_of(const r::Scene& s, int index) {
  const auto arrows = s.find<r::Polygon>("ci-arrow");
  return std::count_if(arrows.begin(), arrows.end(), [&](const r::Polygon* p) { return p->index == index; });
}

}  // namespace

TEST_CASE("figure controls: xlim and at give exactly those limits and ticks", "[render][figure]") {
  r::ForestOptions o;
  o.figure.xlim = std::make_pair(0.1, 10.0);
  o.figure.at = {0.1, 0.25, 0.5, 1, 2, 4, 10};
  const r::Scene s = bcg(o);
  CHECK(texts_of(s, "tick-label") == std::vector<std::string>{"0.1", "0.25", "0.5", "1", "2", "4", "10"});
  // The axis line runs from the tick 0.1 to the tick 10, and 1 sits halfway on a log axis.
  const auto ticks = s.find<r::Line>("tick");
  REQUIRE(ticks.size() == 7);
  const r::Line& axis = axis_line(s);
  CHECK(ticks.front()->a.x == Approx(axis.a.x));
  CHECK(ticks.back()->a.x == Approx(axis.b.x));
  CHECK(ticks[3]->a.x == Approx((axis.a.x + axis.b.x) / 2));
  // 0.25 lies at log(0.25 / 0.1) / log(100) of the way.
  CHECK(ticks[1]->a.x == Approx(axis.a.x + (axis.b.x - axis.a.x) * std::log(2.5) / std::log(100.0)));
  // Whiskers past 0.1 end in an arrow: those of Ferguson & Simes 1949 (0.20 [0.09, 0.49]),
  // Rosenthal 1960 (0.26 [0.07, 0.92]) and Vandiviere 1973 (0.20 [0.08, 0.50]); none reaches 10.
  const Golden g = read_bcg();
  long expected = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    const double lb = g["yi"][i] - 1.959963984540054 * std::sqrt(g["vi"][i]);
    const double ub = g["yi"][i] + 1.959963984540054 * std::sqrt(g["vi"][i]);
    CHECK(ub < std::log(10.0));
    CHECK(arrows_of(s, static_cast<int>(i)) == (lb < std::log(0.1) ? 1 : 0));
    expected += lb < std::log(0.1) ? 1 : 0;
  }
  CHECK(expected == 3);
  CHECK(arrows_of(s, 1) == 1);
  CHECK(arrows_of(s, 2) == 1);
  CHECK(arrows_of(s, 6) == 1);

  SECTION("limits that leave out the null, the diamond and most studies: arrows mark them") {
    r::ForestOptions a;
    a.figure.xlim = std::make_pair(2.0, 10.0);
    const r::Scene t = bcg(a);
    const r::Line& ax = axis_line(t);
    // Twelve whiskers end below 2 (each an arrow at the left end); Comstock & Webster 1969
    // (1.56 [0.37, 6.53]) reaches into the axis. The diamond (0.49 [0.34, 0.70]) and the
    // prediction interval ([0.15, 1.55]) are arrows too, never a shape drawn off the axis.
    CHECK(t.find<r::Polygon>("ci-arrow").size() == 13 + 2);
    for (const auto* p : t.find<r::Polygon>("ci-arrow")) CHECK(p->points[0].x == Approx(ax.a.x));
    CHECK(t.find<r::Polygon>("diamond-random").empty());
    CHECK(t.find<r::Rect>("prediction-interval").empty());
    CHECK(t.find<r::Line>("null-line").empty());
    for (const char* role : {"study-ci", "pooled-line"})
      for (const auto* l : t.find<r::Line>(role)) CHECK((l->a.x >= ax.a.x - 1e-9 && l->b.x >= ax.a.x - 1e-9));
    CHECK(t.find<r::Line>("study-ci").size() == 1);
  }
  SECTION("at alone sets the limits to its first and last tick, as metafor's forest(at =)") {
    r::ForestOptions a;
    a.figure.at = {0.2, 0.5, 1, 2};
    const r::Scene t = bcg(a);
    CHECK(texts_of(t, "tick-label") == std::vector<std::string>{"0.2", "0.5", "1", "2"});
  }
  SECTION("xlim alone keeps the chosen ticks inside the limits") {
    r::ForestOptions a;
    a.figure.xlim = std::make_pair(0.3, 3.0);
    const r::Scene t = bcg(a);
    CHECK(texts_of(t, "tick-label") == std::vector<std::string>{"0.5", "1", "2"});
    const r::Line& ax = axis_line(t);
    const auto tk = t.find<r::Line>("tick");
    // 1 is at log(1 / 0.3) / log(10) of the axis.
    CHECK(tk[1]->a.x == Approx(ax.a.x + (ax.b.x - ax.a.x) * std::log(1 / 0.3) / std::log(10.0)));
  }
}

TEST_CASE("figure controls: invalid options are errors naming the option", "[render][figure]") {
  auto message = [](const r::ForestOptions& o) {
    try {
      (void)r::forest_layout(bcg_view(), fonts(), o);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  r::ForestOptions o;
  o.figure.xlim = std::make_pair(5.0, 1.0);
  CHECK(message(o) == "xlim: the lower limit 5 must be below the upper limit 1");
  o.figure.xlim = std::make_pair(0.0, 2.0);
  CHECK(message(o) == "xlim: a ratio axis needs limits above 0, got 0");
  o.figure.xlim = std::make_pair(0.5, 2.0);
  o.figure.at = {0.5, 1, 4};
  CHECK(message(o) == "at: the tick 4 lies outside the axis limits 0.5 to 2");
  o.figure.at = {1, 0.5};
  CHECK(message(o) == "at: the ticks must increase, got 0.5 after 1");
  o = {};
  o.figure.width = -3;
  CHECK(message(o) == "width: must be from 200 to 2000 pt, got -3");
  o.figure.width = 300;  // valid, but the bcg table alone is wider
  CHECK(message(o).rfind("width: 300 pt leaves no room for the plot; this table needs at least ", 0) == 0);
  o = {};
  o.figure.font_size = 30;
  CHECK(message(o) == "font-size: must be from 6 to 16 pt, got 30");
  o = {};
  o.figure.label_width = 10;
  CHECK(message(o) == "label-width: must be from 40 to 600 pt, got 10");
  o = {};
  o.figure.columns = {core::FigureColumn::N, core::FigureColumn::N};
  CHECK(message(o) == "columns: n is given twice");
}

TEST_CASE("figure controls: a width gives the plot column what the table leaves", "[render][figure]") {
  const r::Scene plain = bcg({});
  const double plain_axis = axis_line(plain).b.x - axis_line(plain).a.x;
  CHECK(plain_axis == Approx(r::Theme{}.plot_width));
  r::ForestOptions o;
  o.figure.width = plain.width + 200;
  const r::Scene wide = bcg(o);
  CHECK(wide.width == plain.width + 200);
  // Everything left of the plot stays; the axis takes the 200 points (less the rounding of
  // the plain figure's width up to whole points).
  const double wide_axis = axis_line(wide).b.x - axis_line(wide).a.x;
  CHECK(axis_line(wide).a.x == Approx(axis_line(plain).a.x));
  // (The tick label at the axis end may stick out by half its width: the axis leaves room.)
  CHECK(wide_axis >= plain_axis + 190);
  CHECK(wide_axis <= plain_axis + 200);
  check_no_text_overlaps(wide);
}

TEST_CASE("figure controls: a font size scales text, rows, squares and diamonds", "[render][figure]") {
  r::ForestOptions o;
  o.figure.font_size = 12;
  const r::Scene s = bcg(o);
  const auto labels = s.find<r::Text>("study-label");
  REQUIRE(labels.size() == 13);
  for (const auto* l : labels) CHECK(l->size == 12);
  // Rows are 12.5 pt at 9 pt text: 12.5 * 12 / 9 at 12 pt.
  CHECK(labels[1]->pos.y - labels[0]->pos.y == Approx(12.5 * 12 / 9));
  for (const auto* t : s.find<r::Text>("tick-label")) CHECK(t->size == Approx(8.0 * 12 / 9));
  check_no_text_overlaps(s);
}

TEST_CASE("figure controls: long labels wrap onto more lines and the row grows", "[render][figure]") {
  const Golden g = read_bcg();
  EffectTable es = bcg_table(g);
  es.input[3].study =
      "Hart & Sutherland, Medical Research Council tuberculosis vaccines clinical trials committee, 1977 final report";
  const Fit re = bcg_fit(g, "re");
  r::ForestOptions o;
  o.figure.label_width = 120;
  const r::Scene s = r::forest_layout(p::analysis_view(es, nullptr, &re, {}), fonts(), o);
  std::vector<const r::Text*> hart;
  for (const auto* t : s.find<r::Text>("study-label"))
    if (t->index == 3) hart.push_back(t);
  REQUIRE(hart.size() >= 3);
  std::string joined;
  for (const auto* t : hart) {
    CHECK(t->width <= 120);
    CHECK(t->text.find("\xE2\x80\xA6") == std::string::npos);  // nothing is cut off
    joined += (joined.empty() ? "" : " ") + t->text;
  }
  CHECK(joined == es.input[3].study);
  // Lines are 1.2 font sizes apart; the next study starts below the last line.
  CHECK(hart[1]->pos.y - hart[0]->pos.y == Approx(9 * 1.2));
  const auto labels = s.find<r::Text>("study-label");
  const r::Text* next = *std::find_if(labels.begin(), labels.end(), [](const r::Text* t) { return t->index == 4; });
  CHECK(next->pos.y - hart.back()->pos.y == Approx(12.5));
  // The square and whisker stay on the first line.
  for (const auto* sq : s.find<r::Rect>("study-square"))
    if (sq->index == 3) CHECK(sq->y + sq->h / 2 == Approx(hart[0]->pos.y - (hart[0]->ascent - hart[0]->descent) / 2).margin(0.5));
  check_no_text_overlaps(s);
}

TEST_CASE("figure controls: a word wider than the label width widens the column, never cut", "[render][figure]") {
  // At 40 pt, "Sutherland" and "Frimodt-Moller" do not fit: the hyphenated one breaks after
  // its hyphen, the other widens the column; every label still reads in full.
  r::ForestOptions o;
  o.figure.label_width = 40;
  const r::Scene s = bcg(o);
  const Golden g = read_bcg();
  std::vector<std::string> joined(13);
  for (const auto* t : s.find<r::Text>("study-label")) {
    CHECK(t->text.find("\xE2\x80\xA6") == std::string::npos);
    auto& j = joined[static_cast<std::size_t>(t->index)];
    j += (j.empty() || j.back() == '-' ? "" : " ") + t->text;
  }
  for (std::size_t i = 0; i < 13; ++i) CHECK(joined[i] == g.labels[i]);
  const auto labels = s.find<r::Text>("study-label");
  CHECK(std::any_of(labels.begin(), labels.end(), [](const r::Text* t) { return t->text == "Frimodt-"; }));
  check_no_text_overlaps(s);
}

TEST_CASE("figure controls: extra columns and risk-of-bias dots with their legend", "[render][figure]") {
  r::ForestOptions o;
  r::ExtraColumn n{"N", {}, true};
  const Golden g = read_bcg();
  for (std::size_t i = 0; i < 13; ++i)
    n.cells.push_back(core::format_count(g["n1i"][i] + g["n2i"][i]));
  o.columns.push_back(n);
  // Two made-up RoB 2 assessments (rows 0 and 2), one ROBINS-I (row 5); the rest none.
  core::RobAssessment low, high, robins;
  low.tool = "rob2";
  for (const char* j : {"low", "low", "some-concerns", "low", "low"}) low.domains.push_back({"", j, "", "", "", {}});
  low.overall.judgment = "some-concerns";
  high = low;
  high.domains[1].judgment = "high";
  high.overall.judgment = "high";
  robins.tool = "robins-i";
  for (int d = 0; d < 7; ++d) robins.domains.push_back({"", "moderate", "", "", "", {}});
  robins.overall.judgment = "serious";
  o.risk_of_bias.assign(13, nullptr);
  o.risk_of_bias[0] = &low, o.risk_of_bias[2] = &high, o.risk_of_bias[5] = &robins;
  const r::Scene s = bcg(o);

  // N: Aronson 1948 had 123 + 139 = 262 participants (dat.bcg tpos + tneg, cpos + cneg).
  CHECK(texts_of(s, "extra-header") == std::vector<std::string>{"N"});
  CHECK(texts_of(s, "extra-cell")[0] == "262");
  const auto cells = s.find<r::Text>("extra-cell");
  REQUIRE(cells.size() == 13);
  // Right-aligned, between the labels and the arm columns.
  for (const auto* c : cells) CHECK(c->pos.x == Approx(cells[0]->pos.x));
  CHECK(cells[0]->left() > s.find<r::Text>("study-label")[0]->left() + s.find<r::Text>("study-label")[0]->width);
  CHECK(cells[0]->pos.x < s.find<r::Text>("cell")[0]->left());

  // Dots: D1..D7 (ROBINS-I has seven domains) and overall, right of the plot, robvis colours.
  CHECK(texts_of(s, "rob-header") ==
        std::vector<std::string>{"Risk of bias", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "Overall"});
  const auto dots = s.find<r::Circle>("rob-dot");
  CHECK(dots.size() == 5 + 5 + 7);
  const auto overall = s.find<r::Circle>("rob-overall-dot");
  REQUIRE(overall.size() == 3);
  CHECK(overall[1]->index == 2);
  CHECK(*overall[1]->fill == r::rob_style("high", fonts()).fill);
  CHECK(*overall[0]->fill == r::rob_style("some-concerns", fonts()).fill);
  for (const auto* d : dots) CHECK(d->centre.x > axis_line(s).b.x);
  // The dots of row 2 sit on its whisker's line.
  for (const auto* l : s.find<r::Line>("study-ci"))
    if (l->index == 2) CHECK(overall[1]->centre.y == Approx(l->a.y));
  // The legend names each tool's domains and its judgments.
  const auto key = texts_of(s, "rob-key");
  REQUIRE_FALSE(key.empty());
  CHECK(key[0].rfind("Risk of bias, RoB 2: D1 Bias arising from the randomisation process; D2 ", 0) == 0);
  const auto legend = texts_of(s, "rob-legend-label");
  CHECK(std::find(legend.begin(), legend.end(), "Some concerns") != legend.end());
  CHECK(std::find(legend.begin(), legend.end(), "Critical") != legend.end());  // ROBINS-I's
  check_no_text_overlaps(s);
}

// RoB 1 as a RevMan 5 import writes it: some domains judged, no overall judgment.
TEST_CASE("figure controls: RoB 1 dots without an overall column, unjudged domains as no information",
          "[render][figure]") {
  r::ForestOptions o;
  core::RobAssessment rob1;
  rob1.tool = "rob1";
  for (const char* j : {"low", "unclear", "", "", "", "", "high"}) rob1.domains.push_back({"", j, "", "", "", {}});
  o.risk_of_bias.assign(13, nullptr);
  o.risk_of_bias[1] = &rob1;
  const r::Scene s = bcg(o);
  CHECK(texts_of(s, "rob-header") == std::vector<std::string>{"Risk of bias", "D1", "D2", "D3", "D4", "D5", "D6", "D7"});
  CHECK(s.find<r::Circle>("rob-overall-dot").empty());
  const auto dots = s.find<r::Circle>("rob-dot");
  REQUIRE(dots.size() == 7);
  CHECK(*dots[1]->fill == r::rob_style("some-concerns", fonts()).fill);   // unclear: robvis' yellow
  CHECK(*dots[2]->fill == r::rob_style("no-information", fonts()).fill);  // not judged
  CHECK(texts_of(s, "rob-legend-label") ==
        std::vector<std::string>{"Low risk", "Unclear risk", "High risk", "No information"});
  check_no_text_overlaps(s);
}

TEST_CASE("figure controls: colour theme and a hidden prediction interval", "[render][figure]") {
  const r::Scene grey = bcg({});
  for (const auto* sq : grey.find<r::Rect>("study-square")) CHECK(*sq->fill == r::Theme{}.square);
  REQUIRE(grey.find<r::Rect>("prediction-interval").size() == 1);

  r::ForestOptions o;
  o.figure.theme = core::FigureTheme::Colour;
  o.figure.prediction = false;
  const r::Scene s = bcg(o);
  for (const auto* sq : s.find<r::Rect>("study-square")) CHECK(*sq->fill == r::Color{0.08, 0.33, 0.65});
  CHECK(s.find<r::Rect>("prediction-interval").empty());
  CHECK(texts_of(s, "prediction-label").empty());
  CHECK(texts_of(s, "prediction-text").empty());
}

TEST_CASE("figure controls: one study with a huge CI does not squeeze the others", "[render][figure]") {
  // dat.bcg with Comstock & Webster 1969 (row 11) given a made-up standard error of 3.5:
  // its 95% CI is RR 1.56 * exp(-/+ 1.96 * 3.5), about [0.0016, 1489]. metafor 3.8-1's
  // forest() takes its axis from range(pretty(c(min(ci.lb), max(ci.ub)))) on the log scale,
  // here -10 to 10: RR 4.5e-05 to 22026 (checked in R), squeezing every other study into a
  // few points. Here the axis follows the pooled estimates and the other twelve studies.
  const Golden g = read_bcg();
  EffectTable es = bcg_table(g);
  es.vi[11] = 3.5 * 3.5;
  metareview::model::ModelSpec spec;
  const Fit re = metareview::model::fit(es, spec);
  const r::Scene s = r::forest_layout(p::analysis_view(es, nullptr, &re, {}), fonts());
  const auto labels = texts_of(s, "tick-label");
  // The other twelve reach from 0.07 (Rosenthal 1960) to 1.66 (Comstock 1976): the 1-2-5
  // ticks around them are 0.05 and 2.
  CHECK(labels.front() == "0.05");
  CHECK(labels.back() == "2");
  // The huge whisker ends in an arrow at both ends; no other whisker is clipped.
  CHECK(arrows_of(s, 11) == 2);
  CHECK(s.find<r::Polygon>("ci-arrow").size() == 2);
  // Its square is still drawn.
  const auto squares = s.find<r::Rect>("study-square");
  CHECK(std::count_if(squares.begin(), squares.end(), [](const r::Rect* q) { return q->index == 11; }) == 1);
}
