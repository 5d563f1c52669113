#include <catch2/catch.hpp>

#include <cmath>

#include "core/format.h"
#include "core/version.h"
#include "report_fixture.h"

using namespace report_test;
namespace core = metareview::core;

namespace {

const rp::AnalysisText& pfs() {
  REQUIRE(test_text().analyses.size() == 1);
  return test_text().analyses[0];
}

const rp::PooledText& pooled(const std::vector<rp::PooledText>& p, const std::string& model) {
  for (const auto& x : p)
    if (x.model == model) return x;
  FAIL("no " << model << " pooled row");
  return p.front();
}

// The golden estimate of `case_name` with its CI, back-transformed and printed as the report
// prints hazard ratios (2 decimals).
std::string golden_hr(const std::string& case_name) {
  return core::format_ci(std::exp(golden(case_name, "estimate")), std::exp(golden(case_name, "ci_lb")),
                         std::exp(golden(case_name, "ci_ub")));
}

}  // namespace

TEST_CASE("pooled results are printed as a journal prints them, from metafor's values", "[report]") {
  const auto& a = pfs();
  // R: exp(c(-0.66397, -0.86041, -0.46753)) = 0.5148, 0.4230, 0.6266 (random, REML).
  CHECK(golden_hr("random") == "0.51 [0.42, 0.63]");
  const auto& random = pooled(a.pooled, "random");
  CHECK(random.estimate == "0.51 [0.42, 0.63]");
  CHECK(random.label == "Random effects model");
  CHECK(random.statistic == "z = -6.62");  // zval -6.6247
  CHECK(random.p == "< 0.001");            // pval 3.5e-11
  // exp(-1.07126) = 0.3426, exp(-0.25668) = 0.7736
  CHECK(random.prediction == "[0.34, 0.77]");
  CHECK(random.weight == "100.0%");
  CHECK(random.k == "6");
  // R: exp(c(-0.65704, -0.78780, -0.52628)) = 0.5184, 0.4548, 0.5908 (common effect).
  CHECK(golden_hr("common") == "0.52 [0.45, 0.59]");
  const auto& common = pooled(a.pooled, "common");
  CHECK(common.estimate == "0.52 [0.45, 0.59]");
  CHECK(common.statistic == "z = -9.85");  // zval -9.8482
  CHECK(common.prediction.empty());
  // model="both": the headline names both models, never one unlabelled number (issue 13).
  CHECK(a.headline == "Common effect: HR 0.52 [0.45, 0.59]; random effects: HR 0.51 [0.42, 0.63]");
  CHECK(a.k == "6");
  CHECK(a.model == "Common and random effects");
}

TEST_CASE("heterogeneity: tau2 with 4 significant digits, I2 with one decimal, p with three", "[report]") {
  const auto& h = pfs().heterogeneity;
  CHECK(h.tau2 == core::format_significant(golden("random", "tau2"), 4));
  CHECK(h.tau2 == "0.03314");  // 0.0331377
  CHECK(h.I2 == "55.2%");      // 55.2467
  CHECK(h.Q == "11.15");       // 11.1537
  CHECK(h.df == "5");
  CHECK(h.p == "0.048");       // 0.048416
  CHECK(h.applicable);
  CHECK(h.line.rfind("Heterogeneity: \u03C4\u00B2 = 0.03314 [", 0) == 0);
  CHECK(h.line.find("; Q = 11.15, df = 5 (P = 0.048)") != std::string::npos);
}

TEST_CASE("study rows keep the plot's order, arm data, weights and effects", "[report]") {
  const auto& a = pfs();
  REQUIRE(a.groups.size() == 2);
  CHECK(a.groups[0].title == "Proteasome inhibitor");
  CHECK(a.groups[1].title == "Immunomodulatory drug");
  REQUIRE(a.columns.size() == 1);
  CHECK(a.columns[0].header == "Reported HR [CI]");
  CHECK(a.column_groups.empty());
  CHECK(a.show_weight_common);
  CHECK(a.show_weight_random);
  const auto& rows = a.groups[0].rows;
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].label == "CANDOR");
  CHECK(rows[1].label == "IKEMA");
  CHECK(rows[2].label == "CASTOR");
  // IKEMA prints a 99% CI; the cell says so.
  CHECK(rows[1].cells == std::vector<std::string>{"0.53 [0.32, 0.89] (99%)"});
  // CANDOR: yi = -0.46204, vi = 0.024535; exp(yi -/+ 1.95996 sqrt(vi)) = 0.4634, 0.8564.
  CHECK(rows[0].effect == "0.63 [0.46, 0.86]");
  CHECK(rows[0].weight_random == core::format_percent(golden("random", "weights", 1)));
  CHECK(rows[0].weight_random == "17.4%");
  CHECK(rows[0].weight_common == "18.1%");  // 18.1416
  CHECK(rows[0].year == "2020");
  // Subgroup PI, random effects: exp(c(-0.67972, -0.97137, -0.38808)) = 0.5067, 0.3786, 0.6784.
  CHECK(golden_hr("sub_PI") == "0.51 [0.38, 0.68]");
  CHECK(pooled(a.groups[0].pooled, "random").estimate == "0.51 [0.38, 0.68]");
  CHECK(a.groups[0].pooled.front().label == "Common effect model");
  CHECK(golden_hr("sub_IMiD") == "0.52 [0.38, 0.72]");
  CHECK(pooled(a.groups[1].pooled, "random").estimate == "0.52 [0.38, 0.72]");
  // Q_between = 0.015569 on 1 df, p = 0.9007.
  CHECK(a.subgroup_test == "Test for subgroup differences: Q = 0.02, df = 1 (P = 0.901); 6 studies in all: too few "
                           "for a reliable comparison of subgroups (Cochrane Handbook 10.11.5.1)");
  CHECK(a.event_totals.empty());
}

