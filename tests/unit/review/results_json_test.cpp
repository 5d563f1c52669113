// results_json(): every number of a run, deterministic, at full precision, with the settings
// as used and the back-transformed pooled values.
#include <catch2/catch.hpp>

#include <cmath>

#include "effect/transform.h"
#include "review/analysis.h"
#include "review/results_json.h"
#include "review_fixture.h"
#include "../../support/tolerance.h"

namespace {

namespace review = metareview::review;
using metareview::test::library;
using metareview::test::fixture_review;
using metareview::test::shipped_review;

const nlohmann::json& analysis_json(const nlohmann::json& j, const std::string& id) {
  for (const auto& a : j.at("analyses"))
    if (a.at("id") == id) return a;
  FAIL("no analysis " << id);
  return j;
}

}  // namespace

TEST_CASE("results_json is deterministic and holds the fits at full precision", "[review]") {
  const auto rv = shipped_review("anti-cd38-rrmm-pfs");
  const auto res = review::run_review(rv, library());
  const std::string once = review::results_json(res).dump();
  const std::string twice = review::results_json(review::run_review(rv, library())).dump();
  CHECK(once == twice);

  // Parsing the text back gives the very doubles of the fit: nothing is rounded.
  const auto j = nlohmann::json::parse(once);
  const auto& pfs = analysis_json(j, "pfs");
  const auto& fit = *res.analyses[0].random;
  CHECK(pfs.at("random").at("estimate").get<double>() == fit.estimate());
  CHECK(pfs.at("random").at("tau2").get<double>() == *fit.tau2);
  CHECK(pfs.at("random").at("weights").at(1).get<double>() == fit.weights[1]);
  CHECK(pfs.at("random").at("transformed").at("function") == "exp");
  CHECK(pfs.at("random").at("transformed").at("estimate").get<double>() == std::exp(fit.estimate()));
  CHECK(pfs.at("common").is_null());
  CHECK(pfs.at("rows").at(1).at("yi").get<double>() == res.analyses[0].es.yi[1]);
  CHECK(pfs.at("rows").at(1).at("input").at("hr_level").get<double>() == 99);
  CHECK(pfs.at("rows").at(1).at("weight_random").get<double>() == fit.weights[1]);
  CHECK(pfs.at("subgroup_test").at("Q").get<double>() == res.analyses[0].subgroup_test->Q);
  CHECK(pfs.at("subgroups").at(0).at("name") == "Proteasome inhibitor");
  CHECK(pfs.at("not_pooled") == "");

  // Settings as used, and which of them the review file set.
  CHECK(pfs.at("settings").at("method") == "REML");
  CHECK(pfs.at("settings").at("test") == "z");
  CHECK(pfs.at("settings").at("level").get<double>() == 95);
  CHECK(pfs.at("settings").at("preset") == "metafor");
  CHECK(pfs.at("overrides") == nlohmann::json::array({"method", "test"}));
  CHECK(pfs.at("random").at("settings").at("method") == "REML");
  CHECK(pfs.at("model") == "random");
  CHECK(pfs.at("implausible") == "include");
  CHECK(pfs.at("prediction_interval") == true);
  CHECK(pfs.at("prediction_interval_shown") == true);  // 6 studies
  CHECK(pfs.at("prediction_interval_note") == "");

  CHECK(j.at("review").at("id") == "anti-cd38-rrmm-pfs");
  CHECK(j.at("review").at("included").size() == rv.included.size());
  CHECK(j.at("review").at("included").at(0).at("sha256").get<std::string>().size() == 64);
  CHECK(j.at("review").at("excluded").at(0).at("study") == "candor-2022");
}

TEST_CASE("results_json carries sensitivity analyses, flags and unpooled analyses", "[review]") {
  const auto carf = fixture_review("carfilzomib-mixed");
  const auto j = review::results_json(review::run_review(carf, library()));
  const auto& pfs = analysis_json(j, "pfs");
  CHECK(pfs.at("rows").at(1).at("flag") == "\u2020");
  // floor-se's sensitivity analysis is the first of sensitivity_analyses.
  REQUIRE(pfs.at("sensitivity_analyses").size() == 1);
  const auto& floor = pfs.at("sensitivity_analyses").at(0);
  CHECK(floor.at("id") == "floor-se");
  CHECK(floor.at("source") == "floor-se");
  // The floored SE, 2/sqrt(80): its variance is 4/80 = 0.05.
  CHECK(floor.at("rows").at(1).at("sei").get<double>() == Approx(std::sqrt(0.05)).epsilon(1e-15));
  CHECK(floor.at("rows").at(1).at("note").get<std::string>().rfind("SE raised from 0.1", 0) == 0);
  CHECK(floor.at("common").at("k") == 2);
  CHECK(pfs.at("implausible") == "floor-se");

  const auto hco = shipped_review("hco-hd-cast-nephropathy");
  const auto h = review::results_json(review::run_review(hco, library()));
  const auto& six = analysis_json(h, "dialysis-independence-6mo");
  CHECK(six.at("not_pooled") == "not pooled: no study has usable data");
  CHECK(six.at("random").is_null());
  CHECK(six.at("rows").at(0).at("yi").is_null());  // not estimable: null, never NaN

  const auto bcma = shipped_review("bcma-rrmm-orr");
  const auto b = review::results_json(review::run_review(bcma, library()));
  const auto& pft = analysis_json(b, "orr-pft");
  CHECK(pft.at("random").at("transformed").at("function") == "transf.ipft.hm");
  // R: predict(fit, transf = transf.ipft.hm, targs = list(ni = ni)) (make_golden.R).
  for (const char* field : {"estimate", "ci_lb", "ci_ub", "pi_lb", "pi_ub"}) {
    INFO(field);
    CHECK(pft.at("random").at("transformed").at(field).get<double>() ==
          Approx(metareview::test::golden("bcma_PFT", std::string("transformed_") + field)).epsilon(metareview::test::kRRelative));
  }
  CHECK(pft.at("rows").at(0).at("input").at("xi").get<double>() == 30);
  CHECK(pft.at("rows").at(0).at("input").at("ni").get<double>() == 97);
}

