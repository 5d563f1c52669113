// Running reviews (src/review/analysis.cpp): the shipped reviews against R's metafor
// (tests/golden/review/make_golden.R), the subgroup test against a hand calculation, the
// implausible-study policies on the seed study (niu-2026), and analyses too small to pool.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "effect/transform.h"
#include "present/review_view.h"
#include "review/analysis.h"
#include "review_fixture.h"
#include "rob_variant.h"
#include "../../support/tolerance.h"

namespace {

namespace review = metareview::review;
namespace model = metareview::model;
using metareview::test::analysis;
using metareview::test::golden;
using metareview::test::kHandRelative;
using metareview::test::kRRelative;
using metareview::test::library;
using metareview::test::result;
using metareview::test::fixture_review;
using metareview::test::shipped_review;

void check_fit(const model::Fit& f, const std::string& case_name) {
  INFO(case_name);
  CHECK(f.estimate() == Approx(golden(case_name, "estimate")).epsilon(kRRelative));
  CHECK(f.se[0] == Approx(golden(case_name, "se")).epsilon(kRRelative));
  CHECK(f.zval[0] == Approx(golden(case_name, "zval")).epsilon(kRRelative));
  CHECK(f.pval[0] == Approx(golden(case_name, "pval")).epsilon(kRRelative));
  CHECK(f.ci_lb[0] == Approx(golden(case_name, "ci_lb")).epsilon(kRRelative));
  CHECK(f.ci_ub[0] == Approx(golden(case_name, "ci_ub")).epsilon(kRRelative));
  CHECK(f.Q == Approx(golden(case_name, "Q")).epsilon(kRRelative));
  CHECK(f.Q_p == Approx(golden(case_name, "Q_p")).epsilon(kRRelative));
  if (f.tau2) {
    CHECK(*f.tau2 == Approx(golden(case_name, "tau2")).epsilon(kRRelative));
    CHECK(*f.I2 == Approx(golden(case_name, "I2")).epsilon(kRRelative));
    REQUIRE(f.pi_lb);
    CHECK(*f.pi_lb == Approx(golden(case_name, "pi_lb")).epsilon(kRRelative));
    CHECK(*f.pi_ub == Approx(golden(case_name, "pi_ub")).epsilon(kRRelative));
  }
  for (int i = 1; i <= f.k; ++i)
    CHECK(f.weights[static_cast<std::size_t>(i - 1)] == Approx(golden(case_name, "weights", i)).epsilon(kRRelative));
}


/// The carfilzomib review run with every analysis under `policy`.
review::ReviewResult carfilzomib_with(review::ImplausiblePolicy policy, review::Review& rv) {
  rv = fixture_review("carfilzomib-mixed");
  for (auto& a : rv.analyses) a.implausible = policy;
  return review::run_review(rv, library());
}

}  // namespace

TEST_CASE("anti-CD38 PFS: random effects (REML, z) equal metafor's, IKEMA's 99% CI included", "[review]") {
  // R: rma(yi, sei = sei, method = "REML", test = "z", control = list(threshold = 1e-12)) on the
  // six primary-analysis log HRs, SEs from the CIs at their levels (make_golden.R).
  const auto rv = shipped_review("anti-cd38-rrmm-pfs");
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.es.k() == 6);
  for (int i = 1; i <= 6; ++i) {
    const auto k = static_cast<std::size_t>(i - 1);
    CHECK(a.es.yi[k] == Approx(golden("input", "yi", i)).epsilon(kRRelative));
    CHECK(a.es.vi[k] == Approx(golden("input", "vi", i)).epsilon(kRRelative));
  }
  CHECK(a.rows[1].label == "IKEMA");
  CHECK(a.es.input[1].hr_level == 99);
  CHECK_FALSE(a.common);
  REQUIRE(a.random);
  CHECK(a.random->spec.method == model::Method::REML);
  CHECK(a.random->spec.test == model::Test::Z);
  check_fit(*a.random, "random");
  CHECK(a.not_pooled.empty());
  // Nothing implausible (policy include): no floor-se sensitivity analysis, only the declared ones.
  for (const auto& s : a.sensitivity_analyses) CHECK(s.declared);

}

