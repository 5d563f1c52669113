// `metareview import FILE.rm5 --out DIR` and the check of RevMan's stored results.
// Fleiss1993.rm5 is the RevMan 5 file R's meta package shipped (tests/data/rm5/README.md);
// the values it stores were written by RevMan 5.0.23.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include <nlohmann/json.hpp>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "check/revman.h"
#include "cli/commands.h"
#include "import/rm5.h"
#include "import/rm5_check.h"
#include "import/rm5_library.h"
#include "io/study_reader.h"
#include "review/analysis.h"
#include "review/review.h"

namespace {
namespace fs = std::filesystem;
namespace cli = metareview::cli;
namespace import = metareview::import;
using metareview::test::run_cli;
using metareview::test::slurp;

const std::string kData = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/rm5";
const std::string kFleiss = kData + "/Fleiss1993.rm5";

/// Imports `rm5` into a fresh directory and returns it.
fs::path import_into(const std::string& rm5, const std::string& name) {
  const fs::path out = metareview::test::temp_dir("metareview-import-" + name) / "lib";
  const auto r = run_cli({"import", rm5, "--out", out.string()});
  INFO(r.err);
  REQUIRE(r.status == cli::kExitOk);
  return out;
}
}  // namespace

TEST_CASE("import Fleiss1993.rm5: one study file per RevMan study, one review, the .rm5 kept", "[import]") {
  const fs::path root = metareview::test::temp_dir("metareview-import-cli");
  const fs::path out = root / "lib";
  const auto r = run_cli({"import", kFleiss, "--out", out.string()});
  CHECK(r.status == cli::kExitOk);
  CHECK(r.out.empty());
  CHECK(r.err == "metareview import: 12 studies and reviews/fleiss1993.xml written to " + out.string() +
                     "; run them with: metareview run --studies " + out.string() + "\n");
  CHECK(slurp(out / "revman" / "Fleiss1993.rm5") == slurp(kFleiss));
  const std::string isis = slurp(out / "isis-2-1988.xml");
  CHECK(isis.find("<trial>ISIS-2</trial>") != std::string::npos);
  CHECK(isis.find("<source id=\"rm5\" type=\"secondary\" note=\"sha256 "
                  "af4215ebcb2c186738fb2fb30abb7366de17678d29efba617f0abe9bb96bfaa7\">Fleiss1993.rm5, RevMan 5 "
                  "review: Examples from Fleiss 1993</source>") != std::string::npos);
  CHECK(isis.find("<binary id=\"c1-o1\" endpoint=\"Aspirin for Preventing Death after Myocardial Infarction\" "
                  "experimental=\"exp\" control=\"ctl\" source=\"rm5\" at=\"COMPARISON CMP-001 / DICH_OUTCOME "
                  "CMP-001.01 / DICH_DATA STD-ISIS_x002d_2\" status=\"secondary\">\n"
                  "      <arm ref=\"exp\" events=\"1570\" total=\"8587\"/>\n"
                  "      <arm ref=\"ctl\" events=\"1720\" total=\"8600\"/>\n") != std::string::npos);
  const std::string davis = slurp(out / "davis-1973.xml");
  CHECK(davis.find("<arm ref=\"exp\" mean=\"5.0\" sd=\"4.7\" n=\"13\"/>") != std::string::npos);
  const std::string review = slurp(out / "reviews" / "fleiss1993.xml");
  CHECK(review.find("<analysis id=\"c1-o1\" endpoint=\"Aspirin for Preventing Death after Myocardial Infarction\" "
                    "measure=\"OR\" model=\"common\" preset=\"revman5\" pooling=\"MH\" level=\"95\" "
                    "prediction-interval=\"false\">") !=
        std::string::npos);
  CHECK(review.find("<favours left=\"Favours experimental\" right=\"Favours control\"/>") != std::string::npos);
  CHECK(review.find("measure=\"SMD\"") != std::string::npos);

  // The study files and the review pass the loaders as they are.
  const auto v = run_cli({"validate", out.string(), (out / "reviews" / "fleiss1993.xml").string()});
  INFO(v.err);
  CHECK(v.status == cli::kExitOk);

  // A second import into the same directory is refused: import writes a new library.
  const auto again = run_cli({"import", kFleiss, "--out", out.string()});
  CHECK(again.status == cli::kExitInvalidInput);
  CHECK(again.err == "metareview import: error: '" + out.string() +
                         "' exists and is not an empty directory (import writes a new study library)\n");
}

