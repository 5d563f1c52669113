// methods/grade: GRADE suggestions on hand-worked cases (the arithmetic is in the comments)
// and Egger's test against metafor's regtest() (tests/golden/grade/make_goldens.R).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "../../support/golden_csv.h"
#include "../../support/tolerance.h"
#include "../model/tables.h"
#include "core/error.h"
#include "methods/grade.h"
#include "model/fit.h"

namespace methods = metareview::methods;
namespace model = metareview::model;
namespace effect = metareview::effect;
using metareview::core::Measure;
using metareview::test::kHandRelative;
using metareview::test::kRRelative;
using methods::GradeJudgment;

namespace {

/// A fit with only what suggest_inconsistency reads: k, I2, pooled CI, PI, study yi/vi.
model::Fit fit_of(std::vector<double> yi, std::vector<double> vi, double I2, double ci_lb, double ci_ub,
                  std::optional<double> pi_lb = {}, std::optional<double> pi_ub = {}) {
  model::Fit f;
  f.k = static_cast<int>(yi.size());
  f.yi = std::move(yi);
  f.vi = std::move(vi);
  f.included.assign(f.yi.size(), true);
  f.I2 = I2;
  f.ci_lb = {ci_lb};
  f.ci_ub = {ci_ub};
  f.pi_lb = pi_lb;
  f.pi_ub = pi_ub;
  return f;
}

}  // namespace

TEST_CASE("grade codes are the review file's", "[methods][grade]") {
  CHECK(methods::to_string(GradeJudgment::VerySerious) == "very-serious");
  CHECK(methods::parse_grade_domain("publication-bias") == methods::GradeDomain::PublicationBias);
  CHECK_FALSE(methods::parse_grade_judgment("Serious"));
  CHECK(methods::valid_grade_judgments() == "not-serious, serious, very-serious");
  CHECK(methods::valid_grade_upgrades() == "large-effect, dose-response, plausible-confounding");
}

TEST_CASE("starting level: randomised high, non-randomised low, ROBINS-I high, a mix from the randomised",
          "[methods][grade]") {
  const std::vector<std::string> rct = {"randomised-controlled-trial", "randomised-controlled-trial"};
  const std::vector<std::string> cohort = {"retrospective-cohort", "single-arm-trial"};
  const std::vector<std::string> mix = {"randomised-controlled-trial", "retrospective-cohort"};
  CHECK(methods::starting_level(rct, false).level == methods::Certainty::High);
  CHECK(methods::starting_level(cohort, false).level == methods::Certainty::Low);
  CHECK(methods::starting_level(cohort, true).level == methods::Certainty::High);
  CHECK(methods::starting_level(cohort, true).robins_i);
  CHECK_FALSE(methods::starting_level(rct, true).robins_i);
  const auto m = methods::starting_level(mix, false);
  CHECK(m.level == methods::Certainty::High);
  CHECK(m.mixed);
  CHECK(m.randomised == 1);
  CHECK(m.non_randomised == 1);
  CHECK_THROWS_WITH(methods::starting_level(std::vector<std::string>{}, false), "methods::starting_level: no rows");
}

TEST_CASE("risk of bias: weight shares and the more-than-half rule", "[methods][grade]") {
  using C = methods::RobConcern;
  using R = methods::RiskOfBiasSuggestion::Reason;
  {
    // 60 of 100 at high risk: more than half -> very serious.
    const std::vector<methods::RobRow> rows = {{60, C::high}, {40, C::low}};
    const auto s = methods::suggest_risk_of_bias(rows);
    CHECK(s.suggested == GradeJudgment::VerySerious);
    CHECK(s.reason == R::MostHigh);
    CHECK(s.high == Approx(60).epsilon(kHandRelative));
  }
  {
    // Weights 2, 1, 1 are 50%, 25%, 25%: high 25 + some 25 = 50, not more than half -> not serious.
    const std::vector<methods::RobRow> rows = {{2, C::low}, {1, C::high}, {1, C::some}};
    const auto s = methods::suggest_risk_of_bias(rows);
    CHECK(s.suggested == GradeJudgment::NotSerious);
    CHECK(s.reason == R::MostLow);
    CHECK(s.high == Approx(25).epsilon(kHandRelative));
    CHECK(s.some == Approx(25).epsilon(kHandRelative));
  }
  {
    // high 30 + some 20 + no information 10 = 60 > 50, high alone 30 -> serious.
    const std::vector<methods::RobRow> rows = {{30, C::high}, {20, C::some}, {10, C::no_information}, {40, C::low}};
    const auto s = methods::suggest_risk_of_bias(rows);
    CHECK(s.suggested == GradeJudgment::Serious);
    CHECK(s.reason == R::MostConcerns);
    CHECK(s.no_information == Approx(10).epsilon(kHandRelative));
  }
  {
    // One row not assessed: no suggestion, whatever the others are.
    const std::vector<methods::RobRow> rows = {{75, C::low}, {25, C::not_assessed}};
    const auto s = methods::suggest_risk_of_bias(rows);
    CHECK_FALSE(s.suggested);
    CHECK(s.reason == R::NotAssessed);
    CHECK(s.not_assessed == Approx(25).epsilon(kHandRelative));
    CHECK(s.rows_not_assessed == 1);
  }
  const std::vector<methods::RobRow> bad = {{-1, C::low}};
  CHECK_THROWS_WITH(methods::suggest_risk_of_bias(bad),
                    "methods::suggest_risk_of_bias: weight -1 is not a non-negative number");
}