TEST_CASE("anti-CD38 PFS: per-partner subgroups and the test for subgroup differences equal R", "[review]") {
  const auto rv = shipped_review("anti-cd38-rrmm-pfs");
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.subgroups.size() == 2);
  CHECK(a.subgroups[0].name == "Proteasome inhibitor");
  CHECK(a.subgroups[0].rows == std::vector<std::size_t>{0, 1, 2});
  CHECK(a.subgroups[1].name == "Immunomodulatory drug");
  CHECK(a.subgroups[1].rows == std::vector<std::size_t>{3, 4, 5});
  REQUIRE(a.subgroups[0].random);
  REQUIRE(a.subgroups[1].random);
  CHECK_FALSE(a.subgroups[0].common);
  check_fit(*a.subgroups[0].random, "sub_PI");
  check_fit(*a.subgroups[1].random, "sub_IMiD");

  REQUIRE(a.subgroup_test);
  CHECK(a.subgroup_test->model == "random");
  CHECK(a.subgroup_test->df == 1);
  CHECK(a.subgroup_test->Q == Approx(golden("subgroup_test", "Q")).epsilon(kRRelative));
  CHECK(a.subgroup_test->p == Approx(golden("subgroup_test", "p")).epsilon(kRRelative));

  // Hand calculation: with two subgroups the common-effect Q of their estimates is
  // (b1 - b2)^2 / (se1^2 + se2^2), chi-squared with 1 df.
  const auto& g1 = *a.subgroups[0].random;
  const auto& g2 = *a.subgroups[1].random;
  const double d = g1.estimate() - g2.estimate();
  const double q = d * d / (g1.se[0] * g1.se[0] + g2.se[0] * g2.se[0]);
  CHECK(a.subgroup_test->Q == Approx(q).epsilon(kHandRelative));
  CHECK(a.subgroup_test->p == Approx(std::erfc(std::sqrt(q / 2))).epsilon(1e-12));  // P(chi2_1 > q)
}

TEST_CASE("anti-CD38 PFS with both models: the common-effect fit equals metafor's FE", "[review]") {
  auto rv = shipped_review("anti-cd38-rrmm-pfs");
  for (auto& a : rv.analyses) a.model = review::ModelChoice::Both;
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.common);
  CHECK(a.common->spec.method == model::Method::FE);
  CHECK(a.common->spec.test == model::Test::Z);
  check_fit(*a.common, "common");
  REQUIRE(a.random);
  check_fit(*a.random, "random");
}

TEST_CASE("BCMA ORR: logit and Freeman-Tukey pooled proportions equal metafor's, back-transformed", "[review]") {
  // R: escalc(measure = "PLO" | "PFT", xi, ni); rma(method = "REML"); predict(transf =
  // transf.ilogit | transf.ipft.hm with targs = list(ni = ni)).
  const auto rv = shipped_review("bcma-rrmm-orr");
  const auto res = review::run_review(rv, library());
  for (const auto& [id, case_name] : {std::pair{"orr", "bcma_PLO"}, std::pair{"orr-pft", "bcma_PFT"}}) {
    INFO(id);
    const auto& a = result(res, id);
    REQUIRE(a.es.k() == 4);
    for (int i = 1; i <= 4; ++i) {
      const auto k = static_cast<std::size_t>(i - 1);
      CHECK(a.es.yi[k] == Approx(golden(case_name, "yi", i)).epsilon(kRRelative));
      CHECK(a.es.vi[k] == Approx(golden(case_name, "vi", i)).epsilon(kRRelative));
    }
    REQUIRE(a.random);
    check_fit(*a.random, case_name);
    const auto back = [&](double x) { return metareview::effect::back_transform(a.es.measure, x, a.es.ni); };
    CHECK(back(a.random->estimate()) == Approx(golden(case_name, "transformed_estimate")).epsilon(kRRelative));
    CHECK(back(a.random->ci_lb[0]) == Approx(golden(case_name, "transformed_ci_lb")).epsilon(kRRelative));
    CHECK(back(a.random->ci_ub[0]) == Approx(golden(case_name, "transformed_ci_ub")).epsilon(kRRelative));
    CHECK(back(*a.random->pi_lb) == Approx(golden(case_name, "transformed_pi_lb")).epsilon(kRRelative));
    CHECK(back(*a.random->pi_ub) == Approx(golden(case_name, "transformed_pi_ub")).epsilon(kRRelative));
  }
  // The modality subgroups: one trial each for the conjugate and the bispecific, two CAR T.
  const auto& plo = result(res, "orr");
  REQUIRE(plo.subgroups.size() == 3);
  CHECK(plo.subgroups[2].name == "CAR T cells");
  CHECK(plo.subgroups[2].rows == std::vector<std::size_t>{2, 3});
  REQUIRE(plo.subgroup_test);
  CHECK(plo.subgroup_test->df == 2);
}