TEST_CASE("the imported review runs", "[import]") {
  const fs::path lib = import_into(kFleiss, "run");
  const fs::path reports = lib.parent_path() / "reports";
  const auto r = run_cli({"run", "--studies", lib.string(), "--out", reports.string(), "--quiet", "--templates",
                           std::string(METAREVIEW_SOURCE_DIR) + "/templates"});
  INFO(r.err);
  CHECK(r.status == cli::kExitOk);
  CHECK(fs::exists(reports / "fleiss1993" / "results.json"));
}

namespace {
/// The run of the imported Fleiss 1993 review (its `review` text edited by `edit`), as results.json.
nlohmann::json run_fleiss(const std::string& name, const std::function<void(std::string&)>& edit) {
  const fs::path lib = import_into(kFleiss, name);
  const fs::path review = lib / "reviews" / "fleiss1993.xml";
  std::string text = slurp(review);
  edit(text);
  std::ofstream(review, std::ios::binary) << text;
  const fs::path reports = lib.parent_path() / "reports";
  const auto r = run_cli({"run", "--studies", lib.string(), "--out", reports.string(), "--quiet", "--templates",
                          std::string(METAREVIEW_SOURCE_DIR) + "/templates"});
  INFO(r.err);
  REQUIRE(r.status == cli::kExitOk);
  const nlohmann::json j = nlohmann::json::parse(slurp(reports / "fleiss1993" / "results.json"));
  for (const auto& a : j.at("analyses"))
    if (a.at("id") == "c1-o1") return a;
  FAIL("no analysis c1-o1 in results.json");
  return {};
}

bool rel_near(const nlohmann::json& x, double expected, double tol = 1e-9) {
  return std::fabs(x.get<double>() - expected) <= tol * std::fabs(expected);
}
}  // namespace

// Issue 17: `run` on the imported review pools c1-o1 as RevMan did (pooling="MH"), so
// results.json carries the values RevMan 5.0.23 stored in Fleiss1993.rm5 (DICH_OUTCOME
// CMP-001.01 and its DICH_DATA WEIGHTs) to 1e-9 relative.
TEST_CASE("run on the imported Fleiss 1993 review gives RevMan's stored MH results", "[import][mh]") {
  const nlohmann::json a = run_fleiss("run-mh", [](std::string&) {});
  CHECK(a.at("settings").at("pooling") == "MH");
  CHECK(a.at("settings").at("mh_q_convention") == false);
  const nlohmann::json& f = a.at("common");
  CHECK(f.at("settings").at("method") == "MH");
  CHECK(rel_near(f.at("transformed").at("estimate"), 0.8968655609130709));
  CHECK(rel_near(f.at("transformed").at("ci_lb"), 0.8405144008917793));
  CHECK(rel_near(f.at("transformed").at("ci_ub"), 0.9569947088336491));
  CHECK(rel_near(f.at("zval"), -3.287633061337987));
  CHECK(rel_near(f.at("Q"), 9.946055983220074));
  CHECK(f.at("Q_df") == 6);
  CHECK(rel_near(f.at("I2"), 39.67458045558399));
  // Rows in RevMan's order: MRC-1, CDP, MRC-2, GASP, PARIS, AMIS, ISIS-2.
  const std::vector<double> weight = {3.176490004091248, 3.1016891143394365, 5.675380442715663, 1.795484618258711,
                                      3.2176243566716805, 10.153491219997628, 72.87984024392564};
  REQUIRE(f.at("weights").size() == weight.size());
  for (std::size_t i = 0; i < weight.size(); ++i) CHECK(rel_near(f.at("weights")[i], weight[i]));
}

