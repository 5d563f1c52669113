// Small-study effects of a review analysis (review/small_study.h, present/small_study_view.h):
// the tests and trim-and-fill against metafor 3.8-1 (tests/golden/bias/, make_goldens.R), the
// 10-study rule (Cochrane Handbook 13.3.5.4), the report's words, and the publication-bias
// finding of the certainty assessment.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "../../golden/methods/methods_cases.h"
#include "../../support/golden_csv.h"
#include "core/error.h"
#include "effect/escalc.h"
#include "model/fit.h"
#include "present/certainty_view.h"
#include "report/figures.h"
#include "present/small_study_view.h"
#include "review/analysis.h"
#include "review/certainty.h"
#include "review/small_study.h"
#include "review_fixture.h"

namespace {

namespace review = metareview::review;
namespace model = metareview::model;
namespace present = metareview::present;
using metareview::core::Measure;
using metareview::effect::EffectTable;
using metareview::test::GoldenCsv;

/// dat.bcg (13), dat.normand1999 (9) and dat.hackshaw1998 (37) as R's escalc gave them.
EffectTable bias_case(const std::string& name, Measure m) {
  static const auto cases = metareview::test::read_methods_cases("tests/golden/bias/inputs.csv");
  EffectTable es = cases.at(name);
  es.measure = m;
  return es;
}

/// Field `field` of the golden CSV row whose other key columns equal `key` (in file order).
double golden(const std::string& file, const std::vector<std::pair<std::string, std::string>>& key,
              const std::string& field) {
  const GoldenCsv csv("tests/golden/bias/" + file);
  for (std::size_t r = 0; r < csv.size(); ++r) {
    bool match = !csv.has("field") || csv.str(r, "field") == field;
    for (const auto& [col, value] : key) match = match && csv.str(r, col) == value;
    if (match) return csv.num(r, csv.has("field") ? "value" : field);
  }
  FAIL("no golden " << field << " in " << file);
  return NAN;
}

review::SmallStudyDecl decl(std::vector<review::SmallStudyTest> tests, bool trimfill) {
  review::SmallStudyDecl d;
  d.tests = std::move(tests);
  d.trimfill = trimfill;
  return d;
}

/// An analysis of `es` pooled by REML, as a review run leaves it.
struct Run {
  review::Analysis analysis;
  review::AnalysisResult result;
};
Run run(const EffectTable& es, review::SmallStudyDecl d) {
  Run r;
  r.analysis.id = "x";
  r.analysis.measure = es.measure;
  r.analysis.small_study = std::move(d);
  r.result.es = es;
  const model::ModelSpec spec = metareview::test::golden_spec("REML", "z");
  r.result.random = model::fit(es, spec);
  r.result.small_study = review::small_study(es, spec, r.result.random->k, *r.analysis.small_study);
  for (std::size_t i = 0; i < es.k(); ++i) {
    review::RowInfo row;
    row.study = row.label = es.input[i].study;
    r.result.rows.push_back(row);
  }
  return r;
}

/// The view of r, its result pointing at its analysis (Run is returned by value).
present::SmallStudyView view(Run& r) {
  r.result.analysis = &r.analysis;
  return present::small_study_view(r.result);
}

using T = review::SmallStudyTest;

}  // namespace

TEST_CASE("small-study tests of dat.bcg match metafor's regtest, ranktest and trimfill (REML)", "[review][bias]") {
  const EffectTable es = bias_case("bcg_RR", Measure::RR);
  Run r = run(es, decl({T::Egger, T::Begg}, true));
  const review::SmallStudyResult& s = *r.result.small_study;
  CHECK(s.k == 13);
  CHECK(s.tested);
  REQUIRE(s.tests.size() == 2);
  const std::vector<std::pair<std::string, std::string>> egger{
      {"case", "bcg_RR"}, {"method", "REML"}, {"test", "z"}, {"model", "rma"}, {"predictor", "sei"}};
  CHECK(s.tests[0].test == T::Egger);
  CHECK(s.tests[0].statistic == "z");
  CHECK_FALSE(s.tests[0].df);
  CHECK(s.tests[0].value == Approx(golden("regtest.csv", egger, "zval")).epsilon(1e-6));
  CHECK(s.tests[0].pval == Approx(golden("regtest.csv", egger, "pval")).epsilon(1e-6));
  CHECK(s.tests[1].test == T::Begg);
  CHECK(s.tests[1].statistic == "tau");
  CHECK(s.tests[1].value == Approx(golden("ranktest.csv", {{"case", "bcg_RR"}}, "tau")).epsilon(1e-6));
  CHECK(s.tests[1].pval == Approx(golden("ranktest.csv", {{"case", "bcg_RR"}}, "pval")).epsilon(1e-6));
  REQUIRE(s.trimfill);
  const std::vector<std::pair<std::string, std::string>> tf{
      {"case", "bcg_RR"}, {"method", "REML"}, {"estimator", "L0"}, {"side", "default"}};
  CHECK(s.trimfill->k0 == 1);
  CHECK(s.trimfill->estimate == Approx(golden("trimfill.csv", tf, "estimate")).epsilon(1e-6));
  CHECK(s.trimfill->ci_lb == Approx(golden("trimfill.csv", tf, "ci_lb")).epsilon(1e-6));
  CHECK(s.trimfill->ci_ub == Approx(golden("trimfill.csv", tf, "ci_ub")).epsilon(1e-6));
  CHECK(s.trimfill_error.empty());
}

