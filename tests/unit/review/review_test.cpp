// The review reader (src/review/review.cpp): the shipped reviews and the good test file load
// with every construct in place; every bad test file gives exactly the diagnostics it lists,
// compared verbatim.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "../../support/files.h"
#include "review/analysis.h"
#include "review/review.h"
#include "review_fixture.h"

namespace {

namespace fs = std::filesystem;
using metareview::core::Diagnostics;
using metareview::test::kSource;
using metareview::test::library;
using metareview::test::expected_diagnostics;
using metareview::test::files_in;
namespace review = metareview::review;
namespace model = metareview::model;

const std::string kData = kSource + "/tests/data/reviews";

// A review file around one analysis, for the tests that build their own.
std::string minimal(const std::string& analysis_and_rows, const std::string& included = "candor-2020 ikema-2021") {
  std::string studies;
  std::istringstream ids(included);
  for (std::string id; ids >> id;) studies += "    <study ref=\"" + id + "\"/>\n";
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<review id=\"minimal\" format=\"1\">\n"
         "  <title>Minimal</title>\n"
         "  <question>\n"
         "    <population>P</population>\n"
         "    <intervention>I</intervention>\n"
         "    <comparator>C</comparator>\n"
         "    <outcomes>O</outcomes>\n"
         "  </question>\n"
         "  <included>\n" +
         studies +
         "  </included>\n"
         "  <analyses>\n" +
         analysis_and_rows +
         "  </analyses>\n"
         "</review>\n";
}

/// The diagnostics of minimal(analysis_and_rows), read as "minimal.xml".
std::string errors_of(const std::string& analysis_and_rows) {
  Diagnostics diag;
  CHECK_FALSE(review::read_review(minimal(analysis_and_rows), "minimal.xml", library(), diag));
  return diag.to_string();
}

}  // namespace

TEST_CASE("every bad review file gives exactly the diagnostics it expects", "[review]") {
  // Each file under tests/data/reviews/bad/ ends with a comment listing the diagnostics the
  // reader must give, "LINE:COL: error: MESSAGE", one per line; they are compared verbatim.
  const std::vector<fs::path> files = files_in(kData + "/bad");
  CHECK(files.size() >= 22);
  for (const auto& path : files) {
    const std::string expected = expected_diagnostics(path);
    Diagnostics diag;
    const auto r = review::read_review(path.string(), library(), diag);
    INFO(path.filename().string());
    CHECK_FALSE(r);
    CHECK(diag.to_string() == expected);
  }
}

TEST_CASE("a review naming an unknown outcome fails with the exact message", "[review]") {
  // ikema-2021 has one outcome, its interim (primary) PFS; the final PFS is ikema-2023's.
  CHECK(errors_of("    <analysis id=\"pfs\" endpoint=\"PFS\" measure=\"HR\">\n"
                  "      <title>PFS</title>\n"
                  "      <row study=\"candor-2020\" outcome=\"pfs\"/>\n"
                  "      <row study=\"ikema-2021\" outcome=\"pfs-final\"/>\n"
                  "    </analysis>\n") ==
        "minimal.xml:18:31: error: unknown outcome 'pfs-final' of study 'ikema-2021' in <row study=\"ikema-2021\"> of "
        "analysis 'pfs' (outcomes: pfs)\n");
}

TEST_CASE("an HR analysis of a binary outcome is refused, naming what HR needs", "[review]") {
  CHECK(errors_of("    <analysis id=\"pfs\" endpoint=\"PFS\" measure=\"HR\">\n"
                  "      <title>PFS</title>\n"
                  "      <row study=\"candor-2020\" outcome=\"orr\"/>\n"
                  "    </analysis>\n") ==
        "minimal.xml:17:32: error: outcome 'orr' (binary) does not fit measure HR in <row study=\"candor-2020\"> of "
        "analysis 'pfs' (HR needs a time-to-event outcome)\n");
}

