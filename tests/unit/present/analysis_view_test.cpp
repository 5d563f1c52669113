// The display model (src/present/): subgroups fitted on the rows of the one EffectTable
// (model::fit_subgroups), and each number kept with its text.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <vector>

#include "../../support/tolerance.h"
#include "effect/escalc.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"

namespace {

namespace effect = metareview::effect;
namespace model = metareview::model;
namespace present = metareview::present;
using metareview::core::Measure;
using metareview::test::kHandRelative;
using metareview::test::kRRelative;

// Three 2x2 tables: a1 (subgroup A) has a zero cell, b1 and b2 (subgroup B) have none.
effect::EffectTable if0all_table() {
  struct Row {
    const char *study, *subgroup;
    double ai, n1i, ci, n2i;
  };
  const Row rows[] = {{"a1", "A", 0, 20, 4, 20}, {"b1", "B", 3, 20, 8, 20}, {"b2", "B", 5, 25, 10, 25}};
  std::vector<effect::StudyInput> in;
  for (const Row& r : rows) {
    effect::StudyInput s;
    s.study = r.study, s.subgroup = r.subgroup;
    s.ai = r.ai, s.n1i = r.n1i, s.ci = r.ci, s.n2i = r.n2i;
    in.push_back(s);
  }
  effect::EffectOptions o;
  o.to = effect::CorrectionTo::If0All;  // a zero cell anywhere: add 0.5 to every cell of every table
  return effect::escalc(Measure::OR, in, o);
}

model::ModelSpec fe() {
  model::ModelSpec s;
  s.method = model::Method::FE;
  return s;
}

}  // namespace

// Regression (issue 9): render::fit_forest_input ran escalc again on each subgroup's rows.
// With to = "if0all" subgroup B alone has no zero cell, so its tables went uncorrected and
// its diamond was fitted at other yi than its studies were drawn at (this test's numbers:
// subtotal B -1.1235 instead of -1.0510). Subgroup fits now take the rows of the one table.
TEST_CASE("subgroup fits use the yi of the overall table (to = if0all)", "[present][model]") {
  const effect::EffectTable es = if0all_table();
  // Hand calculation, log OR = log((a d) / (b c)), vi = 1/a + 1/b + 1/c + 1/d:
  //   +0.5 on every cell of every table (a1's zero cell corrects all three; b = n1i - ai):
  //     b1: a = 3.5, b = 17.5, c = 8.5, d = 12.5: log(43.75 / 148.75) = log(0.29412) = -1.22378
  //     b2: a = 5.5, b = 20.5, c = 10.5, d = 15.5: log(85.25 / 215.25) = log(0.39605) = -0.92621
  //   subgroup B on its own (what the old code did: no zero cell there, no correction):
  //     b1: log(3 * 12 / (17 * 8)) = log(0.26471) = -1.32914
  //     b2: log(5 * 15 / (20 * 10)) = log(0.375) = -0.98083
  const double b1 = std::log(3.5 * 12.5 / (17.5 * 8.5)), b2 = std::log(5.5 * 15.5 / (20.5 * 10.5));
  const double v1 = 1 / 3.5 + 1 / 17.5 + 1 / 8.5 + 1 / 12.5, v2 = 1 / 5.5 + 1 / 20.5 + 1 / 10.5 + 1 / 15.5;
  REQUIRE(es.yi[1] == Approx(b1).epsilon(kHandRelative));
  REQUIRE(es.yi[2] == Approx(b2).epsilon(kHandRelative));

  const model::SubgroupFits fits = model::fit_subgroups(es, fe(), std::nullopt);
  REQUIRE(fits.subgroups.size() == 2);
  const model::SubgroupFit& g = fits.subgroups[1];
  CHECK(g.name == "B");
  CHECK(g.rows == std::vector<std::size_t>{1, 2});
  REQUIRE(g.common);
  CHECK(g.common->yi == std::vector<double>{es.yi[1], es.yi[2]});
  CHECK(g.common->vi == std::vector<double>{es.vi[1], es.vi[2]});
  // FE estimate by hand: sum(yi / vi) / sum(1 / vi), and metafor 3.8-1:
  //   rma(yi, vi, data = escalc("OR", ..., to = "if0all"), subset = g == "B", method = "FE")
  //   -> beta -1.0509945922, ci.lb -1.9841088450, ci.ub -0.1178803393 (old code: -1.1235091037).
  const double est = (b1 / v1 + b2 / v2) / (1 / v1 + 1 / v2);
  CHECK(g.common->estimate() == Approx(est).epsilon(kHandRelative));
  CHECK(g.common->estimate() == Approx(-1.0509945922).epsilon(kRRelative));

  // The CLI's forest plot: the subtotal diamond of B is that fit, its rows the table's yi.
  const present::AnalysisView view = present::analysis_view(es, fits);
  REQUIRE(view.blocks.size() == 3);  // the emptied ungrouped block, A, B
  const present::Block& block = view.blocks[2];
  CHECK(block.title == "B");
  REQUIRE(block.pooled.size() == 1);
  CHECK(block.pooled[0].effect.est.value == Approx(-1.0509945922).epsilon(kRRelative));
  CHECK(block.pooled[0].effect.lb.value == Approx(-1.9841088450).epsilon(kRRelative));
  CHECK(block.pooled[0].effect.ub.value == Approx(-0.1178803393).epsilon(kRRelative));
  // predict(fe, transf = exp): 0.3495898768 [0.1375030961, 0.8888024009]
  CHECK(block.pooled[0].effect.est.shown == Approx(0.3495898768).epsilon(kRRelative));
  CHECK(block.pooled[0].effect.text == "0.35 [0.14, 0.89]");
  CHECK(block.studies[0].effect.est.value == es.yi[1]);
  CHECK(block.studies[1].effect.est.value == es.yi[2]);
}

