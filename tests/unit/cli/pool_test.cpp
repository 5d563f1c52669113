// `metareview pool` through cli::run with in-memory streams. Numbers are R metafor 3.8-1:
//   rma(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
//   -> estimate -0.714532348365101, ci [-1.066897675740053, -0.362167020990150],
//      tau2 0.313243325980895, QE 152.233008082373289, I2 92.221386074965551,
//      weights 5.05948307931551, 6.36467963212660, ...
//   rma(..., method = "FE") -> I2 92.117346854562058
//   rma.mh(measure = "OR", ...) -> estimate -0.4734109883885855, se 0.0410077784042314
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "../../support/cli_runner.h"
#include "../../support/json_near.h"
#include "../../support/tolerance.h"
#include "cli/commands.h"

namespace {

using metareview::test::kRRelative;
using metareview::test::run_cli;

// One directory per test process, removed when the process ends.
struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("metareview_pool_test_" + std::to_string(::getpid()));
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::string temp_csv(const std::string& name, const std::string& text) {
  static const TempDir temp;
  const auto& dir = temp.path;
  std::filesystem::create_directories(dir);
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

// dat.bcg (metadat): tpos, tpos + tneg, cpos, cpos + cneg per trial.
const char* kBcg =
    "study,ai,n1i,ci,n2i,year\n"
    "Aronson,4,123,11,139,1948\n"
    "Ferguson & Simes,6,306,29,303,1949\n"
    "Rosenthal et al,3,231,11,220,1960\n"
    "Hart & Sutherland,62,13598,248,12867,1977\n"
    "Frimodt-Moller et al,33,5069,47,5808,1973\n"
    "Stein & Aronson,180,1541,372,1451,1953\n"
    "Vandiviere et al,8,2545,10,629,1973\n"
    "TPT Madras,505,88391,499,88391,1980\n"
    "Coetzee & Berjak,29,7499,45,7277,1968\n"
    "Rosenthal et al,17,1716,65,1665,1961\n"
    "Comstock et al,186,50634,141,27338,1974\n"
    "Comstock & Webster,5,2498,3,2341,1969\n"
    "Comstock et al,27,16913,29,17854,1976\n";

using metareview::test::near;

}  // namespace

TEST_CASE("pool --json: metafor's REML fit of dat.bcg, back-transformed and with its settings", "[pool]") {
  const auto r = run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "RR", "--json"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["k"] == 13);
  CHECK(j["measure"] == "RR");
  CHECK(j["method"] == "REML");
  CHECK(j["test"] == "z");
  CHECK(near(j["estimate"], -0.714532348365101));
  CHECK(near(j["ci_lb"], -1.066897675740053));
  CHECK(near(j["ci_ub"], -0.362167020990150));
  CHECK(near(j["tau2"], 0.313243325980895));
  CHECK(near(j["Q"], 152.233008082373289));
  CHECK(j["Q_df"] == 12);
  CHECK(near(j["I2"], 92.221386074965551));
  CHECK(j["converged"] == true);
  for (const char* key : {"se", "pval", "pi_lb", "pi_ub", "tau2_ci_lb", "tau2_ci_ub", "Q_p", "H2"})
    CHECK(j[key].is_number());
  REQUIRE(j["studies"].size() == 13);
  CHECK(j["studies"][0]["study"] == "Aronson");
  CHECK(near(j["studies"][0]["weight"], 5.05948307931551));
  CHECK(near(j["studies"][1]["weight"], 6.36467963212660));
  // exp() of the analysis-scale values.
  CHECK(near(j["transformed"]["estimate"], std::exp(-0.714532348365101)));
  CHECK(near(j["transformed"]["ci_ub"], std::exp(-0.362167020990150)));
  CHECK(j["transformed"]["pi_lb"].get<double>() == Approx(std::exp(j["pi_lb"].get<double>())).epsilon(1e-15));
  const auto& s = j["settings"];
  CHECK(s["preset"] == "metafor");
  CHECK(s["pi_dist"] == "z");
  CHECK(s["i2"] == "tau2");
  CHECK(s["adhoc"] == "none");
  CHECK(s["level"] == 95.0);
  CHECK(s["control"]["threshold"] == 1e-10);
  CHECK(s["effect"]["to"] == "only0");
  // Deterministic bytes: a second run prints the same text.
  CHECK(run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "RR", "--json"}).out == r.out);
}