TEST_CASE("below 10 studies no small-study test or trim-and-fill runs (Cochrane Handbook 13.3.5.4)", "[review][bias]") {
  const EffectTable es = bias_case("normand_SMD", Measure::SMD);  // 9 studies
  Run r = run(es, decl({T::Egger}, true));
  CHECK(r.result.small_study->k == 9);
  CHECK_FALSE(r.result.small_study->tested);
  CHECK(r.result.small_study->tests.empty());
  CHECK_FALSE(r.result.small_study->trimfill);
  const present::SmallStudyView v = view(r);
  CHECK(v.asked);
  CHECK(v.tests.empty());
  CHECK(v.trimfill.empty());
  CHECK(v.not_tested ==
        "Egger's test and trim-and-fill were not run: with 9 studies, fewer than 10, tests for funnel-plot asymmetry "
        "have too little power to tell chance from real asymmetry (Cochrane Handbook 13.3.5.4), and trim-and-fill "
        "rests on the same funnel.");
  CHECK(v.evidence == "not tested: 9 studies, fewer than 10 (Cochrane Handbook 13.3.5.4)");
}

TEST_CASE("a small-study test that cannot run gives its reason, and the others still run", "[review][bias]") {
  // Ten 2x2 tables, the first without events in either arm: Peters' weight 1/(1/events +
  // 1/non-events) is 0 there, so his test is undefined; Egger's still runs.
  std::vector<metareview::effect::StudyInput> rows;
  for (int i = 0; i < 10; ++i) {
    metareview::effect::StudyInput s;
    s.study = "S" + std::to_string(i + 1);
    s.ai = i == 0 ? 0 : 5 + i, s.n1i = 50 + 10 * i;
    s.ci = i == 0 ? 0 : 8 + i % 3, s.n2i = 50 + 10 * i;
    rows.push_back(s);
  }
  Run r = run(metareview::effect::escalc(Measure::RR, rows), decl({T::Peters, T::Egger}, false));
  const review::SmallStudyResult& s = *r.result.small_study;
  REQUIRE(s.tests.size() == 2);
  CHECK(s.tests[0].error == "peters: study 'S1' has no events in either arm; Peters' weight is 0");
  CHECK(s.tests[1].error.empty());
  CHECK_FALSE(s.trimfill);
  const present::SmallStudyView v = view(r);
  CHECK(v.tests[0].result == "not computed: peters: study 'S1' has no events in either arm; Peters' weight is 0");
  CHECK(v.tests[0].reading == "Peters' test could not be computed.");
  CHECK(v.evidence.rfind("Peters' test not computed; Egger's test P = ", 0) == 0);
}

TEST_CASE("the report's small-study sentences: statistic, P, reading, and trim-and-fill beside the primary", "[review][bias]") {
  SECTION("dat.bcg: no clear asymmetry; trim-and-fill fills one study") {
    // metafor 3.8-1: regtest z = -0.8033, p = 0.4218; ranktest tau = 0.0256, p = 0.9524;
    // rma REML exp(-0.7145 [-1.0708, -0.3582]) = 0.49 [0.34, 0.70]; trimfill exp(-0.6571
    // [-1.0070, -0.3072]) = 0.52 [0.37, 0.74].
    Run r = run(bias_case("bcg_RR", Measure::RR), decl({T::Egger, T::Begg}, true));
    const present::SmallStudyView v = view(r);
    CHECK(v.not_tested.empty());
    REQUIRE(v.tests.size() == 2);
    CHECK(v.tests[0].name == "Egger's regression test");
    CHECK(v.tests[0].result == "z = -0.80, P = 0.422");
    CHECK(v.tests[0].reading == "Egger's test gives no clear evidence of funnel-plot asymmetry (P = 0.422).");
    CHECK(v.tests[1].result == "Kendall's tau = 0.026, P = 0.952");
    CHECK(v.caution.empty());
    CHECK_FALSE(v.asymmetry);
    CHECK(v.trimfill ==
          "Trim-and-fill (Duval and Tweedie, L0 estimator, missing studies sought on the right side) estimates 1 "
          "missing study; with it filled in, risk ratio 0.52 [0.37, 0.74], against risk ratio 0.49 [0.34, 0.70] in the "
          "primary analysis. A sensitivity result, not a corrected estimate: trim-and-fill assumes the asymmetry comes "
          "from missing studies.");
    CHECK(v.evidence == "Egger's test P = 0.422; Begg's test P = 0.952");
  }
  SECTION("dat.hackshaw1998: Egger's test suggests asymmetry, with the caution") {
    // metafor 3.8-1: regtest(rma(yi, vi)) z = 2.1055, p = 0.0352.
    Run r = run(bias_case("hackshaw_OR", Measure::OR), decl({T::Egger}, false));
    const present::SmallStudyView v = view(r);
    REQUIRE(v.tests.size() == 1);
    CHECK(v.tests[0].result == "z = 2.11, P = 0.035");
    CHECK(v.tests[0].reading == "Egger's test suggests funnel-plot asymmetry (P = 0.035).");
    CHECK(v.asymmetry);
    CHECK(v.caution ==
          "Asymmetry means smaller studies show different effects from larger ones; besides reporting biases, "
          "differences in methodological quality, true heterogeneity, artefacts of the measure or chance can cause it "
          "(Sterne et al., BMJ 2011;343:d4002).");
  }
}