TEST_CASE("results_json gives each declared sensitivity analysis and the leave-one-out rows", "[review][sensitivity]") {
  // R (make_golden.R): rma() on the five rows without CASTOR, CANDOR at its final analysis;
  // leave1out() of the primary.
  const auto rv = fixture_review("anti-cd38-sensitivity");
  const auto j = review::results_json(review::run_review(rv, library()));
  const auto& a = analysis_json(j, "pfs");
  const auto& s = a.at("sensitivity_analyses");
  REQUIRE(s.size() == 3);
  CHECK(s[1].at("id") == "dl");
  CHECK(s[1].at("overrides") == nlohmann::json::array({"method"}));
  const auto& reduced = s[2];
  CHECK(reduced.at("title") == "Without CASTOR, CANDOR at its final analysis");
  CHECK(reduced.at("k") == 5);
  CHECK(reduced.at("exclude") == nlohmann::json::array({"castor-2016"}));
  CHECK(reduced.at("swaps")[0].at("study") == "candor-2023");
  const auto golden = [](const char* field) { return metareview::test::golden("sens_reduced", field); };
  const double rel = metareview::test::kRRelative;
  CHECK(reduced.at("estimate").get<double>() == Approx(golden("estimate")).epsilon(rel));
  CHECK(reduced.at("ci_lb").get<double>() == Approx(golden("ci_lb")).epsilon(rel));
  CHECK(reduced.at("ci_ub").get<double>() == Approx(golden("ci_ub")).epsilon(rel));
  CHECK(reduced.at("tau2").get<double>() == Approx(golden("tau2")).epsilon(rel));
  CHECK(reduced.at("I2").get<double>() == Approx(golden("I2")).epsilon(rel));
  const auto& loo = a.at("leave_one_out").at("rows");
  REQUIRE(loo.size() == 6);
  CHECK(loo[2].at("study") == "castor-2016");
  CHECK(loo[2].at("estimate").get<double>() == Approx(metareview::test::golden("loo", "estimate", 3)).epsilon(rel));
}

TEST_CASE("results_json gives the influence, cumulative and GOSH outputs an analysis asks for", "[review][sensitivity]") {
  // anti-cd38-rrmm-pfs, pfs: influence="true" cumulative="year" (make_golden.R).
  const auto j = review::results_json(review::run_review(shipped_review("anti-cd38-rrmm-pfs"), library()));
  const auto& a = analysis_json(j, "pfs");
  const double rel = metareview::test::kRRelative;
  const auto& inf = a.at("influence").at("rows");
  REQUIRE(inf.size() == 6);
  CHECK(inf[5].at("study") == "pollux-2016");
  CHECK(inf[5].at("cook_d").get<double>() == Approx(metareview::test::golden("infl", "cook_d", 6)).epsilon(rel));
  CHECK(inf[5].at("inf").get<double>() == 0);
  const auto& cumul = a.at("cumulative");
  CHECK(cumul.at("order") == "year");
  REQUIRE(cumul.at("rows").size() == 6);
  CHECK(cumul.at("rows")[0].at("study") == "castor-2016");
  CHECK(cumul.at("rows")[5].at("estimate").get<double>() ==
        Approx(metareview::test::golden("cumul_year", "estimate", 6)).epsilon(rel));
  CHECK(a.at("gosh").is_null());
  // gosh="true" on the six trials (tests/data/reviews/fixtures/anti-cd38-rob.xml): 63 subsets.
  const auto g = review::results_json(review::run_review(fixture_review("anti-cd38-rob"), library()));
  CHECK(analysis_json(g, "pfs").at("gosh").at("fits") == 63);
  CHECK(analysis_json(g, "pfs").at("influence").is_null());
}
