// The sensitivity plots (issue 14): Baujat, leave-one-out and cumulative forest plots, the
// influence panel and the GOSH plot. Positions are checked against metafor's values in
// tests/golden/methods/expected.csv (make_goldens.R there), and every figure written twice
// must be the same bytes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "../../golden/methods/methods_cases.h"
#include "../../support/cli_runner.h"
#include "../../support/golden_csv.h"
#include "cli/commands.h"
#include "methods/baujat.h"
#include "methods/influence.h"
#include "methods/leave_one_out.h"
#include "model/fit.h"
#include "render/axis.h"
#include "render/baujat_layout.h"
#include "render/font.h"
#include "render/gosh_layout.h"
#include "render/influence_layout.h"
#include "render/refit_forest_layout.h"
#include "render_fixture.h"

using namespace render_test;
using metareview::test::run_cli;

namespace {

namespace methods = metareview::methods;
namespace model = metareview::model;

/// metafor's values of `field` of `what` for bcg_RR with `method` and test z, by study.
std::vector<double> expected(const std::string& method, const std::string& what, const std::string& field) {
  const metareview::test::GoldenCsv csv("tests/golden/methods/expected.csv");
  std::vector<double> out;
  for (std::size_t r = 0; r < csv.size(); ++r)
    if (csv.str(r, "case") == "bcg_RR" && csv.str(r, "method") == method && csv.str(r, "test") == "z" &&
        csv.str(r, "what") == what && csv.str(r, "field") == field)
      out.push_back(csv.num(r, "value"));
  return out;
}

/// dat.bcg's log risk ratios (escalc "RR" in make_goldens.R).
EffectTable bcg() {
  EffectTable es = metareview::test::read_methods_cases().at("bcg_RR");
  es.measure = Measure::RR;
  return es;
}

model::ModelSpec spec_of(Method m) {
  model::ModelSpec s;
  s.method = m;
  return s;
}

const r::Rect& frame(const r::Scene& s, std::size_t i = 0) { return *s.find<r::Rect>("frame").at(i); }

}  // namespace

TEST_CASE("the Baujat plot puts each study at metafor's x and y, labelled by name", "[render][sensitivity]") {
  const EffectTable es = bcg();
  const methods::Baujat b = methods::baujat(es, spec_of(Method::REML));
  std::vector<r::BaujatPointInput> pts;
  for (const auto& p : b.points) pts.push_back({es.input[p.row].study, p.x, p.y, static_cast<int>(p.row)});
  const r::FontMeasurer fonts;
  const r::Scene s = r::baujat_layout(pts, false, fonts);
  const std::vector<double> x = expected("REML", "baujat", "x"), y = expected("REML", "baujat", "y");
  REQUIRE(x.size() == 13);
  // Both axes start at 0 and end at the tick make_axis() puts past 1.1 times the largest value.
  const double x_hi = r::make_axis(0, 1.1 * *std::max_element(x.begin(), x.end()), false).hi;
  const double y_hi = r::make_axis(0, 1.1 * *std::max_element(y.begin(), y.end()), false).hi;
  const r::Rect& f = frame(s);
  const auto points = s.find<r::Circle>("study-point");
  REQUIRE(points.size() == 13);
  for (const auto* c : points) {
    const auto i = static_cast<std::size_t>(c->index);
    CHECK(c->centre.x == Approx(f.x + x[i] / x_hi * f.w).epsilon(1e-6));
    CHECK(c->centre.y == Approx(f.y + f.h - y[i] / y_hi * f.h).epsilon(1e-6));
  }
  // Study 8 (Vandiviere 1973 in dat.bcg) is metafor's outlier: the largest contribution to Q.
  CHECK(std::max_element(x.begin(), x.end()) - x.begin() == 7);
  const auto labels = s.find<r::Text>("study-label");
  REQUIRE(labels.size() == 13);
  for (const auto* t : labels) CHECK(t->text == es.input[static_cast<std::size_t>(t->index)].study);
  for (std::size_t i = 0; i < labels.size(); ++i)
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      INFO(labels[i]->text << " / " << labels[j]->text);
      CHECK_FALSE(r::overlaps(labels[i]->box(), labels[j]->box()));
    }
  const auto titles = s.find<r::Text>("x-title");
  REQUIRE(titles.size() == 1);
  CHECK(titles[0]->text == "Squared Pearson Residual");
  CHECK(r::baujat_layout(pts, true, fonts).find<r::Text>("x-title").at(0)->text == "Contribution to Overall Heterogeneity");
  REQUIRE_THROWS_WITH(r::baujat_layout({{"A", 1, std::nullopt, 0}}, false, fonts),
                      "baujat plot: no study has an influence value to draw (every refit failed)");
}