TEST_CASE("publication bias judged not serious beside a test with P < 0.10 is a finding, and the judgment stays",
          "[review][bias][grade]") {
  Run r = run(bias_case("hackshaw_OR", Measure::OR), decl({T::Egger}, false));
  review::CertaintyDecl c;
  for (const auto d : metareview::methods::grade_domains()) {
    review::DomainJudgment j;
    j.domain = d;
    j.judgment = metareview::methods::GradeJudgment::NotSerious;
    c.domains.push_back(j);
  }
  r.analysis.certainty = c;
  r.result.analysis = &r.analysis;
  const metareview::core::StudySet none;
  r.result.certainty = review::assess_certainty(r.result, none, review::rob_input(r.result, none));
  review::ReviewResult rr;
  rr.analyses.push_back(r.result);
  const present::SofView v = present::sof_view(rr);
  REQUIRE(v.rows.size() == 1);
  const present::SofDomain& pb = v.rows[0].domains.at(4);
  REQUIRE(pb.name == "Publication bias");
  CHECK(pb.judgment == "not serious");
  CHECK(pb.evidence == "Egger's test P = 0.035");
  CHECK(pb.finding ==
        "Publication bias: judged not serious by the committee, but Egger's test suggests funnel-plot asymmetry "
        "(P = 0.035).");
  bool footnoted = false;
  for (const auto& f : v.footnotes) footnoted = footnoted || f.text == pb.finding;
  CHECK(footnoted);
  CHECK(r.result.certainty->domains.at(4).judgment == metareview::methods::GradeJudgment::NotSerious);
}

TEST_CASE("<small-study> is read with its tests in file order and its trimfill flag", "[review][bias]") {
  const review::Review r = metareview::test::review_at("tests/data/reviews/good/every-construct.xml");
  REQUIRE(r.analyses.size() >= 2);
  CHECK_FALSE(r.analyses[0].small_study);
  REQUIRE(r.analyses[1].small_study);
  CHECK(r.analyses[1].small_study->tests == std::vector<T>{T::Egger, T::Begg, T::Peters, T::Harbord});
  CHECK(r.analyses[1].small_study->trimfill);
  CHECK(r.analyses[1].small_study->where.line == 78);
}

TEST_CASE("the report's funnel plot draws the line of the Egger test it reports", "[review][bias][report]") {
  // dat.hackshaw1998, REML: metafor 3.8-1 coef(regtest(rma(yi, vi))$fit).
  Run r = run(bias_case("hackshaw_OR", Measure::OR), decl({T::Egger}, false));
  r.result.analysis = &r.analysis;
  const std::vector<std::pair<std::string, std::string>> egger{
      {"case", "hackshaw_OR"}, {"method", "REML"}, {"test", "z"}, {"model", "rma"}, {"predictor", "sei"}};
  const auto line = metareview::report::funnel_regression(r.result);
  REQUIRE(line);
  CHECK(line->intercept == Approx(golden("regtest.csv", egger, "intercept")).epsilon(1e-6));
  CHECK(line->slope == Approx(golden("regtest.csv", egger, "slope")).epsilon(1e-6));
  Run few = run(bias_case("normand_SMD", Measure::SMD), decl({T::Egger}, false));
  few.result.analysis = &few.analysis;
  CHECK_FALSE(metareview::report::funnel_regression(few.result));  // 9 studies: not tested, no line
  Run begg = run(bias_case("bcg_RR", Measure::RR), decl({T::Begg}, false));
  begg.result.analysis = &begg.analysis;
  CHECK_FALSE(metareview::report::funnel_regression(begg.result));  // no Egger test asked
}