// RevMan's random-effects model after MH pooling (Deeks & Higgins 2010), on the same review
// switched to model="random": the values are R meta 7.0's metabin(method = "MH", method.tau =
// "DL", Q.Cochrane = TRUE) for these counts (tests/golden/mh_q/mh_q.csv, case fleiss1993).
// No RevMan-written file with RANDOM="YES" is at hand, so RevMan's own numbers are not.
TEST_CASE("run on the imported Fleiss 1993 review with random effects follows RevMan 5's MH Q", "[import][mh]") {
  const nlohmann::json a = run_fleiss("run-mh-random", [](std::string& t) {
    const std::string from = "measure=\"OR\" model=\"common\"";
    t.replace(t.find(from), from.size(), "measure=\"OR\" model=\"random\"");
  });
  CHECK(a.at("settings").at("mh_q_convention") == true);
  const nlohmann::json& f = a.at("random");
  CHECK(rel_near(f.at("Q"), 9.9460559832200719));
  CHECK(rel_near(f.at("I2"), 39.67458045558398));
  CHECK(rel_near(f.at("tau2"), 0.0096373007242488342));
  CHECK(rel_near(f.at("estimate"), -0.13205948636623663));
  CHECK(rel_near(f.at("se"), 0.063132294365688749));
  CHECK(rel_near(f.at("weights")[6], 35.766923155751506));
  CHECK(f.at("message") ==
        "no prediction interval (pi-dist none); tau2 (DerSimonian-Laird), Q and I2 from the Mantel-Haenszel "
        "estimate, as RevMan 5");
}

// The acceptance test: the pooled estimate, its CI, z and p, Q, its df and p, I2 and
// every study's weight that RevMan 5.0.23 stored in Fleiss1993.rm5 equal ours, fitted with
// RevMan's method (Mantel-Haenszel OR, common effect), to 1e-9 relative. R's metafor agrees:
// rma.mh(measure = "OR") gives OR 0.896865560913071, QE 9.946055983220074, I2
// 39.67458045558399 and MH weights 72.87984024392564 (ISIS-2) ... for these counts.
TEST_CASE("check: RevMan's stored results for Fleiss 1993 equal ours to 1e-9 relative", "[import]") {
  metareview::core::Diagnostics diag;
  const auto rm5 = import::read_rm5(kFleiss, slurp(kFleiss), diag);
  REQUIRE(rm5);
  const fs::path lib = import_into(kFleiss, "check");
  const auto studies = metareview::io::read_studies({lib.string()}, diag);
  REQUIRE(studies);
  const auto found = import::check_library_against_revman(lib.string(), *studies, diag);
  INFO(diag.to_string());
  REQUIRE(!diag.has_errors());
  // DICH_OUTCOME (c1-o1): EFFECT_SIZE, CI_START, CI_END, Z, P_Z, CHI2, DF, P_CHI2, I2 (TAU2
  // only for random effects) and 7 weights. The continuous outcome (c1-o2) stores empty
  // results but DF = 4.
  REQUIRE(found.size() == 17);
  double worst = 0;
  for (std::size_t i = 0; i < found.size(); ++i) {
    const auto& f = found[i];
    INFO(f.message);
    CHECK(f.check == "revman-stored");
    CHECK(f.outcome == (i < 16 ? "c1-o1" : "c1-o2"));
    const double rel = std::fabs(*f.recomputed - *f.reported) / std::max(std::fabs(*f.reported), 1e-300);
    if (i == 7) {
      // P_CHI2: RevMan stored 0.1269422521561745; R's pchisq(9.946055983220074, 6,
      // lower.tail = FALSE) is 0.12694217790629492, as ours. A note, 5.8e-7 relative.
      CHECK(f.severity == metareview::check::Severity::Note);
      CHECK(std::fabs(*f.recomputed - 0.12694217790629492) < 1e-15);
      continue;
    }
    CHECK(f.severity == metareview::check::Severity::Ok);
    CHECK(rel <= 1e-9);
    worst = std::max(worst, rel);
  }
  CHECK(found[0].message == "RevMan stored EFFECT_SIZE (pooled estimate) 0.8968655609130709; metareview gives "
                            "0.89686556091307101, the same within its precision");
  CHECK(found[7].message == "RevMan stored P_CHI2 (p-value of Q) 0.1269422521561745; metareview gives "
                            "0.12694217790629481, which differs beyond its precision by less than 1e-6 (RevMan's "
                            "p-value approximation; R's pnorm() and pchisq() give ours)");
  CHECK(found[9].item == "MRC-1");
  // P_Z differs most: 2.8e-11 relative (RevMan 0.0010103343130005407; R's 2 * pnorm(-z) gives
  // 0.0010103343129724352, as ours). The estimate, CI, Q, I2 and weights agree to 1e-15.
  CHECK(worst < 1e-10);

  // The command prints them with the study checks.
  const auto c = run_cli({"check", lib.string()});
  CHECK(c.status == cli::kExitOk);
  CHECK(c.out.find("fleiss1993: 1 note, 16 ok\n") != std::string::npos);
}