TEST_CASE("the leave-one-out forest plot has one row per refit at metafor's estimate and CI", "[render][sensitivity]") {
  const EffectTable es = bcg();
  const model::Fit full = model::fit(es, spec_of(Method::REML));
  const methods::MethodResult loo = methods::leave_one_out_result(es, spec_of(Method::REML));
  const p::AnalysisView v = r::refit_view(es, full, loo, r::RefitKind::LeaveOneOut);
  const std::vector<double> est = expected("REML", "leave1out", "estimate"), lb = expected("REML", "leave1out", "ci.lb"),
                            ub = expected("REML", "leave1out", "ci.ub");
  REQUIRE(lb.size() == 13);
  REQUIRE(ub.size() == 13);
  REQUIRE(v.blocks.size() == 1);
  const auto& rows = v.blocks[0].studies;
  REQUIRE(rows.size() == 13);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i].label == "Omitting " + es.input[i].study);
    CHECK(rows[i].effect.est.value == Approx(est[i]).epsilon(1e-6));
    CHECK(rows[i].effect.lb.value == Approx(lb[i]).epsilon(1e-6));
    CHECK(rows[i].effect.ub.value == Approx(ub[i]).epsilon(1e-6));
    // Shown as risk ratios, as the forest plot of the studies.
    CHECK(rows[i].effect.est.shown == Approx(std::exp(est[i])).epsilon(1e-6));
  }
  // metafor: rma(yi, vi, data = dat.bcg) gives RR 0.4894 [0.3441, 0.6962] (REML, z).
  REQUIRE(v.total.pooled.size() == 1);
  CHECK(v.total.pooled[0].effect.text == "0.49 [0.34, 0.70]");
  const r::FontMeasurer fonts;
  const r::Scene s = r::forest_layout(v, fonts);
  CHECK(s.find<r::Rect>("study-square").size() == 13);
  const auto texts = s.find<r::Text>("study-label");
  CHECK(std::any_of(texts.begin(), texts.end(), [](const r::Text* t) { return t->text == "Omitting Aronson 1948"; }));
  // Every refit square is the same size: refits carry no weight.
  const auto sq = s.find<r::Rect>("study-square");
  for (const auto* q : sq) CHECK(q->w == Approx(sq[0]->w));
}

TEST_CASE("the influence panel draws metafor's eight diagnostics, influential studies in red", "[render][sensitivity]") {
  const EffectTable es = bcg();
  const methods::MethodResult inf = methods::influence_result(es, spec_of(Method::FE));
  const model::Fit full = model::fit(es, spec_of(Method::FE));
  const r::InfluenceInput in = r::influence_input(inf, full);
  const std::vector<double> flags = expected("FE", "influence", "inf");
  REQUIRE(flags.size() == 13);
  for (std::size_t i = 0; i < 13; ++i) CHECK(in.inf[i] == (flags[i] != 0));
  CHECK(in.source_rows[12] == 12);
  CHECK(in.QE == full.Q);
  const r::FontMeasurer fonts;
  const r::Scene s = r::influence_layout(in, fonts);
  REQUIRE(s.find<r::Rect>("frame").size() == 8);
  std::vector<std::string> titles;
  for (const auto* t : s.find<r::Text>("y-title")) titles.push_back(t->text);
  CHECK(titles == std::vector<std::string>{"rstudent", "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight"});
  // metafor marks studies 4, 6 and 8 of dat.bcg (FE) as influential: red in every panel but
  // tau2.del, which is empty under FE (no tau2; metafor draws that panel empty too).
  const auto red = s.find<r::Circle>("influential-point");
  REQUIRE(red.size() == 7 * 3);
  for (const auto* c : red) CHECK((c->index == 3 || c->index == 5 || c->index == 7));
  CHECK(s.find<r::Circle>("study-point").size() == 7 * 10);
  const auto none = s.find<r::Text>("no-values");
  REQUIRE(none.size() == 1);
  CHECK(none[0]->index == 4);  // tau2.del
  // rstudent (panel 1): the points' heights follow metafor's values on one linear scale.
  const std::vector<double> rs = expected("FE", "influence", "rstudent");
  REQUIRE(rs.size() == 13);
  std::vector<const r::Circle*> first;
  for (const auto& e : s.elements)
    if (const auto* c = std::get_if<r::Circle>(&e); c && first.size() < 13) first.push_back(c);
  const double scale = (first[0]->centre.y - first[1]->centre.y) / (rs[0] - rs[1]);
  CHECK(scale < 0);
  for (std::size_t i = 2; i < 13; ++i)
    CHECK(first[i]->centre.y - first[0]->centre.y == Approx(scale * (rs[i] - rs[0])).epsilon(1e-9));
  // cov.r (panel 4) on a log axis, as metafor's logcov = TRUE: heights linear in log(cov.r).
  const std::vector<double> cov = expected("FE", "influence", "cov.r");
  REQUIRE(cov.size() == 13);
  std::vector<const r::Circle*> fourth;
  for (const auto* c : s.find<r::Circle>("study-point"))
    if (c->centre.y >= frame(s, 3).y && c->centre.y <= frame(s, 3).y + frame(s, 3).h && c->centre.x >= frame(s, 3).x)
      fourth.push_back(c);
  for (const auto* c : s.find<r::Circle>("influential-point"))
    if (c->centre.y >= frame(s, 3).y && c->centre.y <= frame(s, 3).y + frame(s, 3).h && c->centre.x >= frame(s, 3).x)
      fourth.push_back(c);
  REQUIRE(fourth.size() == 13);
  std::sort(fourth.begin(), fourth.end(), [](const auto* a, const auto* b) { return a->index < b->index; });
  const double log_scale = (fourth[0]->centre.y - fourth[1]->centre.y) / (std::log(cov[0]) - std::log(cov[1]));
  for (std::size_t i = 2; i < 13; ++i)
    CHECK(fourth[i]->centre.y - fourth[0]->centre.y ==
          Approx(log_scale * (std::log(cov[i]) - std::log(cov[0]))).epsilon(1e-9));
  // Panels of a column share their left edge.
  CHECK(frame(s, 0).x == Approx(frame(s, 2).x));
  CHECK(frame(s, 1).x == Approx(frame(s, 7).x));
}

