#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "core/error.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render_fixture.h"

using namespace render_test;
using metareview::Error;

namespace {

const r::FontMeasurer& fonts() {
  static const r::FontMeasurer m;
  return m;
}

// metafor's forest() draws study intervals as yi -/+ qnorm(0.975) * sqrt(vi).
constexpr double kZ95 = 1.959963984540054;

r::Scene bcg_scene(bool both, p::ViewOptions options = {}) {
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  const Fit fe = bcg_fit(g, "fe"), re = bcg_fit(g, "re");
  options.label_experimental = "Vaccinated";
  options.label_control = "Not vaccinated";
  return r::forest_layout(p::analysis_view(es, both ? &fe : nullptr, &re, options), fonts());
}


void check_inside_page(const r::Scene& s) {
  for (const auto* t : s.all<r::Text>()) {
    const r::Rect b = t->box();
    INFO(t->text);
    CHECK(b.x >= 0);
    CHECK(b.y >= 0);
    CHECK(b.x + b.w <= s.width);
    CHECK(b.y + b.h <= s.height);
  }
}

}  // namespace

TEST_CASE("forest: squares at the effects, whiskers at the CI bounds, diamonds at the pooled CIs", "[render]") {
  const Golden g = read_bcg();
  const r::Scene s = bcg_scene(true);
  const AxisMap x = axis_map(s, true);
  const auto squares = s.find<r::Rect>("study-square");
  REQUIRE(squares.size() == 13);
  for (const auto* sq : squares) {
    const std::size_t i = static_cast<std::size_t>(sq->index);
    CHECK(sq->x + sq->w / 2 == Approx(x(g["yi"][i])).margin(1e-6));
  }
  const auto whiskers = s.find<r::Line>("study-ci");
  REQUIRE(whiskers.size() == 13);
  for (const auto* l : whiskers) {
    const std::size_t i = static_cast<std::size_t>(l->index);
    const double se = std::sqrt(g["vi"][i]);
    INFO(g.labels[i]);
    CHECK(l->a.x == Approx(x(g["yi"][i] - kZ95 * se)).margin(1e-6));
    CHECK(l->b.x == Approx(x(g["yi"][i] + kZ95 * se)).margin(1e-6));
  }
  const auto common = s.find<r::Polygon>("diamond-common");
  const auto random = s.find<r::Polygon>("diamond-random");
  REQUIRE(common.size() == 1);
  REQUIRE(random.size() == 1);
  CHECK(random[0]->points[0].x == Approx(x(g.one("re.ci_lb"))).margin(1e-6));
  CHECK(random[0]->points[1].x == Approx(x(g.one("re.beta"))).margin(1e-6));
  CHECK(random[0]->points[2].x == Approx(x(g.one("re.ci_ub"))).margin(1e-6));
  CHECK(common[0]->points[0].x == Approx(x(g.one("fe.ci_lb"))).margin(1e-6));
  CHECK(common[0]->points[2].x == Approx(x(g.one("fe.ci_ub"))).margin(1e-6));
  // The prediction interval under the random-effects diamond (metafor: predict(re)).
  const auto pi = s.find<r::Rect>("prediction-interval");
  REQUIRE(pi.size() == 1);
  CHECK(pi[0]->x == Approx(x(g.one("re.pi_lb"))).margin(1e-6));
  CHECK(pi[0]->x + pi[0]->w == Approx(x(g.one("re.pi_ub"))).margin(1e-6));
  CHECK(pi[0]->y > random[0]->points[3].y);
  // The line of no effect at RR = 1 and the dotted line at the random-effects estimate.
  const auto null_line = s.find<r::Line>("null-line");
  REQUIRE(null_line.size() == 1);
  CHECK(null_line[0]->a.x == Approx(x(0.0)).margin(1e-6));
  const auto pooled_line = s.find<r::Line>("pooled-line");
  REQUIRE(pooled_line.size() == 1);
  CHECK(pooled_line[0]->a.x == Approx(x(g.one("re.beta"))).margin(1e-6));
  CHECK_FALSE(pooled_line[0]->stroke.dash.empty());
}