TEST_CASE("inconsistency: I2 bands, CIs on both sides of the null, the prediction interval", "[methods][grade]") {
  using R = methods::InconsistencySuggestion::Reason;
  {
    const auto s = methods::suggest_inconsistency(fit_of({0.2}, {0.04}, 0, 0.1, 0.3), 0);
    CHECK_FALSE(s.suggested);
    CHECK(s.reason == R::SingleStudy);
  }
  {
    // yi -1 and 1, se 0.2: CIs -1 -/+ 1.96 x 0.2 = [-1.392, -0.608] and [0.608, 1.392], wholly on
    // either side of 0 and not overlapping; with I2 = 90% -> very serious.
    const auto s = methods::suggest_inconsistency(fit_of({-1, 1}, {0.04, 0.04}, 90, -1.5, 1.5), 0);
    CHECK(s.opposite_sides);
    CHECK(s.non_overlapping);
    CHECK(s.ci_crosses_null);
    CHECK(s.suggested == GradeJudgment::VerySerious);
    CHECK(s.reason == R::Considerable);
  }
  {
    // Same CIs, I2 = 20%: opposite sides alone -> serious.
    const auto s = methods::suggest_inconsistency(fit_of({-1, 1}, {0.04, 0.04}, 20, -1.5, 1.5), 0);
    CHECK(s.suggested == GradeJudgment::Serious);
    CHECK(s.reason == R::OppositeSides);
  }
  {
    // yi 0.1 and 0.3, se 0.2: both CIs hold 0 ([-0.292, 0.492], [-0.092, 0.692]); I2 = 60% -> serious.
    const auto s = methods::suggest_inconsistency(fit_of({0.1, 0.3}, {0.04, 0.04}, 60, -0.1, 0.5), 0);
    CHECK_FALSE(s.opposite_sides);
    CHECK_FALSE(s.non_overlapping);
    CHECK(s.suggested == GradeJudgment::Serious);
    CHECK(s.reason == R::Substantial);
  }
  {
    // I2 = 80%, pooled CI [0.1, 0.5] excludes 0 but the PI [-0.2, 0.8] holds it -> very serious.
    const auto s = methods::suggest_inconsistency(fit_of({0.1, 0.5}, {0.01, 0.01}, 80, 0.1, 0.5, -0.2, 0.8), 0);
    CHECK(s.pi_crosses_null == true);
    CHECK_FALSE(s.ci_crosses_null);
    CHECK(s.suggested == GradeJudgment::VerySerious);
  }
  {
    // Logit proportions without a null: yi -1 and 1 (se 0.2) do not overlap; with I2 = 90% -> very
    // serious, though neither side of a null is defined (opposite_sides stays false).
    const auto s = methods::suggest_inconsistency(fit_of({-1, 1}, {0.04, 0.04}, 90, -1.5, 1.5, -3, 3), std::nullopt);
    CHECK_FALSE(s.opposite_sides);
    CHECK_FALSE(s.pi_crosses_null);
    CHECK(s.non_overlapping);
    CHECK(s.suggested == GradeJudgment::VerySerious);
    // The same at I2 = 60%: substantial -> serious.
    CHECK(methods::suggest_inconsistency(fit_of({-1, 1}, {0.04, 0.04}, 60, -1.5, 1.5), std::nullopt).suggested ==
          GradeJudgment::Serious);
  }
  {
    // I2 = 10%, same side -> not serious; no PI given.
    const auto s = methods::suggest_inconsistency(fit_of({0.4, 0.5}, {0.01, 0.01}, 10, 0.3, 0.6), 0);
    CHECK_FALSE(s.pi_crosses_null);
    CHECK(s.suggested == GradeJudgment::NotSerious);
    CHECK(s.reason == R::Low);
  }
}

