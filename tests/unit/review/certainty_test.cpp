// GRADE certainty of the shipped reviews' analyses (src/review/certainty.cpp) and its summary
// of findings (src/present/certainty_view.cpp), with the arithmetic written out.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/error.h"
#include "present/certainty_view.h"
#include "review/analysis.h"
#include "review/certainty.h"
#include "review_fixture.h"
#include "../../support/tolerance.h"

namespace {

namespace review = metareview::review;
namespace methods = metareview::methods;
using metareview::test::kHandRelative;
using metareview::test::library;
using metareview::test::result;
using metareview::test::fixture_review;
using metareview::test::shipped_review;
using methods::GradeJudgment;

}  // namespace

TEST_CASE("HCO-HD at 3 months: sizes, control-arm risk, OIS and the committee's certainty", "[review][grade]") {
  const review::Review rv = shipped_review("hco-hd-cast-nephropathy");
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& a = result(r, "dialysis-independence-3mo");
  REQUIRE(a.certainty);
  const review::CertaintyResult& c = *a.certainty;
  REQUIRE(c.estimable);
  CHECK(c.judged);
  // MYRE 19/46 vs 16/48, EuLITE 24/43 vs 24/47: 46 + 48 + 43 + 47 = 184 participants; the
  // control arms 16 + 24 = 40 of 48 + 47 = 95, risk 0.421053.
  CHECK(c.studies == 2);
  CHECK(c.participants == 184);
  CHECK(c.size_unknown.empty());
  CHECK(c.comparator_source == review::ComparatorSource::ControlArms);
  CHECK(c.comparator_risk == Approx(40.0 / 95).epsilon(kHandRelative));
  // OIS: p_e = 0.421053 x 0.75 = 0.315789; (0.243767 + 0.216066) / 0.105263^2 = 41.50;
  // x 7.848880 = 325.7 -> 326 per group, 652 in all; 184 < 652 and the CI holds 1.
  REQUIRE(c.imprecision.ois);
  CHECK(*c.imprecision.ois == 652);
  CHECK(c.imprecision.suggested == GradeJudgment::VerySerious);
  CHECK(c.start.level == methods::Certainty::High);
  CHECK(c.start.randomised == 2);
  // Both rows carry RoB 2 assessments with some concerns overall (myre-2017.xml, eulite-2019.xml):
  // all of the weight has concerns, more than half -> serious. k = 2: no Egger test.
  REQUIRE(c.risk_of_bias.suggested);
  CHECK(*c.risk_of_bias.suggested == GradeJudgment::Serious);
  CHECK(c.risk_of_bias.rows_not_assessed == 0);
  CHECK_FALSE(c.publication_bias.suggested);
  // The committee: risk of bias serious, imprecision very serious -> high - 3 = very low.
  REQUIRE(c.domains.size() == 5);
  CHECK(c.domains[0].judgment == GradeJudgment::Serious);
  CHECK(c.domains[3].judgment == GradeJudgment::VerySerious);
  CHECK_FALSE(c.domains[3].departs());
  CHECK(c.certainty == methods::Certainty::VeryLow);
  CHECK(c.upgrades.empty());
  // Absolute effect: risk with HCO-HD = p_c x RR.
  REQUIRE(c.absolute);
  CHECK(c.absolute->comparator == Approx(40000.0 / 95).epsilon(kHandRelative));
  CHECK(c.absolute->intervention == Approx(1000 * 40.0 / 95 * c.estimate).epsilon(kHandRelative));
  CHECK(c.absolute->difference_lb == Approx(1000 * 40.0 / 95 * (c.ci_lb - 1)).epsilon(kHandRelative));

  const auto v = metareview::present::sof_view(r);
  REQUIRE(v.rows.size() == 4);  // 3, 6 and 12 months, and 2-year mortality (issue 12)
  CHECK(v.rows[0].participants == "184 (2 RCTs)");
  CHECK(v.rows[0].symbols == "\u2295\u25ef\u25ef\u25ef");
  CHECK(v.rows[0].level == "VERY LOW");
  CHECK(v.rows[0].status == "committee");
  CHECK(v.rows[0].comparator == "421 per 1000");
  CHECK_FALSE(v.rows[1].estimable);  // 6 months: nothing estimable
  CHECK(v.rows[1].relative == "Not estimable");
}

TEST_CASE("a single study is not pooled but still graded, inconsistency is not applicable", "[review][grade]") {
  const review::Review rv = shipped_review("hco-hd-cast-nephropathy");
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& c = *result(r, "dialysis-independence-12mo").certainty;
  REQUIRE(c.estimable);
  CHECK(c.studies == 1);
  // MYRE 28/46 vs 18/48: RR = (28/46) / (18/48) = 0.608696 / 0.375 = 1.623188.
  CHECK(c.estimate == Approx(28.0 / 46 / (18.0 / 48)).epsilon(kHandRelative));
  CHECK(c.inconsistency.reason == methods::InconsistencySuggestion::Reason::SingleStudy);
  CHECK_FALSE(c.domains[1].suggested);
  // High - RoB 1 - indirectness 1 - imprecision 1 = very low.
  CHECK(c.certainty == methods::Certainty::VeryLow);
}