TEST_CASE("forest: square areas are proportional to the weights", "[render]") {
  const Golden g = read_bcg();
  const r::Scene s = bcg_scene(false);
  const auto squares = s.find<r::Rect>("study-square");
  REQUIRE(squares.size() == 13);
  // Random-effects weights of dat.bcg range 4.4% to 10.2%: none is at the minimum size.
  const double ratio0 = squares[0]->w * squares[0]->h / g["re.weights"][static_cast<std::size_t>(squares[0]->index)];
  for (const auto* sq : squares) {
    CHECK(sq->w == Approx(sq->h));
    CHECK(sq->w * sq->h / g["re.weights"][static_cast<std::size_t>(sq->index)] == Approx(ratio0).epsilon(1e-9));
  }
}

TEST_CASE("forest: table text as RevMan prints it, from metafor's fit of dat.bcg", "[render]") {
  const r::Scene s = bcg_scene(false);
  // exp(-0.7145) = 0.489, exp(-1.0669) = 0.344, exp(-0.3622) = 0.696 (metafor: 0.49 [0.34, 0.70]).
  CHECK(texts_of(s, "pooled-text") == std::vector<std::string>{"0.49 [0.34, 0.70]"});
  CHECK(texts_of(s, "pooled-label") == std::vector<std::string>{"Total (95% CI)"});
  // Aronson 1948: 4/123 vs 11/139, RR = exp(-0.8893) = 0.41 [0.13, 1.26]; weight 5.06%.
  const auto effect = s.find<r::Text>("effect-text");
  REQUIRE(effect.size() == 13);
  CHECK(effect[0]->text == "0.41 [0.13, 1.26]");
  CHECK(texts_of(s, "cell")[0] == "4");
  CHECK(texts_of(s, "cell")[1] == "123");
  CHECK(texts_of(s, "cell")[2] == "11");
  CHECK(texts_of(s, "cell")[3] == "139");
  CHECK(texts_of(s, "weight")[0] == "5.1%");
  CHECK(texts_of(s, "weight").back() == "100.0%");
  // metafor: tau^2 = 0.3132, Q(df = 12) = 152.2330, p < .0001, I^2 = 92.22%, z = -3.9744.
  CHECK(texts_of(s, "note") == std::vector<std::string>{
                                "Heterogeneity: Tau\xC2\xB2 = 0.3132; Chi\xC2\xB2 = 152.23, df = 12 (P < 0.001); I\xC2\xB2 = 92.2%",
                                "Test for overall effect: Z = 3.97 (P < 0.001)"});
  CHECK(texts_of(s, "group-header") == std::vector<std::string>{"Vaccinated", "Not vaccinated"});
  CHECK(texts_of(s, "favours") == std::vector<std::string>{"Favours Vaccinated", "Favours Not vaccinated"});
  // Totals of the arm columns: sum of n1i and n2i, and of events (dat.bcg).
  CHECK(texts_of(s, "total-cell") == std::vector<std::string>{"191064", "166283"});
  CHECK(texts_of(s, "total-events") == std::vector<std::string>{"1065", "1510"});
  const auto headers = texts_of(s, "header");
  CHECK(std::find(headers.begin(), headers.end(), "IV, Random, 95% CI") != headers.end());
}

TEST_CASE("forest: both models give two diamonds, two weight columns and two tests", "[render]") {
  const r::Scene s = bcg_scene(true);
  CHECK(texts_of(s, "pooled-label") == std::vector<std::string>{"Common effect model", "Random effects model"});
  CHECK(texts_of(s, "pooled-text") == std::vector<std::string>{"0.65 [0.60, 0.70]", "0.49 [0.34, 0.70]"});
  const auto notes = texts_of(s, "note");
  REQUIRE(notes.size() == 3);
  CHECK(notes[1] == "Test for overall effect (common effect): Z = 10.62 (P < 0.001)");
  CHECK(notes[2] == "Test for overall effect (random effects): Z = 3.97 (P < 0.001)");
  // Aronson 1948: 0.50% common, 5.06% random.
  CHECK(texts_of(s, "weight")[0] == "0.5%");
  CHECK(texts_of(s, "weight")[1] == "5.1%");
  check_no_text_overlaps(s);
}