TEST_CASE("evidence-check findings sit with the rows they concern", "[report]") {
  const auto& ikema = pfs().groups[0].rows[1];
  REQUIRE(ikema.findings.size() == 1);
  CHECK(ikema.findings[0].check == "ci-level");
  CHECK(ikema.findings[0].severity == "note");
  CHECK(ikema.findings[0].study_label == "Moreau 2021");
  CHECK(ikema.findings[0].location.rfind("studies/ikema-2021.xml:", 0) == 0);
  CHECK(pfs().groups[0].rows[0].findings.empty());
  REQUIRE(test_text().findings.size() == 1);
  CHECK(test_text().findings[0].message == ikema.findings[0].message);
}

TEST_CASE("settings say which came from the preset and which from the review file", "[report]") {
  std::map<std::string, std::pair<std::string, std::string>> s;
  for (const auto& x : pfs().settings) s[x.name] = {x.value, x.origin};
  CHECK(s["Between-study variance (\u03C4\u00B2) estimator"] ==
        std::pair<std::string, std::string>{"REML (restricted maximum likelihood)", "review file"});
  CHECK(s["Test and CI for the pooled effect"] ==
        std::pair<std::string, std::string>{"Wald z (normal distribution)", "preset metafor"});
  CHECK(s["Confidence interval for \u03C4\u00B2"] ==
        std::pair<std::string, std::string>{"Q-profile (Viechtbauer 2007)", "built in"});
  CHECK(s["Model"] == std::pair<std::string, std::string>{"Common and random effects", "review file"});
  CHECK(s["Subgroups"] == std::pair<std::string, std::string>{"Partner drug class", "review file"});
  CHECK(s["Continuity correction"].first == "not applicable (no counts are pooled)");
}

TEST_CASE("the methods paragraphs come from templates/methods.txt and the settings", "[report]") {
  const auto& m = pfs().methods;
  REQUIRE(m.size() == 2);
  CHECK(m[0] ==
        "The hazard ratios were pooled on the log scale with inverse-variance weights in a common-effect and in a "
        "random-effects model. The between-study variance \u03C4\u00B2 was estimated by restricted maximum likelihood "
        "(REML) [9], and its 95% confidence interval by the Q-profile method [10]. The pooled effect was "
        "tested with a Wald z test, and its 95% confidence interval was based on the normal distribution. The 95% "
        "prediction interval used the distribution of the pooled effect (normal), as metafor's predict() does. "
        "I\u00B2 was computed from \u03C4\u00B2 and the typical within-study variance [11]. "
        "Subgroups (Partner drug class) were compared with a test for subgroup differences: Cochran's Q [12] of the "
        "subgroup estimates, each with its standard error. Each subgroup's random-effects estimate used its own "
        "\u03C4\u00B2, as in RevMan; with one or few studies in a subgroup that \u03C4\u00B2 is estimated poorly or "
        "set to 0, which can make the test overstate the differences [13].");
  // No row of this analysis is implausible, so the policy sentence for such studies ("... were
  // pooled as reported and flagged (†).") is not printed (issue 13: boilerplate only when it applies).
  CHECK(m[1] == std::string("All computations used the methods as implemented in metareview ") +
                    core::kVersion + ", which reproduces R metafor [14], starting from its \"metafor\" settings preset.");
  // The methods are numbered after the 8 study references (included, then excluded), in the
  // order first cited: REML, Q-profile, I², Cochran's Q, Borenstein (subgroup tau2), metafor.
  const auto& t = test_text();
  CHECK(t.study_references.size() + t.excluded_references.size() == 8);
  std::vector<std::string> numbered;
  for (const auto& r : t.method_references) numbered.push_back(r.number + " " + r.text.substr(0, r.text.find('.')));
  CHECK(numbered == std::vector<std::string>{"9 Viechtbauer W", "10 Viechtbauer W", "11 Higgins JPT, Thompson SG",
                                             "12 Cochran WG", "13 Borenstein M, Hedges LV, Higgins JPT, Rothstein HR",
                                             "14 Viechtbauer W"});
}