TEST_CASE("check: a stored number that differs is a finding", "[import]") {
  metareview::check::RevmanStored s;
  s.review = "r";
  s.analysis = "a";
  s.ratio = true;
  s.pooled = {{"EFFECT_SIZE", "0.90", {}}, {"CHI2", "", {}}, {"I2", "39.7", {}}};
  metareview::model::Fit fit;
  fit.beta = {std::log(0.8968655609130709)};
  fit.ci_lb = fit.ci_ub = fit.zval = fit.pval = {0.0};
  fit.I2 = 39.67458045558399;
  const auto found = metareview::check::compare_with_revman(s, fit);
  REQUIRE(found.size() == 2);  // the empty CHI2 is skipped
  // 0.90 printed to 2 decimals allows +-0.005; 0.8969 is 0.0031 away: the same.
  CHECK(found[0].severity == metareview::check::Severity::Ok);
  // 39.7 allows +-0.05; 39.6746 is 0.025 away: the same. A stored 39.5 would not be.
  CHECK(found[1].severity == metareview::check::Severity::Ok);
  s.pooled = {{"I2", "39.5", {}}};
  const auto off = metareview::check::compare_with_revman(s, fit);
  REQUIRE(off.size() == 1);
  CHECK(off[0].severity == metareview::check::Severity::Inconsistent);
  CHECK(off[0].message == "RevMan stored I2 (I-squared, percent) 39.5; metareview gives 39.674580455583992, which "
                          "differs beyond its precision");
}

TEST_CASE("import reads ISO-8859-1 and maps subgroups, random effects and labels", "[import]") {
  const fs::path lib = import_into(kData + "/latin1-subgroups.rm5", "latin1");
  const std::string levy = slurp(lib / "levy-1999.xml");
  CHECK(levy.find("<trial>L\xc3\xa9vy</trial>") != std::string::npos);
  CHECK(levy.find("subgroup=\"Fr\xc3\xbch\"") != std::string::npos);
  CHECK(levy.find("<arm id=\"exp\" label=\"Caf\xc3\xa9\" role=\"experimental\"") != std::string::npos);
  CHECK(fs::exists(lib / "muller-2003.xml"));
  const std::string review = slurp(lib / "reviews" / "latin1-subgroups.xml");
  CHECK(review.find("<title>Caf\xc3\xa9 au lait for \xc3\xa9" "clampsia</title>") != std::string::npos);
  CHECK(review.find("measure=\"RR\" model=\"random\" preset=\"revman5\" pooling=\"MH\" prediction-interval=\"false\" "
                    "subgroup-heading=\"Subgroup\">") != std::string::npos);
  CHECK(review.find("<row study=\"muller-2003\" outcome=\"c1-o1-s2\" subgroup=\"Sp\xc3\xa4t\"/>") != std::string::npos);
  const auto v = run_cli({"validate", lib.string(), (lib / "reviews" / "latin1-subgroups.xml").string()});
  INFO(v.err);
  CHECK(v.status == cli::kExitOk);
}

TEST_CASE("import: bad input is an error at FILE:LINE:COL, exit 1, nothing written", "[import]") {
  for (const auto& file : metareview::test::files_in(kData + "/bad")) {
    DYNAMIC_SECTION(file.filename().string()) {
      const fs::path out = metareview::test::temp_dir("metareview-import-bad") / "lib";
      const auto r = run_cli({"import", file.string(), "--out", out.string()});
      CHECK(r.status == cli::kExitInvalidInput);
      const std::string expected = metareview::test::expected_diagnostics(file);
      CHECK(r.err.substr(0, r.err.rfind("metareview import: nothing written")) == expected);
      CHECK(!fs::exists(out));
      CHECK(metareview::test::files_in(out.parent_path()).empty());
    }
  }
}