TEST_CASE("forest: log axis with 1-2-5 ticks covering the data, or arrows where it clips", "[render]") {
  const Golden g = read_bcg();
  const r::Scene s = bcg_scene(false);
  const auto labels = texts_of(s, "tick-label");
  const std::set<std::string> readable = {"0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100"};
  for (const auto& l : labels) CHECK(readable.count(l) == 1);
  CHECK(std::find(labels.begin(), labels.end(), "1") != labels.end());
  const AxisMap x = axis_map(s, true);
  const auto axis = s.find<r::Line>("axis");
  REQUIRE(axis.size() == 1);
  const auto arrows = s.find<r::Polygon>("ci-arrow");
  for (std::size_t i = 0; i < 13; ++i) {
    const double se = std::sqrt(g["vi"][i]);
    const bool left_in = x(g["yi"][i] - kZ95 * se) >= axis[0]->a.x - 1e-9;
    const bool right_in = x(g["yi"][i] + kZ95 * se) <= axis[0]->b.x + 1e-9;
    const auto n = std::count_if(arrows.begin(), arrows.end(), [&](const r::Polygon* p) { return p->index == int(i); });
    INFO(g.labels[i]);
    CHECK(n == (left_in ? 0 : 1) + (right_in ? 0 : 1));
  }
  // Every point estimate and both pooled CI ends are on the axis.
  for (double yi : g["yi"]) CHECK((x(yi) >= axis[0]->a.x && x(yi) <= axis[0]->b.x));
}

TEST_CASE("forest: a clipped interval ends in an arrow at the axis end", "[render]") {
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  const Fit re = bcg_fit(g, "re");
  p::ViewOptions o;
  o.axis_limits = std::make_pair(0.2, 5.0);
  const r::Scene s = r::forest_layout(p::analysis_view(es, nullptr, &re, o), fonts());
  // Rosenthal 1960: RR 0.26 [0.09, 0.92] runs past 0.2 on the left only.
  const auto arrows = s.find<r::Polygon>("ci-arrow");
  const auto rosenthal = std::count_if(arrows.begin(), arrows.end(), [](const r::Polygon* p) { return p->index == 2; });
  CHECK(rosenthal == 1);
  const auto axis = s.find<r::Line>("axis");
  for (const auto* l : s.find<r::Line>("study-ci")) {
    CHECK(l->a.x >= axis[0]->a.x - 1e-9);
    CHECK(l->b.x <= axis[0]->b.x + 1e-9);
  }
  CHECK(texts_of(s, "tick-label") == std::vector<std::string>{"0.2", "0.5", "1", "2", "5"});
}

TEST_CASE("forest: no two text runs overlap, however long a study label", "[render]") {
  SECTION("dat.bcg, both models") { check_no_text_overlaps(bcg_scene(true)); }
  SECTION("a very long label wraps onto more lines (issue 13: never cut off with an ellipsis)") {
    const Golden g = read_bcg();
    EffectTable es = bcg_table(g);
    es.input[3].study =
        "Hart & Sutherland, Medical Research Council tuberculosis vaccines clinical trials committee, 1977 final report";
    const Fit re = bcg_fit(g, "re");
    const r::Scene s = r::forest_layout(p::analysis_view(es, nullptr, &re, {}), fonts());
    const auto labels = s.find<r::Text>("study-label");
    const r::Theme theme;
    std::string joined;
    for (const auto* l : labels)
      if (l->index == 3) {
        CHECK(l->width <= theme.max_label_width);
        joined += (joined.empty() ? "" : " ") + l->text;
      }
    CHECK(joined == es.input[3].study);
    CHECK(labels.size() > 13);
    check_no_text_overlaps(s);
    check_inside_page(s);
  }
  SECTION("anti-CD38 subgroups with flags and long arm labels") {
    p::ViewOptions o;
    o.label_experimental = "Anti-CD38 antibody + doublet (daratumumab or isatuximab)";
    o.label_control = "Doublet";
    o.flags = {"", "\xE2\x80\xA0", "", "", "", ""};
    o.footnotes = {"\xE2\x80\xA0 IKEMA reported a 99% CI; its standard error is derived from it."};
    const r::Scene s = r::forest_layout(anti_cd38_input(o), fonts());
    check_no_text_overlaps(s);
    check_inside_page(s);
  }
}