TEST_CASE("carfilzomib vs bortezomib: the seed study is flagged, and floor-se adds a sensitivity analysis", "[review]") {
  const auto rv = fixture_review("carfilzomib-mixed");
  const auto res = review::run_review(rv, library());
  for (const char* id : {"pfs", "os"}) {
    INFO(id);
    const auto& a = result(res, id);
    REQUIRE(a.rows.size() == 2);
    const auto& niu = a.rows[1];
    CHECK(niu.study == "niu-2026");
    CHECK(niu.label == "Niu 2026");
    CHECK(niu.flag == "\u2020");
    // Issue 12: no primary analysis gives weight to an impossible precision. floor-se leaves
    // the row out of the main analysis (ENDEAVOR alone: not pooled) ...
    CHECK(niu.excluded_by_policy);
    CHECK(niu.note.rfind("excluded (implausible: HR 0.", 0) == 0);
    CHECK(a.rows[0].flag.empty());
    CHECK_FALSE(a.es.included[1]);
    CHECK_FALSE(a.common);
    CHECK_FALSE(a.random);

    // ... and pools it only in the sensitivity analysis, with its SE floored.
    // It is the first (here the only) of the analysis' sensitivity analyses, id "floor-se".
    REQUIRE(a.sensitivity_analyses.size() == 1);
    const auto& s = a.sensitivity_analyses[0];
    CHECK(s.sensitivity_id == "floor-se");
    CHECK(s.declared == nullptr);
    CHECK(s.analysis == a.analysis);
    CHECK(s.sensitivity_label ==
          "Implausible studies included, with their SE raised to the smallest SE their size allows");
    CHECK(s.es.included[1]);
    CHECK_FALSE(s.rows[1].excluded_by_policy);
    // 80 patients allow at least 80 events, and SE(log HR) >= 2/sqrt(E) (Tierney 2007):
    // the floor is 2/sqrt(80) = 0.2236.
    CHECK(std::sqrt(s.es.vi[1]) == Approx(2 / std::sqrt(80.0)).epsilon(kHandRelative));
    CHECK(s.es.yi[1] == a.es.yi[1]);
    CHECK(s.es.vi[0] == a.es.vi[0]);  // ENDEAVOR untouched
    CHECK(s.rows[1].note.rfind("SE raised from 0.1", 0) == 0);
    CHECK(s.rows[1].note.find(" to 0.224, the smallest its size allows") != std::string::npos);
    // Hand calculation of the sensitivity common effect: inverse-variance weights 1/vi.
    REQUIRE(s.common);
    const double w0 = 1 / s.es.vi[0], w1 = 1 / s.es.vi[1];
    CHECK(s.common->estimate() == Approx((w0 * s.es.yi[0] + w1 * s.es.yi[1]) / (w0 + w1)).epsilon(kHandRelative));
    CHECK(s.common->se[0] == Approx(1 / std::sqrt(w0 + w1)).epsilon(kHandRelative));
  }
  // The seed study's implausible-precision findings come with the analysis.
  const auto& pfs = result(res, "pfs");
  const auto has = [&](const std::string& check, metareview::check::Severity sev) {
    return std::any_of(pfs.findings.begin(), pfs.findings.end(), [&](const auto& f) {
      return f.study == "niu-2026" && f.outcome == "pfs" && f.check == check && f.severity == sev;
    });
  };
  CHECK(has("se-plausibility", metareview::check::Severity::Implausible));
  CHECK(has("logrank-p", metareview::check::Severity::Inconsistent));
  // Every finding is about a pooled (study, outcome), and each trial is pooled once.
  for (const auto& f : pfs.findings) {
    CHECK(((f.study == "endeavor-2016" || f.study == "niu-2026") && f.outcome == "pfs"));
    if (f.check == "same-trial") CHECK(f.severity == metareview::check::Severity::Ok);
  }
  // Niu's ORR (CR + PR + MR, IMWG PR or better by the paper's definitions) passes its own
  // checks, but the publication's other results do not (issue 12): the row carries the
  // integrity flag, is pooled as printed, with no sensitivity.
  const auto& orr = result(res, "orr");
  CHECK(orr.rows[1].outcome == "response-cr-pr-mr");
  CHECK(orr.rows[1].flag == "\u2021");
  CHECK(orr.rows[1].note ==
        "integrity in doubt: 5 implausible and 2 inconsistent findings in the publication's other results "
        "(baseline-age sd-range, baseline-disease-duration t, pfs logrank-p, pfs se-plausibility, pfs "
        "statistic-plausibility, os se-plausibility, os statistic-plausibility)");
  CHECK(orr.es.included[1]);
  CHECK(orr.rows[0].flag.empty());
  CHECK(orr.sensitivity_analyses.empty());
}