// Peto's O - E method (Yusuf et al. 1985): log OR = sum(O - E)/sum(V), SE = 1/sqrt(sum(V)).
// Here (-4.2 - 0.1 + 3.1)/(10.5 + 2 + 7.75) = -1.2/20.25 and SE = 1/sqrt(20.25) = 1/4.5.
// The generic inverse-variance outcomes and the results stored beside them were computed
// with R meta 7.0-0's metagen() by tests/golden/import/iv_outcomes.R (its output,
// iv_outcomes.txt, holds the goldens below).
TEST_CASE("import maps O - E and V rows to log-rank rows and IV rows to generic estimates", "[import]") {
  const std::string file = kData + "/ipd-and-iv.rm5";
  const fs::path out = metareview::test::temp_dir("metareview-import-ipd") / "lib";
  const auto r = run_cli({"import", file, "--out", out.string()});
  REQUIRE(r.status == cli::kExitOk);
  CHECK(r.err == file + ":24:81: warning: SE '0.0' is not positive in <IV_DATA STUDY_ID=\"STD-S\">: the study is not "
                        "estimable and is not imported\n" +
                     file + ":33:1: warning: outcome 'Exacerbations' (<IV_OUTCOME ID=\"CMP-002.06\">) has the effect "
                            "measure 'Rate Ratio', which metareview has no code for: it is imported as GEN on the log "
                            "scale its data were entered on, and its results are shown as log ratios\n"
                            "metareview import: 3 studies and reviews/ipd-and-iv.xml written to " +
                     out.string() + "; run them with: metareview run --studies " + out.string() + "\n");
  // RevMan's "-1.0E-1" is written as a plain decimal.
  const std::string q = slurp(out / "q-2002.xml");
  CHECK(q.find("<logrank-oe o-minus-e=\"-0.1\" variance=\"2.0\"/>") != std::string::npos);
  // Data as entered (LOG_DATA="NO"): yi and se as RevMan printed them.
  CHECK(q.find("    <generic id=\"c2-o4\" endpoint=\"Pain\" experimental=\"exp\" control=\"ctl\" measure=\"MD\" "
               "source=\"rm5\" at=\"COMPARISON CMP-002 / IV_OUTCOME CMP-002.04 / IV_DATA STD-Q\" "
               "status=\"secondary\">\n      <estimate yi=\"-0.5\" se=\"0.3\"/>\n    </generic>\n") !=
        std::string::npos);
  // LOG_DATA="YES": RevMan stores exp(log HR); the study file holds the log, derived.
  CHECK(q.find("      <estimate yi=\"-0.1\" se=\"0.2\" status=\"derived\" note=\"yi = ln(EFFECT_SIZE) = "
               "ln(0.9048374180359595), as LOG_DATA=&quot;YES&quot; stores the ratio\"/>\n") != std::string::npos);
  CHECK(!fs::exists(out / "s-2004.xml"));  // its one row is not estimable (SE 0)

  metareview::core::Diagnostics diag;
  const auto studies = metareview::io::read_studies({out.string()}, diag);
  REQUIRE(studies);
  const auto review = metareview::review::read_review((out / "reviews" / "ipd-and-iv.xml").string(), *studies, diag);
  INFO(diag.to_string());
  REQUIRE(review);
  const auto result = metareview::review::run_review(*review, *studies);
  REQUIRE(result.analyses.size() == 4);
  const auto& peto = result.analyses[0].common;
  REQUIRE(peto);
  CHECK(peto->estimate() == Approx(-1.2 / 20.25).epsilon(1e-12));
  CHECK(peto->se.at(0) == Approx(1 / 4.5).epsilon(1e-12));
  // R meta's metagen(), iv_outcomes.txt: DerSimonian-Laird for Pain, common effect for the others.
  const auto& pain = result.analyses[1];
  CHECK(pain.analysis->measure == metareview::core::Measure::MD);
  REQUIRE(pain.random);
  CHECK(pain.random->estimate() == Approx(-0.51241778056993603).epsilon(1e-9));
  CHECK(pain.random->se.at(0) == Approx(0.37887478649321316).epsilon(1e-9));
  CHECK(*pain.random->tau2 == Approx(0.27359999999999984).epsilon(1e-9));
  const auto& progression = result.analyses[2];
  CHECK(progression.analysis->measure == metareview::core::Measure::HR);
  REQUIRE(progression.common);
  CHECK(progression.common->estimate() == Approx(-0.32366710013003896).epsilon(1e-9));
  CHECK(progression.common->se.at(0) == Approx(0.10818276689619283).epsilon(1e-9));
  const auto& rate = result.analyses[3];
  CHECK(rate.analysis->measure == metareview::core::Measure::GEN);
  REQUIRE(rate.common);
  CHECK(rate.common->estimate() == Approx(-0.14658426966292135).epsilon(1e-9));
  CHECK(rate.common->se.at(0) == Approx(0.093861001701715491).epsilon(1e-9));
  // The pooled yi and sei carry the .rm5 element they came from.
  CHECK(progression.rows[1].pooled.at(0).name == "yi");
  CHECK(progression.rows[1].pooled.at(1).name == "sei");
  CHECK(progression.rows[1].pooled.at(1).printed == "0.2");
  CHECK(progression.rows[1].pooled.at(1).prov.at == "COMPARISON CMP-002 / IV_OUTCOME CMP-002.05 / IV_DATA STD-Q");

  // Every stored number of the three IV outcomes (EFFECT_SIZE back-transformed where
  // LOG_DATA="YES", its CI, z, p, Q, df, its p, I², τ² under random effects, each WEIGHT) equals ours.
  const auto found = import::check_library_against_revman(out.string(), *studies, diag);
  CHECK(found.size() == 36);
  for (const auto& f : found) {
    INFO(f.outcome << " " << f.item << ": " << f.message);
    CHECK(f.severity == metareview::check::Severity::Ok);
  }
  CHECK(!diag.has_errors());
}