TEST_CASE("forest: the page fits the content with a margin on every side", "[render]") {
  const r::Scene s = bcg_scene(true);
  const r::Theme theme;
  double left = 1e9, top = 1e9, right = 0, bottom = 0;
  for (const auto* t : s.all<r::Text>()) {
    const r::Rect b = t->box();
    left = std::min(left, b.x), top = std::min(top, b.y);
    right = std::max(right, b.x + b.w), bottom = std::max(bottom, b.y + b.h);
  }
  for (const auto* l : s.all<r::Line>()) right = std::max({right, l->a.x, l->b.x}), bottom = std::max({bottom, l->a.y, l->b.y});
  CHECK(left == Approx(theme.margin));
  CHECK(top >= theme.margin);
  CHECK(top <= theme.margin + 3);
  // The size is rounded up to whole points.
  CHECK(s.width - right >= theme.margin);
  CHECK(s.width - right < theme.margin + 1);
  CHECK(s.height - bottom >= theme.margin);
  CHECK(s.height - bottom < theme.margin + 1);
}

TEST_CASE("forest: sorting happens within subgroups and subtotals stay with their rows", "[render]") {
  const Golden g = read_golden("anticd38_fit.txt");
  for (auto order : {p::SortOrder::AsGiven, p::SortOrder::Effect, p::SortOrder::Weight, p::SortOrder::Year}) {
    p::ViewOptions o;
    o.sort = order;
    const p::AnalysisView in = anti_cd38_input(o);
    const r::Scene s = r::forest_layout(in, fonts());
    const auto titles = s.find<r::Text>("block-title");
    REQUIRE(titles.size() == 2);
    CHECK(titles[0]->text == "Proteasome-inhibitor partner");
    CHECK(titles[1]->text == "Immunomodulatory partner");
    const auto diamonds = s.find<r::Polygon>("diamond-random");
    REQUIRE(diamonds.size() == 3);  // two subtotals, then the total
    const auto labels = s.find<r::Text>("study-label");
    REQUIRE(labels.size() == 6);
    // Rows 0-2 of the table are the proteasome-inhibitor trials (CANDOR, IKEMA, CASTOR).
    std::vector<double> yi_in_order[2];
    for (const auto* l : labels) {
      const int block = l->index < 3 ? 0 : 1;
      const double y = l->pos.y;
      INFO(l->text);
      CHECK(y > titles[static_cast<std::size_t>(block)]->pos.y);
      CHECK(y < diamonds[static_cast<std::size_t>(block)]->points[0].y);
      if (block == 0) CHECK(y < titles[1]->pos.y);
      yi_in_order[block].push_back(g["yi"][static_cast<std::size_t>(l->index)]);
    }
    CHECK(diamonds[0]->points[0].y < titles[1]->pos.y);
    CHECK(diamonds[1]->points[0].y < diamonds[2]->points[0].y);
    // Each subgroup's heterogeneity line sits between its subtotal and the next block.
    const auto notes = s.find<r::Text>("note");
    const auto het0 = std::find_if(notes.begin(), notes.end(), [](auto t) { return t->index == 1; });
    REQUIRE(het0 != notes.end());
    CHECK((*het0)->text.rfind("Heterogeneity: Tau\xC2\xB2 = 0.04392; Chi\xC2\xB2 = 5.51, df = 2 (P = 0.064)", 0) == 0);
    CHECK((*het0)->pos.y > diamonds[0]->points[0].y);
    CHECK((*het0)->pos.y < titles[1]->pos.y);
    if (order == p::SortOrder::Effect)
      for (const auto& v : yi_in_order) CHECK(std::is_sorted(v.begin(), v.end()));
    if (order == p::SortOrder::AsGiven) {
      CHECK(labels[0]->text == "CANDOR");
      CHECK(labels[3]->text == "APOLLO");
    }
    if (order == p::SortOrder::Year) {
      CHECK(labels[0]->text == "CASTOR");  // 2016, before CANDOR 2020 and IKEMA 2021
      CHECK(labels[3]->text == "POLLUX");
    }
    if (order == p::SortOrder::Weight) {
      CHECK(labels[0]->text == "CANDOR");  // heaviest: 19.1% of the random-effects weight
    }
  }
}