TEST_CASE("policy exclude keeps the implausible row in the table but leaves it out of the fit", "[review]") {
  review::Review rv;
  const auto res = carfilzomib_with(review::ImplausiblePolicy::Exclude, rv);
  const auto& a = result(res, "pfs");
  REQUIRE(a.rows.size() == 2);
  CHECK(a.rows[1].excluded_by_policy);
  CHECK(a.rows[1].flag == "\u2020");
  CHECK(a.rows[1].note.rfind("excluded (implausible: HR 0.712", 0) == 0);
  CHECK_FALSE(a.es.included[1]);
  CHECK(a.es.note[1] == "excluded by the review's policy for implausible studies");
  CHECK(std::isfinite(a.es.yi[1]));  // still computed, so the table can show it
  CHECK(a.not_pooled == "not pooled: only one study has usable data (ENDEAVOR)");
  CHECK_FALSE(a.random);
  CHECK(a.sensitivity_analyses.empty());
}

TEST_CASE("policy include flags the implausible row and adds no sensitivity analysis", "[review]") {
  review::Review rv;
  const auto res = carfilzomib_with(review::ImplausiblePolicy::Include, rv);
  const auto& a = result(res, "os");
  CHECK(a.rows[1].flag == "\u2020");
  CHECK(a.rows[1].note ==
        "implausible: HR 0.627 (0.504\u20130.779) implies SE 0.111 (\u2248 324 events), but at most 80 patients were "
        "analysed: minimum SE 0.224; log-rank chi\u00b2 18.798 is impossible: HR 0.627 with 80 patients analysed "
        "allows at most 4.36 (log-rank chi\u00b2 = (ln HR)\u00b2 V, V \u2264 patients/4)");
  CHECK(a.es.included[1]);
  CHECK(a.random->k == 2);
  CHECK(a.sensitivity_analyses.empty());
}

TEST_CASE("analyses with fewer than two usable studies say so instead of pooling", "[review]") {
  const auto rv = shipped_review("hco-hd-cast-nephropathy");
  const auto res = review::run_review(rv, library());
  const auto& three = result(res, "dialysis-independence-3mo");
  CHECK(three.not_pooled.empty());
  REQUIRE(three.common);
  REQUIRE(three.random);
  // MYRE 19/46 vs 16/48: log RR = log((19/46)/(16/48)); EuLITE 24/43 vs 24/47.
  CHECK(three.es.yi[0] == Approx(std::log((19.0 / 46) / (16.0 / 48))).epsilon(kHandRelative));
  CHECK(three.es.yi[1] == Approx(std::log((24.0 / 43) / (24.0 / 47))).epsilon(kHandRelative));

  const auto& six = result(res, "dialysis-independence-6mo");
  CHECK(six.not_pooled == "not pooled: no study has usable data");
  REQUIRE(six.rows.size() == 1);
  CHECK(six.rows[0].note == "not estimable: arm 'hco' (HCO-HD) is printed as a percentage only (56.4%), with no count");
  CHECK(six.es.note[0] == six.rows[0].note);
  CHECK_FALSE(six.es.included[0]);
  CHECK_FALSE(six.common);
  CHECK_FALSE(six.random);

  const auto& twelve = result(res, "dialysis-independence-12mo");
  CHECK(twelve.not_pooled == "not pooled: only one study has usable data (MYRE)");
  CHECK(std::isfinite(twelve.es.yi[0]));  // the row itself is estimated and shown
  CHECK_FALSE(twelve.random);
}

