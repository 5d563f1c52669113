// <meta-regression> of a review: the reader, the fit against metafor's rma(mods = ~ year)
// (tests/golden/review/make_golden.R, cases mr_*), and its results.json keys.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "render/font.h"
#include "report/figures.h"
#include "report/meta_regression_text.h"
#include "review/analysis.h"
#include "review/meta_regression.h"
#include "review/results_json.h"
#include "review_fixture.h"
#include "../../support/tolerance.h"

namespace {

namespace review = metareview::review;
using metareview::test::golden;
using metareview::test::kFitAbsoluteNearZero;
using metareview::test::kRRelative;
using metareview::test::library;
using metareview::test::result;

const std::string kFile = "tests/data/reviews/good/meta-regression.xml";

// Every number of the fit against metafor 3.8-1 (coefficients i = 1 intercept, 2 year).
void check_against_metafor(const review::MetaRegressionResult& m, const std::string& case_name) {
  REQUIRE(m.error.empty());
  REQUIRE(m.fit);
  const auto& f = m.fit->fit;
  CHECK(m.fit->names == std::vector<std::string>{"intrcpt", "year"});
  for (int i = 1; i <= 2; ++i) {
    const auto j = static_cast<std::size_t>(i - 1);
    CHECK(f.beta[j] == Approx(golden(case_name, "estimate", i)).epsilon(kRRelative));
    CHECK(f.se[j] == Approx(golden(case_name, "se", i)).epsilon(kRRelative));
    CHECK(f.zval[j] == Approx(golden(case_name, "zval", i)).epsilon(kRRelative));
    CHECK(f.pval[j] == Approx(golden(case_name, "pval", i)).epsilon(kRRelative));
    CHECK(f.ci_lb[j] == Approx(golden(case_name, "ci_lb", i)).epsilon(kRRelative));
    CHECK(f.ci_ub[j] == Approx(golden(case_name, "ci_ub", i)).epsilon(kRRelative));
  }
  CHECK(m.fit->omnibus.QM == Approx(golden(case_name, "QM")).epsilon(kRRelative));
  CHECK(m.fit->omnibus.QM_p == Approx(golden(case_name, "QM_p")).epsilon(kRRelative));
  CHECK(f.Q == Approx(golden(case_name, "QE")).epsilon(kRRelative));
  CHECK(f.Q_p == Approx(golden(case_name, "QE_p")).epsilon(kRRelative));
  // Year takes up all the heterogeneity: metafor's tau2 and I2 are 0 (the boundary).
  CHECK(f.tau2.value_or(0) == Approx(golden(case_name, "tau2")).margin(kFitAbsoluteNearZero));
  CHECK(f.I2.value_or(0) == Approx(golden(case_name, "I2")).margin(100 * kFitAbsoluteNearZero));
  REQUIRE(m.fit->R2);
  CHECK(*m.fit->R2 == Approx(golden(case_name, "R2")).epsilon(kRRelative));
}

}  // namespace

TEST_CASE("<meta-regression moderators=\"year\"> is read with the study attributes it names", "[review][metareg]") {
  const review::Review r = metareview::test::review_at(kFile);
  REQUIRE(r.analyses.size() == 3);
  REQUIRE(r.analyses[0].meta_regression);
  CHECK(r.analyses[0].meta_regression->moderators == std::vector<std::string>{"year"});
  CHECK(r.analyses[0].meta_regression->factors.empty());
  CHECK(r.analyses[0].meta_regression->where.line == 27);
  CHECK(review::valid_moderator_attributes() == "year, design, phase");
  const auto* castor = library().find("castor-2016");
  REQUIRE(castor);
  CHECK(review::study_attribute(*castor, "year") == "2016");
  CHECK(review::study_attribute(*castor, "design") == "randomised-controlled-trial");
  CHECK(review::study_attribute(*castor, "phase") == "3");
}

TEST_CASE("anti-CD38 PFS on publication year equals metafor's rma(mods = ~ year): REML z, Hartung-Knapp, FE",
          "[review][metareg]") {
  const review::Review r = metareview::test::review_at(kFile);
  const review::ReviewResult run = review::run_review(r, library());
  const auto& z = result(run, "pfs");
  REQUIRE(z.meta_regression);
  CHECK(z.meta_regression->k == 6);
  check_against_metafor(*z.meta_regression, "mr_z");
  CHECK_FALSE(z.meta_regression->fit->omnibus.QM_df2);
  const auto& knha = result(run, "pfs-knha");
  REQUIRE(knha.meta_regression);
  check_against_metafor(*knha.meta_regression, "mr_knha");
  REQUIRE(knha.meta_regression->fit->omnibus.QM_df2);
  CHECK(*knha.meta_regression->fit->omnibus.QM_df2 == 4);  // F(1, k - p) = F(1, 4)
  const auto& fe = result(run, "pfs-common");
  REQUIRE(fe.meta_regression);
  check_against_metafor(*fe.meta_regression, "mr_fe");
  // Six studies for one moderator: below the Cochrane Handbook's 10 per moderator (10.11.5.1).
  CHECK(z.meta_regression->modelled() == 1);
  CHECK(z.meta_regression->too_few_studies());
}