TEST_CASE("forest: subgroup lines, the between-subgroup test and flags as given", "[render]") {
  p::ViewOptions o;
  o.flags = {"", "\xE2\x80\xA0", "", "", "", ""};
  o.footnotes = {"\xE2\x80\xA0 99% CI as reported."};
  const r::Scene s = r::forest_layout(anti_cd38_input(o), fonts());
  CHECK(texts_of(s, "study-label")[1] == "IKEMA \xE2\x80\xA0");
  CHECK(texts_of(s, "footnote") == std::vector<std::string>{"\xE2\x80\xA0 99% CI as reported."});
  // metafor: QE of the two REML subgroup estimates = 0.0038 on 1 df, p = 0.9506.
  const auto notes = texts_of(s, "note");
  // Six studies in all: the test says it is unreliable (Cochrane Handbook 10.11.5.1).
  CHECK(notes[notes.size() - 2] ==
        "Test for subgroup differences: Chi\xC2\xB2 = 0.00, df = 1 (P = 0.951); 6 studies in all: too few for a reliable");
  CHECK(notes.back() == "comparison of subgroups (Cochrane Handbook 10.11.5.1)");
  CHECK(texts_of(s, "pooled-label") ==
        std::vector<std::string>{"Subtotal (95% CI)", "Subtotal (95% CI)", "Total (95% CI)"});
  // Reported HRs as printed, IKEMA with its 99% level.
  const auto cells = texts_of(s, "cell");
  CHECK(cells[1] == "0.53 [0.32, 0.89] (99%)");
  CHECK(cells[4] == "0.596 [0.44, 0.81]");
  // The study's 95% CI from the 99% one: exp(ln 0.53 -/+ 1.96 (ln 0.89 - ln 0.32)/(2 * 2.5758)).
  CHECK(texts_of(s, "effect-text")[1] == "0.53 [0.36, 0.78]");
  CHECK(texts_of(s, "pooled-text")[2] == "0.52 [0.43, 0.63]");
}

TEST_CASE("forest: proportions are drawn back-transformed on a linear axis within [0, 1]", "[render]") {
  EffectTable es;
  es.measure = Measure::PLO;
  const double xi[] = {19, 24}, ni[] = {46, 43};
  for (int i = 0; i < 2; ++i) {
    StudyInput s;
    s.study = i == 0 ? "MYRE" : "EuLITE";
    s.xi = xi[i], s.ni = ni[i];
    es.input.push_back(s);
    // escalc(measure = "PLO"): yi = log(x / (n - x)), vi = 1/x + 1/(n - x).
    es.yi.push_back(std::log(xi[i] / (ni[i] - xi[i])));
    es.vi.push_back(1 / xi[i] + 1 / (ni[i] - xi[i]));
    es.included.push_back(true);
  }
  Fit f;
  f.spec.method = Method::FE;
  f.weights = {50, 50};
  f.k = 2;
  f.beta = {0}, f.ci_lb = {-0.4}, f.ci_ub = {0.4}, f.zval = {0}, f.pval = {1};
  f.Q = 0.5, f.Q_df = 1, f.Q_p = 0.48;
  const r::Scene s = r::forest_layout(p::analysis_view(es, &f, nullptr, {}), fonts());
  // 19/46 = 0.413; pooled logit 0 -> 0.50 [ilogit(-0.4), ilogit(0.4)] = [0.40, 0.60].
  CHECK(texts_of(s, "effect-text")[0].rfind("0.41 [", 0) == 0);
  CHECK(texts_of(s, "pooled-text") == std::vector<std::string>{"0.50 [0.40, 0.60]"});
  for (const auto& l : texts_of(s, "tick-label")) {
    CHECK(std::stod(l) >= 0);
    CHECK(std::stod(l) <= 1);
  }
  CHECK(s.find<r::Line>("null-line").empty());
  CHECK(texts_of(s, "favours").empty());
  check_no_text_overlaps(s);
}