TEST_CASE("a review pooling one trial twice gets a same-trial finding", "[review]") {
  auto rv = shipped_review("anti-cd38-rrmm-pfs");
  auto& a = rv.analyses[0];
  review::DataRef again = a.data[0];  // CANDOR primary
  again.study = "candor-2023";        // and CANDOR final
  again.subgroup = "Proteasome inhibitor";
  a.data.push_back(again);
  const auto res = review::run_review(rv, library());
  const auto& findings = res.analyses[0].findings;
  const auto same_trial = std::count_if(findings.begin(), findings.end(), [](const auto& f) {
    return f.check == "same-trial" && f.severity == metareview::check::Severity::Inconsistent;
  });
  CHECK(same_trial == 2);  // candor-2020 and candor-2023
}

TEST_CASE("every shipped review runs, with a result per analysis", "[review]") {
  for (const char* id : {"anti-cd38-rrmm-pfs", "bcma-rrmm-orr", "carfilzomib-vs-bortezomib", "hco-hd-cast-nephropathy"}) {
    INFO(id);
    const auto rv = shipped_review(id);
    const auto res = review::run_review(rv, library());
    CHECK(res.review == &rv);
    CHECK(res.included.size() == rv.included.size());
    REQUIRE(res.analyses.size() == rv.analyses.size());
    for (std::size_t i = 0; i < res.analyses.size(); ++i) {
      const auto& a = res.analyses[i];
      CHECK(a.analysis == &rv.analyses[i]);
      CHECK(a.rows.size() == rv.analyses[i].data.size());
      CHECK(a.es.k() == a.rows.size());
      CHECK((a.not_pooled.empty() == (a.common || a.random)));
    }
  }
}

TEST_CASE("run_review refuses a study set without the review's studies", "[review]") {
  const auto rv = shipped_review("hco-hd-cast-nephropathy");
  metareview::core::StudySet empty;
  CHECK_THROWS_WITH(review::run_review(rv, empty),
                    "review::run_review: review 'hco-hd-cast-nephropathy' includes study 'myre-2017', which is not "
                    "in the study set");
}

TEST_CASE("a row's pooled status is the least certain of its numbers", "[review]") {
  using metareview::core::SourceType;
  using metareview::core::Status;
  metareview::review::RowInfo row;
  CHECK_FALSE(metareview::review::pooled_status(row));  // not estimable: nothing pooled
  const auto number = [](Status st, SourceType type) {
    metareview::review::PooledNumber n;
    n.prov.status = st;
    n.source_type = type;
    return n;
  };
  row.pooled = {number(Status::Verified, SourceType::Primary), number(Status::Derived, SourceType::Secondary),
                number(Status::Secondary, SourceType::Secondary)};
  CHECK(metareview::review::pooled_status(row) == Status::Derived);
  CHECK(metareview::review::pooled_from_secondary(row));
  row.pooled = {number(Status::Verified, SourceType::Primary), number(Status::Presumed, SourceType::Primary)};
  CHECK(metareview::review::pooled_status(row) == Status::Presumed);
  CHECK_FALSE(metareview::review::pooled_from_secondary(row));
}