TEST_CASE("optimal information size and required events", "[methods][grade]") {
  // z_0.975 = 1.959963985, z_0.80 = 0.841621234, (sum)^2 = 7.848879734.
  // Control risk 0.40, RRR 25%: p_e = 0.30; n per group = 7.848879734 (0.24 + 0.21) / 0.1^2
  // = 353.1996 -> 354 per group, 708 in all.
  CHECK(methods::optimal_information_size(0.40, 0.25, 0.05, 0.80) == 708);
  // HR 0.75: 4 x 7.848879734 / ln(0.75)^2 = 31.3955 / 0.0827610 = 379.35 -> 380 events.
  CHECK(methods::required_events(0.75, 0.05, 0.80) == 380);
  CHECK_THROWS_WITH(methods::optimal_information_size(1.2, 0.25, 0.05, 0.8),
                    "methods::optimal_information_size: control risk 1.2 is not in (0, 1)");
  CHECK_THROWS_WITH(methods::required_events(1, 0.05, 0.8),
                    "methods::required_events: hazard ratio 1 is not a positive number other than 1");
}

TEST_CASE("imprecision: the CI and the optimal information size", "[methods][grade]") {
  using R = methods::ImprecisionSuggestion::Reason;
  using O = methods::ImprecisionSuggestion::Ois;
  {
    // HR CI 0.6 to 1.1 holds 1; 200 events < 380 -> two levels.
    methods::ImprecisionInput in;
    in.ci_lb = std::log(0.6), in.ci_ub = std::log(1.1), in.null = 0, in.events = 200;
    const auto s = methods::suggest_imprecision(Measure::HR, in);
    CHECK(s.crosses_null);
    CHECK(s.ois_kind == O::Events);
    CHECK(*s.ois == 380);
    CHECK(*s.observed == 200);
    CHECK(s.suggested == GradeJudgment::VerySerious);
    CHECK(s.reason == R::CrossesAndBelowOis);
  }
  {
    // HR without event counts: the CI alone; 0.5 to 0.8 excludes 1 -> not serious.
    methods::ImprecisionInput in;
    in.ci_lb = std::log(0.5), in.ci_ub = std::log(0.8), in.null = 0;
    const auto s = methods::suggest_imprecision(Measure::HR, in);
    CHECK(s.ois_kind == O::NoEvents);
    CHECK(s.suggested == GradeJudgment::NotSerious);
  }
  {
    // RR CI excludes 1, control risk 0.40 (OIS 708), 500 participants -> one level.
    methods::ImprecisionInput in;
    in.ci_lb = std::log(0.5), in.ci_ub = std::log(0.9), in.null = 0, in.control_risk = 0.4, in.participants = 500;
    const auto s = methods::suggest_imprecision(Measure::RR, in);
    CHECK(s.ois_kind == O::Participants);
    CHECK(s.suggested == GradeJudgment::Serious);
    CHECK(s.reason == R::BelowOis);
    in.participants = 708;  // met exactly
    CHECK(methods::suggest_imprecision(Measure::RR, in).suggested == GradeJudgment::NotSerious);
  }
  {
    // A single-arm proportion has no null: no suggestion.
    methods::ImprecisionInput in;
    in.ci_lb = 0.2, in.ci_ub = 0.4;
    const auto s = methods::suggest_imprecision(Measure::PLO, in);
    CHECK_FALSE(s.suggested);
    CHECK(s.reason == R::NoNull);
  }
}

TEST_CASE("publication bias: no test below 10 studies, and Egger's test as metafor's regtest", "[methods][grade]") {
  const auto few = metareview::test::table({0.1, 0.2, 0.3}, {0.1, 0.1, 0.1});
  const auto s = methods::suggest_publication_bias(few, model::ModelSpec{});
  CHECK_FALSE(s.suggested);
  CHECK(s.k == 3);
  CHECK(s.reason == methods::PublicationBiasSuggestion::Reason::TooFewStudies);

  std::vector<double> yi, vi;
  const metareview::test::GoldenCsv in("tests/golden/methods/inputs.csv");
  for (std::size_t r = 0; r < in.size(); ++r)
    if (in.str(r, "case") == "bcg_RR") yi.push_back(in.num(r, "yi")), vi.push_back(in.num(r, "vi"));
  const auto bcg = metareview::test::table(yi, vi);
  const metareview::test::GoldenCsv expected("tests/golden/grade/regtest.csv");
  REQUIRE(expected.size() == 4);
  for (std::size_t r = 0; r < expected.size(); ++r) {
    model::ModelSpec spec;
    spec.method = *model::parse_method(expected.str(r, "method"));
    spec.test = *model::parse_test(expected.str(r, "test"));
    spec.control.threshold = 1e-12;
    INFO(expected.str(r, "method") << " " << expected.str(r, "test"));
    const auto e = methods::suggest_publication_bias(bcg, spec);
    CHECK(e.k == 13);
    REQUIRE(e.zval);
    CHECK(*e.zval == Approx(expected.num(r, "zval")).epsilon(kRRelative));
    CHECK(*e.pval == Approx(expected.num(r, "pval")).epsilon(kRRelative));
    // FE: p = 1.6e-06 < 0.10 -> serious; the random-effects fits give p > 0.40 -> not serious.
    CHECK(e.suggested == (expected.num(r, "pval") < 0.10 ? GradeJudgment::Serious : GradeJudgment::NotSerious));
  }
}