TEST_CASE("the GOSH plot draws points, or a grid of cells for many subsets, with marginal histograms",
          "[render][sensitivity]") {
  r::GoshInput in;
  for (int i = 0; i < 100; ++i) in.estimate.push_back(-1 + i / 100.0), in.I2.push_back(i % 50);
  const r::FontMeasurer fonts;
  const r::Scene small = r::gosh_layout(in, fonts);
  CHECK(small.find<r::Circle>("subset-point").size() == 100);
  const auto sum = [](const std::vector<const r::Rect*>& v) {
    int n = 0;
    for (const auto* b : v) n += b->index;
    return n;
  };
  CHECK(sum(small.find<r::Rect>("estimate-bar")) == 100);
  CHECK(sum(small.find<r::Rect>("I2-bar")) == 100);
  // The point of I2 = 0 sits on the bottom of the frame (the I2 axis is 0 to 100).
  const r::Rect& f = frame(small);
  CHECK(small.find<r::Circle>("subset-point")[0]->centre.y == Approx(f.y + f.h));

  r::GoshInput many;
  for (int i = 0; i < 30000; ++i) many.estimate.push_back((i % 173) / 173.0), many.I2.push_back((i % 97) * 1.0);
  const r::Scene big = r::gosh_layout(many, fonts);
  CHECK(big.find<r::Circle>("subset-point").empty());
  const auto cells = big.find<r::Rect>("subset-cell");
  CHECK(cells.size() <= r::kGoshGrid * r::kGoshGrid);
  CHECK(sum(cells) == 30000);
  REQUIRE_THROWS_WITH(r::gosh_layout({}, fonts), "gosh plot: no subset was fitted successfully, nothing to draw");
}

TEST_CASE("the plot option of leave1out, cumul, influence, baujat and gosh writes the same bytes twice", "[render][sensitivity]") {
  const auto dir = temp_dir("metareview-sensitivity-plots");
  const std::string data = golden_path("anticd38_pfs.csv");
  for (const std::string command : {"leave1out", "cumul", "influence", "baujat", "gosh"})
    for (const std::string ext : {"svg", "pdf", "png"}) {
      const std::string a = (dir / (command + "_a." + ext)).string(), b = (dir / (command + "_b." + ext)).string();
      std::vector<std::string> args{command, "--data", data, "--measure", "HR", "--method", "REML"};
      if (command == "cumul") args.insert(args.end(), {"--order", "year"});
      auto with = [&](const std::string& out) {
        auto v = args;
        v.insert(v.end(), {"--plot", out});
        return v;
      };
      const auto ra = run_cli(with(a)), rb = run_cli(with(b));
      INFO(command << " " << ext << ": " << ra.err);
      REQUIRE(ra.status == 0);
      CHECK(ra.err.rfind("wrote " + a + " (", 0) == 0);
      CHECK(rb.status == 0);
      const std::string bytes = slurp(a);
      CHECK(bytes.size() > 100);
      CHECK(bytes == slurp(b));
    }
  auto bad = run_cli({"baujat", "--data", data, "--measure", "HR", "--plot", "baujat.jpg"});
  CHECK(bad.status == metareview::cli::kExitUsage);
  CHECK(bad.err == "metareview baujat: --plot: cannot tell the format of 'baujat.jpg': use a .svg, .pdf or .png file name\n");
  CHECK(bad.out.empty());
  auto bad_gosh = run_cli({"gosh", "--data", data, "--measure", "HR", "--plot", "gosh.gif"});
  CHECK(bad_gosh.status == metareview::cli::kExitUsage);
  CHECK(bad_gosh.err == "metareview gosh: --plot: cannot tell the format of 'gosh.gif': use a .svg, .pdf or .png file name\n");
}