TEST_CASE("carfilzomib review: designs apart, and the cohort's HRs weigh only with SE from its events bound", "[review]") {
  const auto rv = shipped_review("carfilzomib-vs-bortezomib");
  const auto res = review::run_review(rv, library());
  // The randomised analyses hold ENDEAVOR alone: nothing pooled, no cohort weight.
  for (const char* id : {"pfs", "os", "orr"}) {
    INFO(id);
    const auto& a = result(res, id);
    REQUIRE(a.rows.size() == 1);
    CHECK(a.rows[0].study.rfind("endeavor-", 0) == 0);
  }
  // PFS: at most 42 (1 - 2^(-18/14)) + 38 (1 - 2^(-18/12)) = 24.70 + 24.57 = 49 events (the
  // review's exponential bound), so SE(log HR) >= 2/sqrt(49) = 0.285714 > 2/sqrt(80). The main
  // analysis leaves the row out; the sensitivity analysis gives HR 0.712 with that SE:
  // exp(ln 0.712 -/+ 1.959964 x 0.285714) = 0.40668 to 1.24655.
  const auto& pfs = result(res, "pfs-cohort");
  CHECK_FALSE(pfs.es.included[0]);
  REQUIRE(pfs.sensitivity_analyses.size() == 1);
  const auto& s = pfs.sensitivity_analyses[0];
  CHECK(std::sqrt(s.es.vi[0]) == Approx(2 / 7.0).epsilon(kHandRelative));
  CHECK(s.rows[0].note == "SE raised from 0.103 to 0.286, the smallest at most 49 events allow (the review's bound)");
  CHECK(std::exp(s.es.yi[0] - 1.959963984540054 * 2 / 7.0) == Approx(0.40668).epsilon(1e-4));
  CHECK(std::exp(s.es.yi[0] + 1.959963984540054 * 2 / 7.0) == Approx(1.24655).epsilon(1e-4));
  // OS: 42 (1 - 2^-1) + 38 (1 - 2^(-18/14)) = 21.0 + 22.35 = 43 deaths: SE 2/sqrt(43) = 0.304997.
  const auto& os = result(res, "os-cohort");
  REQUIRE(os.sensitivity_analyses.size() == 1);
  CHECK(std::sqrt(os.sensitivity_analyses[0].es.vi[0]) == Approx(2 / std::sqrt(43.0)).epsilon(kHandRelative));
}

TEST_CASE("BCMA ORR: no z test against a proportion of 0.5, and the subgroup test says its subgroups are single studies",
          "[review]") {
  const auto rv = shipped_review("bcma-rrmm-orr");
  const auto res = review::run_review(rv, library());
  const auto view = metareview::present::analysis_view(result(res, "orr"), res);
  for (const auto& b : view.blocks)
    for (const auto& n : b.notes) CHECK(n.find("Test for overall effect") == std::string::npos);
  for (const auto& n : view.total.notes) CHECK(n.find("Test for overall effect") == std::string::npos);
  // Antibody-drug conjugate (DREAMM-2) and bispecific antibody (MajesTEC-1) hold one trial each;
  // CAR T cells two (KarMMa, CARTITUDE-1).
  REQUIRE(view.subgroup_test);
  CHECK(view.subgroup_test->note.find("; 2 of 3 subgroups hold a single study, so the test partly compares single studies") !=
        std::string::npos);
}

TEST_CASE("BCMA ORR over all enrolled patients equals metafor's: 0.62 [0.39, 0.81] against 0.73", "[review]") {
  // R (make_golden.R, case bcma_enrolled_PLO): KarMMa 94/140 and CARTITUDE-1 94/113 instead of
  // 94/128 and 94/97; rma(method = "REML") on the logit scale, transf.ilogit.
  const auto rv = shipped_review("bcma-rrmm-orr");
  const auto res = review::run_review(rv, library());
  // The sensitivity analysis "all-enrolled" of analysis orr swaps their rows for the
  // outcome orr-enrolled.
  REQUIRE(result(res, "orr").sensitivity_analyses.size() == 1);
  const auto& a = result(res, "orr").sensitivity_analyses[0];
  CHECK(a.sensitivity_id == "all-enrolled");
  REQUIRE(a.es.k() == 4);
  CHECK(a.es.input[2].xi == 94);
  CHECK(a.es.input[2].ni == 140);
  CHECK(a.es.input[3].ni == 113);
  REQUIRE(a.random);
  const auto back = [&](double x) { return metareview::effect::back_transform(a.es.measure, x, a.es.ni); };
  CHECK(a.random->estimate() == Approx(golden("bcma_enrolled_PLO", "estimate")).epsilon(kRRelative));
  CHECK(a.random->tau2 == Approx(golden("bcma_enrolled_PLO", "tau2")).epsilon(kRRelative));
  CHECK(back(a.random->estimate()) == Approx(golden("bcma_enrolled_PLO", "transformed_estimate")).epsilon(kRRelative));
  CHECK(back(a.random->ci_lb[0]) == Approx(golden("bcma_enrolled_PLO", "transformed_ci_lb")).epsilon(kRRelative));
  CHECK(back(a.random->ci_ub[0]) == Approx(golden("bcma_enrolled_PLO", "transformed_ci_ub")).epsilon(kRRelative));
}