TEST_CASE("pool --json: keys that do not apply are null (common effect, Mantel-Haenszel)", "[pool]") {
  const auto fe = run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "RR", "--method", "FE", "--json"});
  REQUIRE(fe.status == 0);
  const auto j = nlohmann::json::parse(fe.out);
  for (const char* key : {"tau2", "tau2_ci_lb", "tau2_ci_ub", "pi_lb", "pi_ub", "df"}) CHECK(j[key].is_null());
  CHECK(j["transformed"]["pi_lb"].is_null());
  CHECK(near(j["I2"], 92.117346854562058));
  const auto mh = run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "OR", "--method", "MH", "--json"});
  REQUIRE(mh.status == 0);
  const auto m = nlohmann::json::parse(mh.out);
  CHECK(near(m["estimate"], -0.4734109883885855));
  CHECK(near(m["se"], 0.0410077784042314));
  CHECK(m["settings"]["effect"]["drop00"] == true);  // rma.mh's default
}

TEST_CASE("pool --json: its keys, in their order, with degrees of freedom as whole numbers", "[pool]") {
  // The output is model::fit_json's fields in pool's own subset and order (cmd_pool.cpp);
  // this pins that view, so a change to the shared serialisation cannot reach it unseen.
  const auto r = run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "RR", "--test", "knha", "--json"});
  REQUIRE(r.status == 0);
  const auto j = nlohmann::ordered_json::parse(r.out);
  const auto keys = [](const nlohmann::ordered_json& o) {
    std::vector<std::string> out;
    for (const auto& [key, value] : o.items()) out.push_back(key);
    return out;
  };
  CHECK(keys(j) == std::vector<std::string>{"k",          "measure",    "method",      "test",
                                            "estimate",   "se",         "zval",        "df",
                                            "pval",       "ci_lb",      "ci_ub",       "pi_lb",
                                            "pi_ub",      "pi_df",      "tau2",        "se_tau2",
                                            "tau2_ci_lb", "tau2_ci_ub", "tau",         "Q",
                                            "Q_df",       "Q_p",        "I2",          "I2_ci_lb",
                                            "I2_ci_ub",   "H2",         "H2_ci_lb",    "H2_ci_ub",
                                            "s2w",        "converged",  "iterations",  "tau2_at_boundary",
                                            "message",    "studies",    "transformed", "settings"});
  CHECK(keys(j["studies"][0]) == std::vector<std::string>{"study", "yi", "vi", "weight"});
  CHECK(keys(j["transformed"]) == std::vector<std::string>{"estimate", "ci_lb", "ci_ub", "pi_lb", "pi_ub"});
  CHECK(keys(j["settings"]) == std::vector<std::string>{"preset", "method", "test", "level", "pi_dist", "i2", "adhoc",
                                                        "tau2_fixed", "control", "effect"});
  CHECK(keys(j["settings"]["control"]) ==
        std::vector<std::string>{"threshold", "maxiter", "stepadj", "root_tol", "tau2_init"});
  CHECK(keys(j["settings"]["effect"]) == std::vector<std::string>{"add", "to", "drop00", "drop00_ratio", "smd_revman5", "vtype"});
  // k - 1 = 12 for the Hartung-Knapp t test, the prediction interval and Q.
  for (const char* key : {"df", "pi_df", "Q_df"}) {
    INFO(key);
    CHECK(j[key].is_number_integer());
    CHECK(j[key] == 12);
  }
}

// The cochrane preset's prediction interval is Higgins et al.'s: t(k - 2) with the unscaled SE,
// R meta 7.0 metagen(..., method.tau = "REML", method.random.ci = "HK", method.predict = "HTS")
// -> [-2.00837605069052, 0.579311353960315] (before the fix: the HK-scaled SE, [-2.0091, 0.5800]).
TEST_CASE("pool prints a table like metafor's print.rma", "[pool]") {
  const auto r = run_cli({"pool", "--data", temp_csv("bcg.csv", kBcg), "--measure", "RR", "--preset", "cochrane"});
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "Random-Effects Model (k = 13; tau^2 estimator: REML)\n"
        "\n"
        "tau^2 (estimated amount of total heterogeneity): 0.3132 (SE = 0.1664) [0.1197, 1.1115]\n"
        "tau (square root of estimated tau^2 value):      0.5597 [0.3460, 1.0543]\n"
        "I^2 (total heterogeneity / total variability):   92.22% [81.92%, 97.68%]\n"
        "H^2 (total variability / sampling variability):  12.86 [5.53, 43.07]\n"
        "\n"
        "Test for Heterogeneity:\n"
        "Q(df = 12) = 152.2330, p-val < .0001\n"
        "\n"
        "Model Results (log scale):\n"
        "\n"
        "estimate      se     tval  df    pval    ci.lb    ci.ub\n"
        " -0.7145  0.1808  -3.9522  12  0.0019  -1.1084  -0.3206\n"
        "\n"
        "Prediction interval: [-2.0084, 0.5793] (t with 11 df)\n"
        "\n"
        "Back-transformed (RR): 0.4894 [0.3301, 0.7257]; prediction interval [0.1342, 1.7848]\n");
}