TEST_CASE("forest: inputs that cannot be drawn are errors naming the problem", "[render]") {
  const Golden g = read_bcg();
  const EffectTable es = bcg_table(g);
  Fit re = bcg_fit(g, "re");
  REQUIRE_THROWS_WITH(p::analysis_view(es, nullptr, nullptr, {}),
                      "present::analysis_view: no fit given (need a common-effect or random-effects fit)");
  re.weights.pop_back();
  REQUIRE_THROWS_WITH(p::analysis_view(es, nullptr, &re, {}),
                      "present::analysis_view: the random-effects fit has 12 weights but the effect table has 13 rows");
  re = bcg_fit(g, "re");
  p::ViewOptions o;
  o.flags = {"*"};
  REQUIRE_THROWS_WITH(p::analysis_view(es, nullptr, &re, o),
                      "view options: flags has 1 entries for 13 studies");
  p::AnalysisView in = p::analysis_view(es, nullptr, &re, {});
  REQUIRE_THROWS_WITH(p::add_subgroup(in, "Northern", nullptr, &re),
                      "present::add_subgroup: no study is in subgroup 'Northern'");
  CHECK(metareview::review::parse_sort_order("weight") == p::SortOrder::Weight);
  CHECK_FALSE(metareview::review::parse_sort_order("size"));
  CHECK(metareview::review::valid_sort_orders() == "given, effect, weight, year");
}

TEST_CASE("forest: the Scene of dat.bcg matches its golden dump", "[render]") {
  const std::string dump = bcg_scene(true).dump();
  check_golden(dump, "forest_bcg.scene.txt");
}

TEST_CASE("forest: mean differences show mean, SD and n per arm on a linear axis", "[render]") {
  // Two made-up trials of a continuous outcome; MD = m1 - m2, vi = sd1^2/n1 + sd2^2/n2.
  // se of trial A = sqrt(4.1^2/40 + 4.4^2/38) = 0.9642; CI -2.50 -/+ 1.96 * 0.9642.
  std::vector<StudyInput> rows(2);
  rows[0].study = "Trial A", rows[0].m1i = 12.5, rows[0].sd1i = 4.1, rows[0].n1i = 40;
  rows[0].m2i = 15.0, rows[0].sd2i = 4.4, rows[0].n2i = 38;
  rows[1].study = "Trial B", rows[1].m1i = 11.0, rows[1].sd1i = 5.2, rows[1].n1i = 55;
  rows[1].m2i = 12.25, rows[1].sd2i = 5.0, rows[1].n2i = 57;
  EffectTable es;
  es.measure = Measure::MD;
  es.input = rows;
  for (const auto& s : rows) {
    es.yi.push_back(s.m1i - s.m2i);
    es.vi.push_back(s.sd1i * s.sd1i / s.n1i + s.sd2i * s.sd2i / s.n2i);
    es.included.push_back(true);
  }
  Fit f;
  f.spec.method = Method::FE;
  f.k = 2, f.weights = {45, 55};
  f.beta = {-1.8}, f.ci_lb = {-3.2}, f.ci_ub = {-0.4}, f.zval = {-2.52}, f.pval = {0.0117};
  f.Q = 0.95, f.Q_df = 1, f.Q_p = 0.33, f.I2 = 0.0;
  const r::Scene s = r::forest_layout(p::analysis_view(es, &f, nullptr, {}), fonts());
  std::vector<std::string> headers = texts_of(s, "column-header");
  CHECK(headers == std::vector<std::string>{"Mean", "SD", "Total", "Mean", "SD", "Total"});
  const std::vector<std::string> cells = texts_of(s, "cell");
  REQUIRE(cells.size() == 12);
  CHECK(std::vector<std::string>(cells.begin(), cells.begin() + 6) ==
        std::vector<std::string>{"12.5", "4.1", "40", "15", "4.4", "38"});
  CHECK(texts_of(s, "total-cell") == std::vector<std::string>{"95", "95"});
  CHECK(texts_of(s, "effect-text")[0] == "-2.50 [-4.39, -0.61]");
  CHECK(texts_of(s, "pooled-text") == std::vector<std::string>{"-1.80 [-3.20, -0.40]"});
  for (const auto& l : texts_of(s, "tick-label")) CHECK(l.find('.') == std::string::npos);  // whole-number steps
  CHECK(s.find<r::Line>("null-line").size() == 1);
  CHECK(texts_of(s, "note")[0] == "Heterogeneity: Chi\xC2\xB2 = 0.95, df = 1 (P = 0.330); I\xC2\xB2 = 0.0%");
  check_no_text_overlaps(s);
}