TEST_CASE("metareview run on imported IV outcomes writes metagen's pooled estimates", "[import]") {
  const fs::path lib = import_into(kData + "/ipd-and-iv.rm5", "iv-run");
  const fs::path reports = lib.parent_path() / "reports";
  const auto r = run_cli({"run", "--studies", lib.string(), "--out", reports.string()});
  INFO(r.err);
  REQUIRE(r.status == cli::kExitOk);
  const auto json = nlohmann::json::parse(slurp(reports / "ipd-and-iv" / "results.json"));
  const auto& a = json.at("analyses");
  // tests/golden/import/iv_outcomes.txt: R meta 7.0-0 metagen(), on the analysis scale.
  const auto near = [](const nlohmann::json& x, double golden) {
    return std::fabs(x.get<double>() - golden) <= 1e-9 * std::fabs(golden);
  };
  CHECK(a.at(1).at("id") == "c2-o4");
  CHECK(near(a.at(1).at("random").at("estimate"), -0.51241778056993603));
  CHECK(near(a.at(1).at("random").at("tau2"), 0.27359999999999984));
  CHECK(a.at(2).at("id") == "c2-o5");
  CHECK(near(a.at(2).at("common").at("estimate"), -0.32366710013003896));
  CHECK(near(a.at(2).at("common").at("se"), 0.10818276689619283));
  CHECK(a.at(3).at("measure") == "GEN");
  CHECK(near(a.at(3).at("common").at("estimate"), -0.14658426966292135));
}

TEST_CASE("a generic outcome pools only in an analysis of its measure, beside other rows", "[import]") {
  const fs::path lib = import_into(kData + "/ipd-and-iv.rm5", "generic-rows");
  metareview::core::Diagnostics diag;
  const auto studies = metareview::io::read_studies({lib.string()}, diag);
  REQUIRE(studies);
  const auto review_with = [&](const std::string& measure, const std::string& rows) {
    return "<review id=\"x\" format=\"1\">\n"
           "  <title>t</title>\n"
           "  <question><population>p</population><intervention>i</intervention><comparator>c</comparator>"
           "<outcomes>o</outcomes></question>\n"
           "  <included><study ref=\"p-2001\"/><study ref=\"q-2002\"/></included>\n"
           "  <analyses>\n"
           "    <analysis id=\"a\" endpoint=\"e\" measure=\"" + measure + "\" model=\"common\">\n"
           "      <title>t</title>\n" + rows +
           "    </analysis>\n  </analyses>\n</review>\n";
  };
  // The log HR of Q's Cox estimate (c2-o5) does not fit an analysis of mean differences.
  const std::string mismatch =
      review_with("MD", "      <row study=\"p-2001\" outcome=\"c2-o4\"/>\n      <row study=\"q-2002\" outcome=\"c2-o5\"/>\n");
  metareview::core::Diagnostics bad;
  CHECK_FALSE(metareview::review::read_review(mismatch, "x.xml", *studies, bad));
  CHECK(bad.to_string() ==
        "x.xml:9:27: error: outcome 'c2-o5' (generic, measure HR) does not fit measure MD in <row study=\"q-2002\"> "
        "of analysis 'a' (a generic outcome's yi is on the scale of its measure; pool it in an analysis of measure "
        "HR)\n");
  // Beside a log-rank row: P's (O - E)/V = -4.2/10.5 = -0.4 with V = 10.5 and Q's generic
  // ln(0.9048374180359595) = -0.1 with se 0.2 (weight 25) pool by inverse variance to
  // (-0.4 * 10.5 - 0.1 * 25)/(10.5 + 25) = -6.7/35.5, SE 1/sqrt(35.5).
  const auto mixed = metareview::review::read_review(
      review_with("HR", "      <row study=\"p-2001\" outcome=\"c2-o3\"/>\n      <row study=\"q-2002\" outcome=\"c2-o5\"/>\n"),
      "x.xml", *studies, diag);
  INFO(diag.to_string());
  REQUIRE(mixed);
  const auto result = metareview::review::run_review(*mixed, *studies);
  REQUIRE(result.analyses.at(0).common);
  CHECK(result.analyses[0].common->estimate() == Approx(-6.7 / 35.5).epsilon(1e-12));
  CHECK(result.analyses[0].common->se.at(0) == Approx(1 / std::sqrt(35.5)).epsilon(1e-12));
}