TEST_CASE("pool: unknown option values are usage errors listing the valid ones", "[pool]") {
  const std::string csv = temp_csv("bcg.csv", kBcg);
  auto r = run_cli({"pool", "--data", csv, "--measure", "RR", "--method", "REM"});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "metareview pool: --method: unknown value 'REM'; valid values: FE, MH, PETO, DL, REML, ML, PM, HE, HS, SJ, EB\n");
  r = run_cli({"pool", "--data", csv, "--measure", "rr"});
  CHECK(r.err ==
        "metareview pool: --measure: unknown value 'rr'; valid values: GEN, HR, OR, RR, RD, PR, PLO, PAS, PFT, MD, SMD\n");
  r = run_cli({"pool", "--data", csv, "--measure", "RR", "--pi-dist", "t"});
  CHECK(r.err == "metareview pool: --pi-dist: unknown value 't'; valid values: z, t-k1, t-k2, none\n");
  r = run_cli({"pool", "--data", csv, "--measure", "RR", "--preset", "rev5"});
  CHECK(r.err == "metareview pool: --preset: unknown value 'rev5'; valid values: metafor, cochrane, revman5, iqwig\n");
  r = run_cli({"pool", "--data", csv, "--measure", "RR", "--adhoc", "iqwig"});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err == "metareview pool: adhoc iqwig modifies Hartung-Knapp and needs test knha\n");
  r = run_cli({"pool", "--data", csv, "--measure", "RR", "--method", "PETO"});
  CHECK(r.err == "metareview pool: --method PETO gives an odds ratio; use --measure OR, not RR\n");
  // A preset's ad hoc rule goes with its test: iqwig with --test z is plain z.
  r = run_cli({"pool", "--data", csv, "--measure", "RR", "--preset", "iqwig", "--test", "z", "--json"});
  CHECK(r.status == 0);
  CHECK(nlohmann::json::parse(r.out)["settings"]["adhoc"] == "none");
}

TEST_CASE("pool: bad CSV gives every problem as FILE:ROW:COL, exit 1 and nothing on stdout", "[pool]") {
  const std::string csv = temp_csv("bad.csv", "study,ai,n1i,ci,n2i\nA,12,10,2,10\nB,1,10,x,10\n");
  const auto r = run_cli({"pool", "--data", csv, "--measure", "OR"});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.out.empty());
  CHECK(r.err == csv + ":2:3: error: column 'ai': 12 events exceed n1i = 10\n" + csv +
                     ":3:8: error: column 'ci': 'x' is not a number\n");
  const auto missing = run_cli({"pool", "--data", "/nonexistent/metareview/x.csv", "--measure", "OR"});
  CHECK(missing.status == metareview::cli::kExitInvalidInput);
  CHECK(missing.err == "/nonexistent/metareview/x.csv: error: cannot read the file (No such file or directory)\n");
}

// Regression (issue 13): --level 0.95 gave a 0.95% interval ("HR 0.61 [0.61, 0.61]"). metafor
// reads 0.95 as 95% (metafor:::.level), and so do we; values nobody means are refused.
TEST_CASE("pool --level takes 95 or 0.95 alike and refuses ambiguous levels", "[pool]") {
  const auto csv = temp_csv("bcg.csv", kBcg);
  const auto pct = run_cli({"pool", "--data", csv, "--measure", "RR", "--level", "95", "--json"});
  const auto prop = run_cli({"pool", "--data", csv, "--measure", "RR", "--level", "0.95", "--json"});
  REQUIRE(pct.status == 0);
  REQUIRE(prop.status == 0);
  CHECK(prop.out == pct.out);
  const auto j = nlohmann::json::parse(prop.out);
  CHECK(near(j["ci_lb"], -1.066897675740053));  // metafor's 95% CI of dat.bcg (REML)
  CHECK(j["settings"]["level"] == 95.0);
  const auto bad = run_cli({"pool", "--data", csv, "--measure", "RR", "--level", "0.05"});
  CHECK(bad.status == 2);
  CHECK(bad.err ==
        "metareview pool: --level 0.05 is not a confidence level: a percentage from 50 to below 100 (as 95) or a "
        "proportion between 0.5 and 1 (as 0.95)\n");
}