TEST_CASE("a review carries every finding of its included studies, pooled outcome or not", "[review]") {
  // Issue 12, 5c: Niu 2026's baseline age SD (2.31 from 42 ages ranging 45-69) is implausible,
  // although no analysis pools a baseline characteristic.
  const auto rv = shipped_review("carfilzomib-vs-bortezomib");
  const auto res = review::run_review(rv, library());
  const auto has = [&](const std::string& outcome, const std::string& check) {
    return std::any_of(res.findings.begin(), res.findings.end(), [&](const auto& f) {
      return f.study == "niu-2026" && f.outcome == outcome && f.check == check &&
             f.severity == metareview::check::Severity::Implausible;
    });
  };
  CHECK(has("baseline-age", "sd-range"));
  CHECK(has("os", "statistic-plausibility"));
  for (const auto& a : res.analyses)
    for (const auto& f : a.findings) CHECK(f.outcome != "baseline-age");
}

TEST_CASE("declared sensitivity analyses refit the primary as metafor does on the changed data", "[review][sensitivity]") {
  // R (make_golden.R): rma(..., test = "knha"), rma(..., method = "DL"), and rma() on the five
  // rows left when CASTOR is excluded and CANDOR takes its final analysis (HR 0.64, 0.49 to 0.83).
  const auto rv = fixture_review("anti-cd38-sensitivity");
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.sensitivity_analyses.size() == 3);
  const auto& knha = a.sensitivity_analyses[0];
  CHECK(knha.sensitivity_id == "knha");
  CHECK(knha.sensitivity_label == "Hartung-Knapp instead of the z test");
  REQUIRE(knha.random);
  CHECK(knha.random->spec.test == model::Test::KNHA);
  check_fit(*knha.random, "sens_knha");
  REQUIRE(a.sensitivity_analyses[1].random);
  CHECK(a.sensitivity_analyses[1].random->spec.method == model::Method::DL);
  check_fit(*a.sensitivity_analyses[1].random, "sens_dl");
  const auto& reduced = a.sensitivity_analyses[2];
  REQUIRE(reduced.rows.size() == 5);
  CHECK(reduced.rows[0].study == "candor-2023");
  CHECK(reduced.rows[0].label == "CANDOR");
  CHECK(reduced.analysis == reduced.refitted.get());
  CHECK(reduced.declared == &rv.analyses.at(0).sensitivities.at(2));
  REQUIRE(reduced.random);
  CHECK(reduced.random->k == 5);
  check_fit(*reduced.random, "sens_reduced");
  // The primary itself is untouched: its fit is still the six-trial one.
  REQUIRE(a.random);
  check_fit(*a.random, "random");
}

TEST_CASE("leave-one-out=\"true\" refits the primary without each study, as metafor's leave1out()", "[review][sensitivity]") {
  const auto rv = fixture_review("anti-cd38-sensitivity");
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.leave_one_out);
  REQUIRE(a.leave_one_out->rows.size() == 6);
  for (int i = 1; i <= 6; ++i) {
    const auto& row = a.leave_one_out->rows[static_cast<std::size_t>(i - 1)];
    INFO("without study " << i);
    REQUIRE(row.fit);
    CHECK(row.fit->estimate == Approx(golden("loo", "estimate", i)).epsilon(kRRelative));
    CHECK(row.fit->ci_lb == Approx(golden("loo", "ci_lb", i)).epsilon(kRRelative));
    CHECK(row.fit->ci_ub == Approx(golden("loo", "ci_ub", i)).epsilon(kRRelative));
    CHECK(*row.fit->tau2 == Approx(golden("loo", "tau2", i)).epsilon(kRRelative));
  }
}