TEST_CASE("import: SWAP_EVENTS=YES writes the non-events RevMan analysed, as derived numbers", "[import]") {
  const fs::path lib = import_into(kData + "/swap-events.rm5", "swap");
  CHECK(slurp(lib / "a-2010.xml").find(
            "      <arm ref=\"exp\" events=\"10\" total=\"40\" status=\"derived\" note=\"non-events, as RevMan "
            "analysed them (SWAP_EVENTS=YES): TOTAL_1 - EVENTS_1 = 40 - 30\"/>\n"
            "      <arm ref=\"ctl\" events=\"20\" total=\"40\" status=\"derived\" note=\"non-events, as RevMan "
            "analysed them (SWAP_EVENTS=YES): TOTAL_2 - EVENTS_2 = 40 - 20\"/>\n") != std::string::npos);
  const auto v = run_cli({"validate", lib.string(), (lib / "reviews" / "swap-events.xml").string()});
  INFO(v.err);
  CHECK(v.status == cli::kExitOk);
}

// Leave-one-out and cumulative analyses of an MH common-effect headline refit rma.mh, as
// metafor's leave1out() and cumul() of rma.mh(measure = "OR") give for these counts (metafor 3.8-1):
// leave-one-out estimates -0.102390077024838, -0.101165937861074, -0.102563175226291 and Q
// 8.66426082471898, 8.04831635120628, 9.31334858271454 (without MRC-1, CDP, MRC-2);
// cumulative estimates -0.328901159556238, -0.356005116446686, -0.288899278971243.
TEST_CASE("leave-one-out and cumulative of an MH analysis are metafor's leave1out and cumul of rma.mh", "[import][mh]") {
  const nlohmann::json a = run_fleiss("run-mh-loo", [](std::string& t) {
    const std::string from = "pooling=\"MH\"";
    t.replace(t.find(from), from.size(), "pooling=\"MH\" leave-one-out=\"true\" cumulative=\"given\"");
  });
  const auto& loo = a.at("leave_one_out").at("rows");
  const auto& cum = a.at("cumulative").at("rows");
  const std::vector<double> loo_est = {-0.102390077024838, -0.101165937861074, -0.102563175226291};
  const std::vector<double> loo_q = {8.66426082471898, 8.04831635120628, 9.31334858271454};
  const std::vector<double> cum_est = {-0.328901159556238, -0.356005116446686, -0.288899278971243};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(rel_near(loo[i].at("estimate"), loo_est[i], 1e-13));
    CHECK(rel_near(loo[i].at("Q"), loo_q[i], 1e-13));
    CHECK(rel_near(cum[i].at("estimate"), cum_est[i], 1e-13));
  }
}