TEST_CASE("included and excluded studies are described from the library", "[report]") {
  const auto& t = test_text();
  CHECK(t.n_included == "6");
  CHECK(t.n_excluded == "2");
  REQUIRE(t.excluded.size() == 2);
  CHECK(t.excluded[0].label == "Usmani 2022 (CANDOR)");
  CHECK(t.excluded[0].reason == "Intermediate update of CANDOR.");
  CHECK(t.excluded[1].label == "Example A, et al. Journal 2020;1:1-2");
  REQUIRE(t.included.size() == 6);
  CHECK(t.included[0].label == "Dimopoulos 2020");
  CHECK(t.included[0].file == "studies/candor-2020.xml");
  CHECK(t.included[0].design.rfind("randomised controlled trial, phase 3", 0) == 0);
}

TEST_CASE("figure file names follow the analysis id and inline SVGs carry distinct ids", "[report]") {
  const auto& a = pfs();
  const rp::FigureText* forest = a.figure("forest");
  const rp::FigureText* funnel = a.figure("funnel");  // k = 6 and funnel="always"
  REQUIRE(forest);
  REQUIRE(funnel);
  CHECK(forest->svg == "pfs-forest.svg");
  CHECK(forest->png == "pfs-forest.png");
  CHECK(funnel->pdf == "pfs-funnel.pdf");
  CHECK(forest->inline_svg.rfind("<svg", 0) == 0);
  CHECK(forest->inline_svg.find("id=\"pfs-forest-glyph0-1\"") != std::string::npos);
  CHECK(funnel->inline_svg.find("id=\"pfs-funnel-glyph0-1\"") != std::string::npos);
  CHECK(a.figure("baujat") == nullptr);
}

TEST_CASE("the figure list drives files, captions and template names", "[report]") {
  // The forest and funnel plots are the first two entries; templates see has_<name>, <name>.
  const auto& kinds = rp::figure_kinds();
  REQUIRE(kinds.size() >= 2);
  CHECK(kinds[0].name == "forest");
  CHECK(kinds[0].stem_suffix == "-forest");
  CHECK(kinds[1].name == "funnel");
  CHECK(kinds[1].max_scale == 1.0);
  const auto& a = pfs();
  // Its studies have RoB 2 assessments (studies/*.xml), so the risk-of-bias figures follow.
  REQUIRE(a.figures.size() == 4);
  CHECK(a.figures[0].name == "forest");
  CHECK(a.figures[1].name == "funnel");
  CHECK(a.figures[2].name == "rob");
  CHECK(a.figures[3].name == "rob_summary");
  const rp::Schema schema = rp::report_schema();
  const auto& results = schema.members.at("results").members;
  for (const auto& kind : kinds) {
    INFO(kind.name);
    CHECK(results.at("has_" + std::string(kind.name)).kind == rp::Schema::Kind::Flag);
    CHECK(results.at(std::string(kind.name)).members.count("caption") == 1);
  }
}

TEST_CASE("display paths are relative to their directory, whatever form it was given in", "[report]") {
  CHECK(rp::display_path("studies/a.xml", "studies/") == "studies/a.xml");
  CHECK(rp::display_path("studies/reviews/r.xml", "./studies") == "studies/reviews/r.xml");
  CHECK(rp::display_path("/x/y/studies/a.xml", "/x/y/studies") == "studies/a.xml");
  CHECK(rp::display_path("/x/y/studies/a.xml", "/x/y/studies/") == "studies/a.xml");
  CHECK(rp::display_path("/elsewhere/b.xml", "/x/y/studies") == "b.xml");
}

TEST_CASE("contexts give every name whatever the data, so templates never meet a missing one", "[report]") {
  // An analysis with nothing in it has the same names as the prototype the schema comes from.
  const rp::Schema full = rp::report_schema();
  rp::ReviewText empty;
  empty.analyses.emplace_back();
  const rp::Schema got = rp::schema_of(rp::to_value(empty));
  for (const auto& [name, s] : full.members) CHECK(got.members.count(name) == 1);
  for (const auto& [name, s] : full.members.at("analyses").members)
    CHECK(got.members.at("analyses").members.count(name) == 1);
}

TEST_CASE("a forest plot of studies not pooled says so in its caption", "[report]") {
  const auto& forest = rp::figure_kinds().at(0);
  rp::CaptionFacts facts{"PFS, randomised evidence", "Common and random effects", "hazard ratios", "95", true, "", ""};
  CHECK(forest.caption(facts) ==
        "Forest plot: PFS, randomised evidence. Common and random effects meta-analysis of hazard ratios with 95% "
        "confidence intervals.");
  facts.pooled = false;
  CHECK(forest.caption(facts) ==
        "Forest plot: PFS, randomised evidence. Study results (hazard ratios with 95% confidence intervals); nothing "
        "is pooled.");
}