TEST_CASE("rating up for a large effect and the final certainty", "[methods][grade]") {
  CHECK(methods::suggest_large_effect(Measure::HR, 0.45, false).levels == 1);   // 1/0.45 = 2.2 > 2
  CHECK(methods::suggest_large_effect(Measure::RR, 0.15, false).levels == 2);   // 1/0.15 = 6.7 > 5
  CHECK(methods::suggest_large_effect(Measure::OR, 2.0, false).levels == 0);    // not above 2
  CHECK(methods::suggest_large_effect(Measure::RR, 5.5, false).levels == 2);
  CHECK_FALSE(methods::suggest_large_effect(Measure::HR, 0.1, true).applicable);  // randomised
  CHECK_FALSE(methods::suggest_large_effect(Measure::PLO, 0.1, false).applicable);
  using methods::Certainty;
  CHECK(methods::final_certainty(Certainty::High, 1, 0) == Certainty::Moderate);
  CHECK(methods::final_certainty(Certainty::High, 5, 0) == Certainty::VeryLow);
  CHECK(methods::final_certainty(Certainty::Low, 0, 2) == Certainty::High);
  CHECK(methods::final_certainty(Certainty::Low, 1, 1) == Certainty::Low);
}

TEST_CASE("absolute effects per 1000", "[methods][grade]") {
  {
    // HR 0.60 [0.45, 0.80], comparator risk 0.40 at the stated time: 1 - 0.6^0.60 = 0.263978 ->
    // 264 per 1000, difference -136.02; bounds 1 - 0.6^0.45 = 0.205364 (-194.64) and
    // 1 - 0.6^0.80 = 0.335460 (-64.54).
    const auto a = methods::absolute_effect(Measure::HR, 0.40, 0.60, 0.45, 0.80);
    REQUIRE(a);
    CHECK(a->comparator == Approx(400).epsilon(kHandRelative));
    CHECK(a->intervention == Approx(263.9780771821667).epsilon(kHandRelative));
    CHECK(a->difference == Approx(-136.02192281783329).epsilon(kHandRelative));
    CHECK(a->difference_lb == Approx(-194.63568224020443).epsilon(kHandRelative));
    CHECK(a->difference_ub == Approx(-64.53980594897399).epsilon(kHandRelative));
  }
  {
    // RR 0.5 [0.25, 1.0], comparator 0.2: 100 per 1000, difference -100 [-150, 0].
    const auto a = methods::absolute_effect(Measure::RR, 0.2, 0.5, 0.25, 1.0);
    CHECK(a->intervention == Approx(100).epsilon(kHandRelative));
    CHECK(a->difference_lb == Approx(-150).epsilon(kHandRelative));
    CHECK(a->difference_ub == Approx(0).margin(1e-12));
  }
  {
    // OR 3 with comparator 0.5: 3 x 0.5 / (1 - 0.5 + 1.5) = 0.75 -> 750, difference 250.
    const auto a = methods::absolute_effect(Measure::OR, 0.5, 3, 3, 3);
    CHECK(a->intervention == Approx(750).epsilon(kHandRelative));
    CHECK(a->difference == Approx(250).epsilon(kHandRelative));
  }
  {
    // RD -0.1 [-0.15, -0.05] with comparator 0.3: 200 per 1000, difference -100 [-150, -50].
    const auto a = methods::absolute_effect(Measure::RD, 0.3, -0.1, -0.15, -0.05);
    CHECK(a->intervention == Approx(200).epsilon(kHandRelative));
    CHECK(a->difference_lb == Approx(-150).epsilon(kHandRelative));
  }
  {
    // A pooled proportion 0.62 [0.55, 0.69]: 620 [550, 690] per 1000, no comparator.
    const auto a = methods::absolute_effect(Measure::PLO, 0, 0.62, 0.55, 0.69);
    CHECK(std::isnan(a->comparator));
    CHECK(a->intervention == Approx(620).epsilon(kHandRelative));
    CHECK(a->intervention_ub == Approx(690).epsilon(kHandRelative));
  }
  CHECK_FALSE(methods::absolute_effect(Measure::MD, 0.3, 1, 0, 2));
  CHECK_THROWS_WITH(methods::absolute_effect(Measure::HR, 0, 0.6, 0.5, 0.7),
                    "methods::absolute_effect: comparator risk 0 is not in (0, 1)");
}