TEST_CASE("an analysis without settings takes the defaults: random effects, REML, z, PI, preset metafor", "[review]") {
  const std::string bytes = minimal(
      "    <analysis id=\"pfs\" endpoint=\"PFS\" measure=\"HR\">\n"
      "      <title>PFS</title>\n"
      "      <row study=\"candor-2020\" outcome=\"pfs\"/>\n"
      "      <row study=\"ikema-2021\" outcome=\"pfs\"/>\n"
      "    </analysis>\n");
  Diagnostics diag;
  const auto r = review::read_review(bytes, "minimal.xml", library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  REQUIRE(r->analyses.size() == 1);
  const auto& a = r->analyses[0];
  CHECK(a.model == review::ModelChoice::Random);
  CHECK(a.settings.model.preset == "metafor");
  CHECK(a.settings.model.method == model::Method::REML);
  CHECK(a.settings.model.test == model::Test::Z);
  CHECK(a.settings.model.level == 95);
  CHECK(a.settings.model.pi_dist == model::PiDist::Z);
  CHECK(a.settings.model.i2_def == model::I2Def::Tau2);
  CHECK(a.prediction_interval);
  CHECK(a.overrides.empty());
  CHECK(a.sort == "given");
  CHECK(a.implausible == review::ImplausiblePolicy::Include);
  CHECK(a.subgroup_variable.empty());
  REQUIRE(a.data.size() == 2);
  CHECK(a.data[1].study == "ikema-2021");
  CHECK(a.data[1].label.empty());
  CHECK(a.data[1].where.line == 18);
  CHECK(r->sha256.size() == 64);
}

TEST_CASE("a preset's Hartung-Knapp ad hoc rule goes with its test", "[review]") {
  // iqwig is PM + knha + the IQWiG ad hoc rule; test="z" overrides the test and with it the rule.
  const std::string bytes = minimal(
      "    <analysis id=\"pfs\" endpoint=\"PFS\" measure=\"HR\" preset=\"iqwig\" test=\"z\">\n"
      "      <title>PFS</title>\n"
      "      <row study=\"candor-2020\" outcome=\"pfs\"/>\n"
      "    </analysis>\n");
  Diagnostics diag;
  const auto r = review::read_review(bytes, "minimal.xml", library(), diag);
  REQUIRE(r);
  const auto& m = r->analyses[0].settings.model;
  CHECK(m.preset == "iqwig");
  CHECK(m.method == model::Method::PM);
  CHECK(m.test == model::Test::Z);
  CHECK(m.knha_adhoc == model::KnhaAdhoc::None);
  CHECK(m.pi_dist == model::PiDist::T_K2);
  CHECK(r->analyses[0].overrides == std::vector<std::string>{"test"});
}

TEST_CASE("the good review file loads with every construct in place", "[review]") {
  Diagnostics diag;
  const auto r = review::read_review(kData + "/good/every-construct.xml", library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  CHECK(diag.empty());
  CHECK(r->id == "every-construct");
  CHECK(r->title == "Every construct of the review format");
  CHECK(r->question.population == "Adults with relapsed or refractory multiple myeloma.");
  CHECK(r->question.intervention == "A carfilzomib-based regimen.");
  CHECK(r->question.comparator == "A bortezomib-based regimen.");
  CHECK(r->question.outcomes == "PFS; overall response; serum M protein; response in the experimental arm.");
  CHECK(r->note == "A test review: one analysis per kind of outcome, with every setting written out.");
  CHECK(r->included == std::vector<std::string>{"endeavor-2016", "niu-2026", "dreamm-2-2020"});
  REQUIRE(r->excluded.size() == 2);
  CHECK(r->excluded[0].study == "endeavor-2019-renal");
  CHECK(r->excluded[0].reason == "Post hoc subgroup.");
  CHECK(r->excluded[1].study.empty());
  CHECK(r->excluded[1].citation == "A trial reported only at a meeting, 2024.");
  CHECK(r->excluded[1].reason == "Not in the study library.");
  REQUIRE(r->analyses.size() == 4);

  const auto& pfs = r->analyses[0];
  CHECK(pfs.id == "pfs");
  CHECK(pfs.title == "Progression-free survival");
  CHECK(pfs.endpoint == "PFS");
  CHECK(pfs.measure == metareview::core::Measure::HR);
  CHECK(pfs.model == review::ModelChoice::Both);
  CHECK(pfs.settings.model.preset == "cochrane");
  CHECK(pfs.settings.model.method == model::Method::PM);
  CHECK(pfs.settings.model.test == model::Test::KNHA);
  CHECK(pfs.settings.model.level == 90);
  CHECK(pfs.settings.model.pi_dist == model::PiDist::T_K1);
  CHECK(pfs.settings.model.i2_def == model::I2Def::Q);
  CHECK(pfs.settings.model.knha_adhoc == model::KnhaAdhoc::Floor);
  CHECK(pfs.overrides == std::vector<std::string>{"method", "test", "level", "pi-dist", "i2", "adhoc"});
  CHECK_FALSE(pfs.prediction_interval);
  CHECK(pfs.subgroup_variable == "Design");
  CHECK(pfs.sort == "effect");
  CHECK(pfs.implausible == review::ImplausiblePolicy::Exclude);
  CHECK(pfs.label_experimental == "Carfilzomib-based");
  CHECK(pfs.label_control == "Bortezomib-based");
  CHECK(pfs.favours_left == "Favours carfilzomib");
  CHECK(pfs.favours_right == "Favours bortezomib");
  CHECK(pfs.note == "Every setting given explicitly.");
  REQUIRE(pfs.data.size() == 2);
  CHECK(pfs.data[0].label == "ENDEAVOR 2016");
  CHECK(pfs.data[0].subgroup == "Randomised");
  CHECK(pfs.data[1].subgroup == "Retrospective");
  REQUIRE(pfs.certainty);
  CHECK(pfs.certainty->follow_up == "median 11.9 months");
  CHECK(pfs.certainty->comparator_risk == 0.40);
  CHECK(pfs.certainty->comparator_risk_source == "A test value.");
  CHECK(pfs.certainty->risk_time == "12 months");
  REQUIRE(pfs.certainty->domains.size() == 5);
  CHECK(pfs.certainty->domains[0].domain == metareview::methods::GradeDomain::RiskOfBias);
  CHECK(pfs.certainty->domains[0].judgment == metareview::methods::GradeJudgment::Serious);
  CHECK(pfs.certainty->domains[0].footnote == "Open-label; progression assessed by investigators.");
  CHECK(pfs.certainty->domains[2].domain == metareview::methods::GradeDomain::PublicationBias);
  CHECK(pfs.certainty->domains[4].judgment == metareview::methods::GradeJudgment::VerySerious);
  CHECK(pfs.certainty->domains[4].footnote == "CI crosses 1; fewer events than needed.");  // collapsed
  CHECK(pfs.certainty->domains[3].footnote.empty());
  CHECK(pfs.certainty->upgrades.empty());
  CHECK_FALSE(r->analyses[1].certainty);
  const auto& upgraded = r->analyses[3].certainty;
  REQUIRE(upgraded);
  CHECK_FALSE(upgraded->comparator_risk);
  REQUIRE(upgraded->upgrades.size() == 2);
  CHECK(upgraded->upgrades[0].upgrade == metareview::methods::GradeUpgrade::DoseResponse);
  CHECK(upgraded->upgrades[1].levels == 2);
  CHECK(upgraded->upgrades[1].footnote == "Another.");

  const auto& orr = r->analyses[1];
  CHECK(orr.measure == metareview::core::Measure::OR);
  CHECK(orr.settings.effect.add == 0.25);
  CHECK(orr.settings.effect.add_given);
  CHECK(orr.settings.effect.to == metareview::effect::CorrectionTo::All);
  CHECK(orr.settings.effect.drop00);
  CHECK(orr.overrides == std::vector<std::string>{"add", "to", "drop00"});
  CHECK(orr.sort == "year");

  const auto& md = r->analyses[2];
  CHECK(md.model == review::ModelChoice::Common);
  CHECK(md.data.at(0).timepoint == "after-3-cycles");

  const auto& prop = r->analyses[3];
  CHECK(prop.measure == metareview::core::Measure::PFT);
  CHECK(prop.data.at(0).arm == "krd");
  CHECK(prop.data.at(1).arm == "belamaf");
}

TEST_CASE("the shipped reviews load without a diagnostic, ordered by id", "[review]") {
  Diagnostics diag;
  const auto reviews = review::read_reviews(kSource + "/studies/reviews", library(), diag);
  INFO(diag.to_string());
  CHECK(diag.empty());
  std::vector<std::string> ids;
  for (const auto& r : reviews) ids.push_back(r.id);
  CHECK(ids == std::vector<std::string>{"anti-cd38-rrmm-pfs", "bcma-rrmm-orr", "carfilzomib-vs-bortezomib",
                                        "hco-hd-cast-nephropathy"});
  for (const auto& r : reviews) {
    INFO(r.id);
    CHECK(r.file == kSource + "/studies/reviews/" + r.id + ".xml");
    CHECK_FALSE(r.analyses.empty());
    for (const auto& a : r.analyses) CHECK_FALSE(a.note.empty());  // every analysis says what it takes and why
  }
}

TEST_CASE("a review file that cannot be read is reported with its path", "[review]") {
  Diagnostics diag;
  CHECK_FALSE(review::read_review(kData + "/no-such-review.xml", library(), diag));
  CHECK(diag.to_string() == kData + "/no-such-review.xml: error: no such file or directory\n");
  Diagnostics dir_diag;
  CHECK(review::read_reviews(kData + "/no-such-dir", library(), dir_diag).empty());
  CHECK(dir_diag.to_string() == kData + "/no-such-dir: error: no such file or directory\n");
}

TEST_CASE("read_reviews keeps the good files when one fails", "[review]") {
  // tests/data/reviews/good holds three good files (every-construct, meta-regression,
  // pooling); a directory of bad files gives none and a diagnostic for each.
  Diagnostics good;
  CHECK(review::read_reviews(kData + "/good", library(), good).size() == 3);
  CHECK(good.empty());
  Diagnostics bad;
  CHECK(review::read_reviews(kData + "/bad", library(), bad).empty());
  CHECK(bad.has_errors());
}

TEST_CASE("a sensitivity analysis is read with its rows resolved, and leave-one-out as a flag", "[review][sensitivity]") {
  Diagnostics diag;
  const auto r = review::read_review(kData + "/good/every-construct.xml", library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  const auto& a = r->analyses.at(0);
  CHECK(a.leave_one_out);
  REQUIRE(a.sensitivities.size() == 1);
  const auto& s = a.sensitivities[0];
  CHECK(s.id == "dl-z");
  CHECK(s.title == "DerSimonian-Laird with a z test");
  CHECK(s.model == review::ModelChoice::Random);
  CHECK(s.exclude_implausible);
  CHECK_FALSE(s.exclude_non_randomised);
  CHECK(s.overrides == std::vector<std::string>{"method", "test"});
  // The analysis' own settings (cochrane preset, PM, knha, level 90) with DL and z on top;
  // a z test drops the preset's ad hoc rule, as for an analysis.
  CHECK(s.settings.model.method == model::Method::DL);
  CHECK(s.settings.model.test == model::Test::Z);
  CHECK(s.settings.model.knha_adhoc == model::KnhaAdhoc::None);
  CHECK(s.settings.model.level == 90);
  CHECK(s.data.size() == 2);
  CHECK(r->analyses.at(1).sensitivities.empty());
  CHECK_FALSE(r->analyses.at(1).leave_one_out);
  CHECK(a.influence);
  CHECK(a.cumulative == "year");
  CHECK(a.gosh);
  CHECK_FALSE(r->analyses.at(1).influence);
  CHECK(r->analyses.at(1).cumulative.empty());
}

TEST_CASE("a swap without the row it replaces is refused", "[review][sensitivity]") {
  const std::string analysis = R"(    <analysis id="pfs" endpoint="PFS" measure="HR">
      <title>PFS</title>
      <row study="candor-2020" outcome="pfs"/>
      <row study="ikema-2021" outcome="pfs"/>
      <sensitivity id="final">
        <title>Final analysis</title>
        <swap study="candor-2023" outcome="pfs"/>
      </sensitivity>
    </analysis>
)";
  Diagnostics diag;
  CHECK_FALSE(review::read_review(minimal(analysis, "candor-2020 ikema-2021 candor-2023"), "minimal.xml", library(), diag));
  CHECK(diag.to_string() ==
        "minimal.xml:22:9: error: missing attribute 'row' in <swap> of <sensitivity id=\"final\"> of analysis 'pfs' "
        "(the study id of the row the swap replaces)\n");
}

TEST_CASE("gosh=\"true\" on an analysis of more than 20 rows is refused at the attribute", "[review][sensitivity]") {
  // 21 copies of candor-2020 under other ids: the exhaustive GOSH would fit 2^21 - 1 subsets.
  metareview::core::StudySet studies = library();
  const metareview::core::Study* candor = library().find("candor-2020");
  REQUIRE(candor);
  std::string ids, rows;
  for (int i = 1; i <= 21; ++i) {
    metareview::core::Study s = *candor;
    s.id = "copy-" + std::to_string(i);
    studies.studies.push_back(s);
    ids += s.id + " ";
    rows += "      <row study=\"" + s.id + "\" outcome=\"pfs\"/>\n";
  }
  const std::string bytes = minimal("    <analysis id=\"pfs\" endpoint=\"PFS\" measure=\"HR\" gosh=\"true\">\n"
                                    "      <title>PFS</title>\n" +
                                        rows + "    </analysis>\n",
                                    ids);
  Diagnostics diag;
  CHECK_FALSE(review::read_review(bytes, "minimal.xml", studies, diag));
  CHECK(diag.to_string() ==
        "minimal.xml:34:52: error: gosh=\"true\" with 21 rows in analysis 'pfs' (the GOSH plot fits every subset of "
        "at most 20 studies; leave it out)\n");
}

TEST_CASE("pooling: IV by default, MH and PETO as given, a sensitivity analysis inherits or overrides it", "[review][pooling]") {
  Diagnostics diag;
  const auto r = review::read_review(kData + "/good/pooling.xml", library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  REQUIRE(r->analyses.size() == 3);
  const review::Analysis& mh = r->analyses[0];
  CHECK(mh.pooling == model::Method::MH);
  CHECK(std::find(mh.overrides.begin(), mh.overrides.end(), "pooling") != mh.overrides.end());
  REQUIRE(mh.sensitivities.size() == 1);
  CHECK(mh.sensitivities[0].pooling == model::Method::FE);
  CHECK(r->analyses[1].pooling == model::Method::PETO);
  CHECK_FALSE(review::mh_q_convention(r->analyses[1].pooling, r->analyses[1].settings.model));
  CHECK(review::mh_q_convention(r->analyses[2].pooling, r->analyses[2].settings.model));
  const auto every = review::read_review(kData + "/good/every-construct.xml", library(), diag);
  REQUIRE(every);
  CHECK(every->analyses[0].pooling == model::Method::FE);
}

TEST_CASE("pooling runs: MH and Peto common effects as metafor's rma.mh and rma.peto", "[review][pooling]") {
  Diagnostics diag;
  const auto r = review::read_review(kData + "/good/pooling.xml", library(), diag);
  REQUIRE(r);
  const review::ReviewResult res = review::run_review(*r, library());
  // Ref: MYRE 19/46 vs 16/48 and EuLITE 24/43 vs 24/47 in metafor 3.8-1 and R meta 7.0:
  // rma.mh(measure = "RR"): beta 0.14176701319243601, se 0.16075723147215942, QE 0.14462968847226176;
  // rma.peto(): beta 0.26240437356355506, se 0.29880318169503239, QE 0.061920326599102071;
  // metabin(sm = "RD", method = "MH", method.tau = "DL", Q.Cochrane = TRUE): TE.random
  // 0.06449119410020826, seTE.random 0.072264743611836837, tau2 0, Q 0.049565955411258397.
  REQUIRE(res.analyses.size() == 3);
  const model::Fit& mh = *res.analyses[0].common;
  CHECK(mh.spec.method == model::Method::MH);
  CHECK(mh.estimate() == Approx(0.14176701319243601).epsilon(1e-12));
  CHECK(mh.se[0] == Approx(0.16075723147215942).epsilon(1e-12));
  CHECK(mh.Q == Approx(0.14462968847226176).epsilon(1e-12));
  CHECK_FALSE(res.analyses[0].random);
  CHECK(res.analyses[0].sensitivity_analyses.at(0).common->spec.method == model::Method::FE);
  const model::Fit& peto = *res.analyses[1].common;
  CHECK(peto.spec.method == model::Method::PETO);
  CHECK(peto.estimate() == Approx(0.26240437356355506).epsilon(1e-12));
  CHECK(peto.se[0] == Approx(0.29880318169503239).epsilon(1e-12));
  CHECK(peto.Q == Approx(0.061920326599102071).epsilon(1e-12));
  CHECK(res.analyses[1].random->spec.method == model::Method::REML);
  CHECK(res.analyses[1].random->message.find(
            "random effects by inverse variance: Peto's method has no random-effects model") != std::string::npos);
  const model::Fit& rd = *res.analyses[2].random;
  CHECK(rd.estimate() == Approx(0.06449119410020826).epsilon(1e-12));
  CHECK(rd.se[0] == Approx(0.072264743611836837).epsilon(1e-12));
  CHECK(*rd.tau2 == 0);
  CHECK(rd.Q == Approx(0.049565955411258397).epsilon(1e-12));
  CHECK(res.analyses[2].common->spec.method == model::Method::MH);
}