TEST_CASE("a hazard ratio with a declared comparator risk gives 1 - (1 - p)^HR per 1000", "[review][grade]") {
  review::Review rv = shipped_review("anti-cd38-rrmm-pfs");
  auto& decl = *rv.analyses[0].certainty;
  decl.comparator_risk = 0.40;
  decl.comparator_risk_source = "a test value";
  decl.risk_time = "12 months";
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& c = *result(r, "pfs").certainty;
  CHECK(c.comparator_source == review::ComparatorSource::Declared);
  REQUIRE(c.absolute);
  CHECK(c.absolute->intervention == Approx(1000 * (1 - std::pow(0.6, c.estimate))).epsilon(kHandRelative));
  CHECK(c.absolute->intervention_ub == Approx(1000 * (1 - std::pow(0.6, c.ci_ub))).epsilon(kHandRelative));
  // Six randomised trials, POLLUX without arm sizes in its study file.
  CHECK(c.size_unknown == std::vector<std::string>{"POLLUX"});
  // The committee's inconsistency (not serious) departs from the suggestion (I2 = 55%: serious).
  CHECK(c.domains[1].suggested == GradeJudgment::Serious);
  CHECK(c.domains[1].judgment == GradeJudgment::NotSerious);
  CHECK(c.domains[1].departs());
  const auto v = metareview::present::sof_view(r);
  bool both = false;
  for (const auto& f : v.footnotes)
    both = both || f.text.rfind("Inconsistency: the committee judged not serious; the tool suggested serious: I\u00b2 = 55.2%", 0) == 0;
  CHECK(both);
  // Without a declared risk a hazard ratio has no absolute effect.
  CHECK_FALSE(result(r, "pfs-latest").certainty->absolute);
}

TEST_CASE("without <certainty> the suggestions count, labelled as such", "[review][grade]") {
  review::Review rv = shipped_review("hco-hd-cast-nephropathy");
  for (auto& a : rv.analyses) a.certainty.reset();
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& c = *result(r, "dialysis-independence-3mo").certainty;
  CHECK_FALSE(c.judged);
  // Suggested: risk of bias serious (all weight with some concerns), inconsistency serious
  // (I2 = 55%), imprecision very serious: high - 4, floored at very low.
  CHECK(c.certainty == methods::Certainty::VeryLow);
  const auto v = metareview::present::sof_view(r);
  CHECK(v.rows[0].status == "suggested");
  CHECK(v.rows[0].level == "VERY LOW");
}

TEST_CASE("non-randomised evidence starts low and may be rated up", "[review][grade]") {
  const review::Review rv = shipped_review("bcma-rrmm-orr");
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& c = *result(r, "orr").certainty;
  CHECK(c.start.level == methods::Certainty::Low);
  CHECK(c.start.non_randomised == 4);
  REQUIRE(c.upgrades.size() == 3);
  CHECK_FALSE(c.upgrades[0].suggested);  // a proportion has no large-effect rule
  CHECK(c.imprecision.reason == methods::ImprecisionSuggestion::Reason::NoNull);
  REQUIRE(c.absolute);
  CHECK(std::isnan(c.absolute->comparator));
  CHECK(c.absolute->intervention == Approx(1000 * c.estimate).epsilon(kHandRelative));
}

TEST_CASE("assess_certainty needs one risk-of-bias concern per row", "[review][grade]") {
  const review::Review rv = shipped_review("hco-hd-cast-nephropathy");
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& a = result(r, "dialysis-independence-3mo");
  // MYRE and EuLITE: RoB 2, some concerns overall; both randomised, so no ROBINS-I start.
  const review::RobInput in = review::rob_input(a, library());
  CHECK(in.concerns == std::vector<methods::RobConcern>(2, methods::RobConcern::some));
  CHECK_FALSE(in.robins_i);
  CHECK_THROWS_WITH(review::assess_certainty(a, library(), review::RobInput{}),
                    "review::assess_certainty: 0 risk-of-bias concerns for 2 rows");
}

TEST_CASE("rob_input maps ROBINS-I critical to high, and a ROBINS-I-assessed cohort starts high", "[review][grade]") {
  const review::Review rv = fixture_review("carfilzomib-mixed");
  const review::ReviewResult r = review::run_review(rv, library());
  const auto& a = result(r, "pfs");
  REQUIRE(a.rows.size() == 2);
  const review::RobInput in = review::rob_input(a, library());
  // endeavor-2016 pfs: RoB 2, some concerns overall; niu-2026 pfs: ROBINS-I, critical -> high.
  CHECK(in.concerns == std::vector<methods::RobConcern>{methods::RobConcern::some, methods::RobConcern::high});
  // The one non-randomised row is assessed with ROBINS-I (Schünemann et al. 2019).
  CHECK(in.robins_i);
}

// RoB 1's "unclear risk" is GRADE's some concern (Guyatt et al. J Clin Epidemiol
// 2011;64:407-15); without an overall judgment (RevMan 5 records none) the row is no
// information, never a summary derived from its domains.
TEST_CASE("rob_concern: RoB 1 overall judgments, and none when the study file gives none", "[review][grade]") {
  metareview::core::RobAssessment a;
  a.tool = "rob1";
  a.domains.push_back({"sequence-generation", "high", "why", "rm5", "", {}});
  CHECK(review::rob_concern(&a) == methods::RobConcern::no_information);
  a.overall.judgment = "unclear";
  CHECK(review::rob_concern(&a) == methods::RobConcern::some);
  a.overall.judgment = "low";
  CHECK(review::rob_concern(&a) == methods::RobConcern::low);
  a.overall.judgment = "high";
  CHECK(review::rob_concern(&a) == methods::RobConcern::high);
}