// A Peto outcome (Fleiss 1993's dichotomous outcome with METHOD="PETO", EFFECT_MEASURE="PETO_OR",
// edited in a temporary copy; RevMan's stored MH results are not compared) imports as
// pooling="PETO" and runs as metafor 3.8-1's rma.peto() for these counts: beta
// -0.10887405939554064, se 0.033099705923639672, QE 9.9678231634919818, ISIS-2 weight
// 72.866880735094043 %.
TEST_CASE("a RevMan Peto outcome imports as pooling=\"PETO\" and runs as rma.peto", "[import][mh]") {
  const fs::path dir = metareview::test::temp_dir("metareview-import-peto-src");
  std::string rm5 = slurp(kFleiss);
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"EFFECT_MEASURE=\"OR\"", "EFFECT_MEASURE=\"PETO_OR\""},
                                 {"METHOD=\"MH\"", "METHOD=\"PETO\""}})
    rm5.replace(rm5.find(from), from.size(), to);
  std::ofstream(dir / "Fleiss1993.rm5", std::ios::binary) << rm5;
  const fs::path lib = import_into((dir / "Fleiss1993.rm5").string(), "peto");
  const std::string review = slurp(lib / "reviews" / "fleiss1993.xml");
  CHECK(review.find("measure=\"OR\" model=\"common\" preset=\"revman5\" pooling=\"PETO\"") != std::string::npos);
  CHECK(review.find("The review pools it by Peto's method (pooling=&quot;PETO&quot;), as RevMan did.") !=
        std::string::npos);
  metareview::core::Diagnostics diag;
  const auto studies = metareview::io::read_studies({lib.string()}, diag);
  REQUIRE(studies);
  const auto r = metareview::review::read_review((lib / "reviews" / "fleiss1993.xml").string(), *studies, diag);
  INFO(diag.to_string());
  REQUIRE(r);
  const auto result = metareview::review::run_review(*r, *studies);
  const metareview::model::Fit& f = *result.analyses.at(0).common;
  CHECK(f.spec.method == metareview::model::Method::PETO);
  CHECK(f.estimate() == Approx(-0.10887405939554064).epsilon(1e-12));
  CHECK(f.se[0] == Approx(0.033099705923639672).epsilon(1e-12));
  CHECK(f.Q == Approx(9.9678231634919818).epsilon(1e-12));
  CHECK(f.weights.at(6) == Approx(72.866880735094043).epsilon(1e-12));
}

TEST_CASE("import: an IV measure without a metafor code on its own scale is GEN, and 17 digits become 15", "[import]") {
  // SE as RevMan's calculator leaves it (17 significant digits); a study file holds 15.
  const std::string rm5 =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<COCHRANE_REVIEW>\n"
      "<STUDIES_AND_REFERENCES><STUDIES><INCLUDED_STUDIES>\n"
      "<STUDY ID=\"STD-A\" NAME=\"A\" YEAR=\"2011\"/>\n"
      "</INCLUDED_STUDIES></STUDIES></STUDIES_AND_REFERENCES>\n"
      "<ANALYSES_AND_DATA><COMPARISON ID=\"CMP-001\" NO=\"1\"><NAME>c</NAME>\n"
      "<IV_OUTCOME ID=\"CMP-001.01\" LOG_DATA=\"NO\" NO=\"1\" RANDOM=\"NO\"><NAME>Change</NAME>\n"
      "<EFFECT_MEASURE>Difference in change</EFFECT_MEASURE>\n"
      "<IV_DATA EFFECT_SIZE=\"2.5\" SE=\"0.12345678901234568\" STUDY_ID=\"STD-A\"/>\n"
      "</IV_OUTCOME></COMPARISON></ANALYSES_AND_DATA>\n</COCHRANE_REVIEW>\n";
  metareview::core::Diagnostics diag;
  const auto review = import::read_rm5("x.rm5", rm5, diag);
  REQUIRE(review);
  const auto files = import::library_files(*review, diag);
  CHECK(diag.to_string().empty());  // data on their own scale: GEN without a warning
  REQUIRE(files.size() == 3);
  CHECK(files[0].path == "a-2011.xml");
  CHECK(files[0].text.find("<generic id=\"c1-o1\" endpoint=\"Change\" experimental=\"exp\" control=\"ctl\" "
                           "measure=\"GEN\"") != std::string::npos);
  // 0.12345678901234568 to 14 decimals after the leading "0." (15 digits).
  CHECK(files[0].text.find("<estimate yi=\"2.5\" se=\"0.12345678901235\" status=\"derived\" note=\"se = SE "
                           "0.12345678901234568 written as 0.12345678901235 (15 digits)\"/>") != std::string::npos);
  CHECK(files[1].text.find("measure=\"GEN\"") != std::string::npos);
  CHECK(files[1].text.find("RevMan's effect measure 'Difference in change' has no metafor code: GEN.") !=
        std::string::npos);
}