TEST_CASE("exclude-rob=\"high\" leaves out the rows at high risk of bias and keeps the unjudged ones", "[review][sensitivity]") {
  // With the shipped assessments no row is at high risk (CANDOR, CASTOR, APOLLO, POLLUX: some
  // concerns; IKEMA, ICARIA-MM: no information): the sensitivity pools all six rows.
  const auto shipped = fixture_review("anti-cd38-rob");
  REQUIRE(shipped.analyses.at(0).sensitivities.size() == 1);
  CHECK(shipped.analyses.at(0).sensitivities[0].exclude_high_rob);
  CHECK(shipped.analyses.at(0).sensitivities[0].rob_excluded.empty());
  CHECK(shipped.analyses.at(0).sensitivities[0].data.size() == 6);

  // A library copy judging POLLUX at high risk and without CASTOR's assessment (rob_variant.h):
  // POLLUX leaves, CASTOR stays; the refit equals R's rma() without POLLUX (make_golden.R).
  const auto studies = metareview::test::with_hypothetical_rob(library());
  metareview::core::Diagnostics diag;
  const auto rv = review::read_review(metareview::test::kSource + "/tests/data/reviews/fixtures/anti-cd38-rob.xml",
                                      studies, diag);
  INFO(diag.to_string());
  REQUIRE(rv);
  const auto& s = rv->analyses.at(0).sensitivities.at(0);
  CHECK(s.rob_excluded == std::vector<std::string>{"pollux-2016"});
  REQUIRE(s.data.size() == 5);
  CHECK(s.data[2].study == "castor-2016");
  const auto res = review::run_review(*rv, studies);
  const auto& low = result(res, "pfs").sensitivity_analyses.at(0);
  REQUIRE(low.random);
  CHECK(low.random->k == 5);
  check_fit(*low.random, "sens_rob_high");
  CHECK(low.rows[2].risk_of_bias == nullptr);
}

TEST_CASE("influence, cumulative and gosh refit the headline model as metafor does", "[review][sensitivity]") {
  // anti-cd38-rrmm-pfs, pfs: influence="true" cumulative="year" (make_golden.R: influence(),
  // cumul(order = year)); metafor's rule flags no study.
  const auto rv = shipped_review("anti-cd38-rrmm-pfs");
  const auto res = review::run_review(rv, library());
  const auto& a = result(res, "pfs");
  REQUIRE(a.influence);
  const auto& inf = *a.influence;
  const auto col = [&](const char* name) {
    return static_cast<std::size_t>(std::find(inf.columns.begin(), inf.columns.end(), name) - inf.columns.begin());
  };
  REQUIRE(inf.rows.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) {
    const int n = static_cast<int>(i + 1);
    CHECK(inf.rows[i] == i);
    CHECK(*inf.values[i].at(col("cook_d")) == Approx(golden("infl", "cook_d", n)).epsilon(kRRelative));
    CHECK(*inf.values[i].at(col("inf")) == golden("infl", "inf", n));
  }
  REQUIRE(a.cumulative);
  // CASTOR 2016, POLLUX 2016, ICARIA-MM 2019, CANDOR 2020, IKEMA 2021, APOLLO 2021.
  const std::vector<std::size_t> order = {2, 5, 4, 0, 1, 3};
  REQUIRE(a.cumulative->rows.size() == 6);
  for (std::size_t i = 0; i < 6; ++i) {
    const int n = static_cast<int>(i + 1);
    const auto& row = a.cumulative->rows[i];
    CHECK(row.row == order[i]);
    REQUIRE(row.fit);
    CHECK(row.fit->estimate == Approx(golden("cumul_year", "estimate", n)).epsilon(kRRelative));
    CHECK(row.fit->ci_lb == Approx(golden("cumul_year", "ci_lb", n)).epsilon(kRRelative));
    CHECK(row.fit->ci_ub == Approx(golden("cumul_year", "ci_ub", n)).epsilon(kRRelative));
  }
  CHECK_FALSE(a.gosh);
  // The sensitivity analyses ask for none of them.
  for (const auto& s : a.sensitivity_analyses) CHECK_FALSE(s.influence);

  // gosh="true" on the six trials: 2^6 - 1 = 63 subsets; the one with every study is the
  // primary fit itself.
  const auto rob = fixture_review("anti-cd38-rob");
  const auto g = review::run_review(rob, library());
  const auto& p = result(g, "pfs");
  REQUIRE(p.gosh);
  REQUIRE(p.gosh->fits.size() == 63);
  std::size_t all = 63;
  for (std::size_t r = 0; r < 63; ++r) {
    bool every = true;
    for (std::size_t j = 0; j < 6; ++j) every = every && p.gosh->included(r, j);
    if (every) all = r;
  }
  REQUIRE(all < 63);
  REQUIRE(p.random);
  CHECK(p.gosh->fits[all].estimate == Approx(p.random->estimate()).epsilon(kRRelative));
  CHECK(p.gosh->fits[all].I2 == Approx(*p.random->I2).epsilon(kRRelative));
}
