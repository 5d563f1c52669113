// A report says why an analysis has no risk-of-bias figures when its rows were assessed
// (report/context.cpp, rob_note).
#include <catch2/catch.hpp>

#include "report_fixture.h"

using namespace report_test;

TEST_CASE("single-arm analyses say their studies were assessed as not applicable", "[report]") {
  // The anti-CD38 test review has RoB 2 assessments: figures, and no note.
  REQUIRE_FALSE(test_text().analyses.empty());
  CHECK(test_text().analyses[0].rob_note.empty());

  Diagnostics diag;
  const auto rv = metareview::review::read_review(kSource + "/studies/reviews/bcma-rrmm-orr.xml", library(), diag);
  REQUIRE(rv);
  const auto res = metareview::review::run_review(*rv, library());
  std::vector<rp::AnalysisFigures> figs;
  for (const auto& a : res.analyses) figs.push_back(rp::analysis_figures(a, res, fonts(), a.analysis->id));
  CHECK(figs[0].find("rob") == nullptr);
  const rp::ReviewText text = rp::review_text(res, figs, {{"review", "x.xml", "0"}}, {kSource + "/studies", "", &library()});
  CHECK(text.analyses[0].rob_note ==
        "Risk of bias: no study of this analysis has an assessment that applies. Assessed as not applicable: "
        "DREAMM-2, MajesTEC-1, KarMMa, CARTITUDE-1 (RoB 2 and ROBINS-I judge comparative effects; each study file "
        "gives its reason, and results.json repeats it).");
}
