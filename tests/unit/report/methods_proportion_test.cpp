// The methods text of a pooled proportion (BCMA review, PLO) states how its CI was built and
// that no test is reported: the report prints no z test of a proportion, so the methods must not
// claim one (issue 13: boilerplate only when it applies).
#include <catch2/catch.hpp>

#include "report_fixture.h"

using namespace report_test;

TEST_CASE("a pooled proportion's methods claim no test of the pooled effect", "[report]") {
  Diagnostics diag;
  const auto rv = metareview::review::read_review(kSource + "/studies/reviews/bcma-rrmm-orr.xml", library(), diag);
  REQUIRE(rv);
  const auto res = metareview::review::run_review(*rv, library());
  std::vector<rp::AnalysisFigures> figs;
  for (const auto& a : res.analyses) figs.push_back(rp::analysis_figures(a, res, fonts(), a.analysis->id));
  rp::ReviewText text = rp::review_text(res, figs, {{"review", "x.xml", "0"}}, {kSource + "/studies", "", &library()});
  rp::render_methods(text, shipped_template("methods.txt", rp::methods_schema()));
  std::string methods;
  for (const auto& p : text.analyses[0].methods) methods += p + "\n";
  CHECK(methods.find("Wald z test") == std::string::npos);
  CHECK(methods.find("The 95% confidence interval of the pooled proportion was based on the normal distribution; a "
                     "proportion has no null value, so no test is reported.") != std::string::npos);
  // A ratio keeps its test (the anti-CD38 test review).
  std::string ratio;
  for (const auto& p : test_text().analyses[0].methods) ratio += p + "\n";
  CHECK(ratio.find("The pooled effect was tested with a Wald z test") != std::string::npos);
}
