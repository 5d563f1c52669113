// The report's comparison of an analysis with its declared sensitivity analyses, and its
// leave-one-out sentence (report/context.cpp).
#include <catch2/catch.hpp>

#include "report_fixture.h"
#include "../review/rob_variant.h"

using namespace report_test;

namespace {

rp::ReviewText text_of(const metareview::review::ReviewResult& res) {
  std::vector<rp::AnalysisFigures> figs;
  for (const auto& a : res.analyses) figs.push_back(rp::analysis_figures(a, res, fonts(), a.analysis->id));
  return rp::review_text(res, figs, {{"review", "x.xml", "0"}}, {kSource + "/studies", "", &library()});
}

metareview::review::Review fixture() {
  Diagnostics diag;
  auto rv = metareview::review::read_review(kSource + "/tests/data/reviews/fixtures/anti-cd38-sensitivity.xml",
                                            library(), diag);
  INFO(diag.to_string());
  REQUIRE(rv);
  return *rv;
}

}  // namespace

TEST_CASE("the comparison table lists the primary, then each sensitivity analysis with what it changed", "[report][sensitivity]") {
  // Estimates as metafor's (make_golden.R): exp(-0.6640) = 0.51 [exp(-0.9190) = 0.40, exp(-0.4089) = 0.66]
  // with Hartung-Knapp; exp(-0.5987) = 0.55 [0.45, 0.67] without CASTOR, CANDOR at its final analysis.
  const auto rv = fixture();
  const auto res = metareview::review::run_review(rv, library());
  const rp::ReviewText text = text_of(res);
  const rp::AnalysisText& a = text.analyses.at(0);
  REQUIRE(a.comparison.size() == 4);
  CHECK(a.comparison[0].primary);
  CHECK(a.comparison[0].title == "Primary analysis");
  CHECK(a.comparison[0].estimate == "HR 0.51 [0.42, 0.63]");
  CHECK(a.comparison[1].changes == "Hartung-Knapp");
  CHECK(a.comparison[1].estimate == "HR 0.51 [0.40, 0.66]");
  CHECK(a.comparison[2].changes == "τ² estimator DL");
  CHECK(a.comparison[3].title == "Without CASTOR, CANDOR at its final analysis");
  CHECK(a.comparison[3].changes == "without CASTOR; CANDOR: outcome 'pfs' of candor-2023");
  CHECK(a.comparison[3].k == "5");
  CHECK(a.comparison[3].estimate == "HR 0.55 [0.45, 0.67]");
  CHECK(a.leave_one_out ==
        "Leave-one-out: no single study changes the conclusion; without any one of the 6 studies the 95% CI still "
        "excludes 1.");
}

TEST_CASE("the leave-one-out sentence names each study without which the CI crosses the null", "[report][sensitivity]") {
  // R: rma(log(hr), sei, method = "REML", test = "knha") on CANDOR, IKEMA and CASTOR gives HR 0.51
  // [0.27, 0.94]; leave1out() gives 0.45 [0.06, 3.07], 0.50 [0.02, 10.45], 0.59 [0.20, 1.72]:
  // with two studies left, t(1) makes every CI cross 1.
  auto rv = fixture();
  auto& a = rv.analyses.at(0);
  a.data.resize(3);
  a.sensitivities.clear();
  a.settings.model.test = metareview::model::Test::KNHA;
  const auto res = metareview::review::run_review(rv, library());
  CHECK(text_of(res).analyses.at(0).leave_one_out ==
        "Leave-one-out: without CANDOR (0.45 [0.06, 3.07]) or without IKEMA (0.50 [0.02, 10.45]) or without CASTOR "
        "(0.59 [0.20, 1.72]) the 95% CI includes 1, so the conclusion rests on each of these studies.");
}

TEST_CASE("exclude-rob names the studies it left out and the rows it kept without a judgment", "[report][sensitivity]") {
  const std::string file = kSource + "/tests/data/reviews/fixtures/anti-cd38-rob.xml";
  {
    Diagnostics diag;
    const auto rv = metareview::review::read_review(file, library(), diag);
    REQUIRE(rv);
    const auto text = text_of(metareview::review::run_review(*rv, library()));
    CHECK(text.analyses.at(0).comparison.at(1).changes ==
          "no study at high risk of bias to leave out; kept, judged 'no information': IKEMA, ICARIA-MM");
  }
  // POLLUX judged high and CASTOR unassessed in a copy of the library (rob_variant.h).
  const auto studies = metareview::test::with_hypothetical_rob(library());
  Diagnostics diag;
  const auto rv = metareview::review::read_review(file, studies, diag);
  REQUIRE(rv);
  const auto res = metareview::review::run_review(*rv, studies);
  std::vector<rp::AnalysisFigures> figs;
  for (const auto& a : res.analyses) figs.push_back(rp::analysis_figures(a, res, fonts(), a.analysis->id));
  const auto text = rp::review_text(res, figs, {{"review", "x.xml", "0"}}, {kSource + "/studies", "", &studies});
  const auto& row = text.analyses.at(0).comparison.at(1);
  CHECK(row.changes ==
        "without studies at high risk of bias (POLLUX); kept, not assessed: CASTOR; kept, judged 'no information': "
        "IKEMA, ICARIA-MM");
  CHECK(row.k == "5");
}

TEST_CASE("influence=\"true\" names the influential studies, and each output has its figure and caption", "[report][sensitivity]") {
  Diagnostics diag;
  const auto rv = metareview::review::read_review(kSource + "/studies/reviews/anti-cd38-rrmm-pfs.xml", library(), diag);
  REQUIRE(rv);
  const auto text = text_of(metareview::review::run_review(*rv, library()));
  const rp::AnalysisText& a = text.analyses.at(0);
  // make_golden.R: influence() flags none of the six trials.
  CHECK(a.influence_note == "Influence: metafor's rule flags none of the 6 studies as influential.");
  REQUIRE(a.figure("influence"));
  CHECK(a.figure("influence")->stem == "pfs-influence");
  REQUIRE(a.figure("cumulative"));
  CHECK(a.figure("cumulative")->caption ==
        "Cumulative meta-analysis: Progression-free survival, anti-CD38 triplet vs doublet (primary analyses). The "
        "pooled estimate with its 95% confidence interval as the studies are added by year of publication, oldest first; the last row is "
        "the full analysis.");
  CHECK_FALSE(a.figure("gosh"));
  REQUIRE(a.figure("sensitivity_forest"));
  CHECK(a.figure("sensitivity_forest")->stem == "pfs-sensitivity-forest");
  CHECK(text.analyses.at(1).influence_note.empty());
}