TEST_CASE("the view keeps each number with its text, and totals add numbers, not texts", "[present]") {
  const effect::EffectTable es = if0all_table();
  const present::AnalysisView view = present::analysis_view(es, model::fit_subgroups(es, fe(), std::nullopt));
  // Columns of a 2x2 measure: Events, Total (experimental), Events, Total (control).
  REQUIRE(view.columns.size() == 4);
  const present::Block& b = view.blocks[2];
  CHECK(b.studies[0].cells[0].value == 3);
  CHECK(b.studies[0].cells[0].text == "3");
  // Subgroup B: events 3 + 5 = 8 of 20 + 25 = 45 (experimental), 8 + 10 = 18 of 45 (control).
  REQUIRE(b.total_cells.size() == 4);
  CHECK(b.total_cells[1].value == 45);
  CHECK(b.total_cells[1].text == "45");
  CHECK(b.total_cells[0].text.empty());  // an Events column: its sum is on the event row
  REQUIRE(b.event_cells.size() == 4);
  CHECK(b.event_cells[0].text == "8");
  CHECK(b.event_cells[2].text == "18");
  CHECK(b.event_cells[1].text.empty());
  // One-study subgroup A: heterogeneity does not apply, in both wordings.
  const present::Block& a = view.blocks[1];
  REQUIRE(a.heterogeneity);
  CHECK_FALSE(a.heterogeneity->applicable);
  CHECK(a.heterogeneity->line == "Heterogeneity: not applicable (one study)");
  CHECK(a.notes.front() == "Heterogeneity: not applicable");
  // Weights of the overall FE fit, by hand: 100 (1/vi) / sum(1/vj) with the vi of metafor's
  // escalc (2.3316087706, 0.5405042017, 0.3903528939): 8.86%, 38.22%, 52.92%.
  REQUIRE(b.studies[0].weight_common);
  CHECK(b.studies[0].weight_common->value == Approx(38.21941423).epsilon(kRRelative));
  CHECK(b.studies[0].weight_common->text == "38.2%");
  // Test for subgroup differences, by hand: FE meta-analysis of A (-2.4142890826, SE
  // sqrt(2.3316087706)) and B (-1.0509945922, SE 0.4760874486): Q = 0.72650 on 1 df,
  // p = erfc(sqrt(Q / 2)) = 0.39402.
  REQUIRE(view.subgroup_test);
  CHECK(view.subgroup_test->Q.value == Approx(0.7264961475).epsilon(kRRelative));
  // Subgroup B holds one study: the test says so (issue 12).
  CHECK(view.subgroup_test->note == "Test for subgroup differences: Chi\xC2\xB2 = 0.73, df = 1 (P = 0.394); 1 of 2 "
                                    "subgroups holds a single study, so the test partly compares single studies");
  CHECK(view.subgroup_test->text == "Test for subgroup differences: Q = 0.73, df = 1 (P = 0.394); 1 of 2 subgroups "
                                    "holds a single study, so the test partly compares single studies");
  CHECK(view.total.notes.back() == view.subgroup_test->note);
}