TEST_CASE("results.json carries the meta-regression with metafor's key names", "[review][metareg]") {
  const review::Review r = metareview::test::review_at(kFile);
  const review::ReviewResult run = review::run_review(r, library());
  const nlohmann::json j = review::results_json(run);
  const auto& z = j.at("analyses").at(0).at("meta_regression");
  CHECK(z.at("moderators") == nlohmann::json{"year"});
  CHECK(z.at("k") == 6);
  CHECK(z.at("too_few_studies") == true);
  CHECK(z.at("error") == "");
  CHECK(z.at("coefficients").at(1).at("name") == "year");
  CHECK(z.at("coefficients").at(1).contains("zval"));
  CHECK(z.at("coefficients").at(1).at("estimate").get<double>() ==
        Approx(golden("mr_z", "estimate", 2)).epsilon(kRRelative));
  CHECK(z.at("QM").get<double>() == Approx(golden("mr_z", "QM")).epsilon(kRRelative));
  CHECK(z.at("QM_df1") == 1);
  CHECK(z.at("QM_df2").is_null());
  const auto& knha = j.at("analyses").at(1).at("meta_regression");
  CHECK(knha.at("coefficients").at(1).contains("tval"));
  CHECK(knha.at("QM_df2") == 4);
  CHECK(knha.at("R2").get<double>() == Approx(golden("mr_knha", "R2")).epsilon(kRRelative));
}

TEST_CASE("an analysis without <meta-regression> has no meta_regression key in results.json", "[review][metareg]") {
  const review::Review r = metareview::test::shipped_review("anti-cd38-rrmm-pfs");
  const nlohmann::json j = review::results_json(review::run_review(r, library()));
  for (const auto& a : j.at("analyses")) CHECK_FALSE(a.contains("meta_regression"));
}

TEST_CASE("the report words the meta-regression: QM, residual heterogeneity, R2, the Handbook's caveat, the table",
          "[review][metareg][report]") {
  // Numbers of make_golden.R's mr_z and mr_knha, rounded as printed: QM = 9.2043, p = 0.00241;
  // F = 18.8866 on (1, 4), p = 0.0122; QE = 1.9494, p = 0.745; year 0.09735 (SE 0.03209).
  const review::Review r = metareview::test::review_at(kFile);
  const review::ReviewResult run = review::run_review(r, library());
  const metareview::report::MetaRegressionText z = metareview::report::meta_regression_text(result(run, "pfs"));
  REQUIRE(z.sentences.size() == 2);
  CHECK(z.sentences[0] ==
        "The analysis' REML model with year as moderator (k = 6, log HR scale). The test of moderators gives "
        "QM = 9.20 (df = 1), P = 0.002. Residual heterogeneity: QE = 1.95 (df = 4), P = 0.745, I\u00B2 = 0.0%; the "
        "moderators account for 100.0% of the heterogeneity (R\u00B2).");
  CHECK(z.sentences[1] ==
        "With 6 studies for 1 coefficient, fewer than the 10 studies per characteristic the Cochrane Handbook "
        "(10.11.5) asks for, meta-regression is not advisable and this result is exploratory; it is observational "
        "too, an association across studies that does not show that the study attribute causes the difference.");
  REQUIRE(z.rows.size() == 2);
  CHECK(z.statistic == "z");
  CHECK(z.ci_header == "95% CI");
  CHECK(z.rows[1].name == "year");
  CHECK(z.rows[1].estimate == "0.0974");
  CHECK(z.rows[1].se == "0.0321");
  CHECK(z.rows[1].statistic == "3.03");
  CHECK(z.rows[1].pval == "0.002");
  CHECK(z.rows[1].ci == "[0.0345, 0.160]");
  const metareview::report::MetaRegressionText knha =
      metareview::report::meta_regression_text(result(run, "pfs-knha"));
  REQUIRE_FALSE(knha.sentences.empty());
  CHECK(knha.sentences[0].find("The test of moderators (Hartung-Knapp) gives F = 18.89 (df = 1, 4), P = 0.012.") !=
        std::string::npos);
  CHECK(knha.statistic == "t");
  // One numeric moderator: the report draws the bubble plot.
  const auto figures = metareview::report::analysis_figures(result(run, "pfs"), run,
                                                            metareview::render::FontMeasurer(), "pfs");
  CHECK(figures.find("bubble"));
  // An analysis without <meta-regression> has no words and no bubble plot.
  const review::Review shipped = metareview::test::shipped_review("anti-cd38-rrmm-pfs");
  const review::ReviewResult plain = review::run_review(shipped, library());
  CHECK(metareview::report::meta_regression_text(result(plain, "pfs")).sentences.empty());
}
