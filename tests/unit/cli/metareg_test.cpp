// `metareview pool --mods` and `metareview permutest` through cli::run with in-memory
// streams: the JSON keys and numbers (R metafor 3.8-1, from tests/golden/metareg/expected.csv:
//   rma(yi, vi, mods = ~ ablat, data = bcg.csv, method = "REML", test = "z" | "knha")),
// and every bad input's message, verbatim, with its exit code.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "../../support/golden_csv.h"
#include "../../support/json_near.h"
#include "../../support/tolerance.h"

namespace {

using metareview::test::kRRelative;
using metareview::test::run_cli;

const std::string kBcg = std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/metareg/bcg.csv";

// A file in this process's own temp directory (made fresh once per test run).
std::string temp_file(const std::string& name, const std::string& text) {
  static const std::filesystem::path dir = metareview::test::temp_dir("metareview-metareg-test");
  const auto path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

using metareview::test::near;

// Six studies: x numeric, g text (a factor), c constant, x2 = 2 x (collinear with x).
const char* kSmall =
    "study,yi,vi,x,g,c,x2\n"
    "A,-0.9,0.33,44,a,1,88\n"
    "B,-1.6,0.19,55,b,1,110\n"
    "C,-1.4,0.42,42,a,1,84\n"
    "D,-0.2,0.02,52,c,1,104\n"
    "E,-0.5,0.07,13,b,1,26\n"
    "F,-0.8,0.06,44,c,1,88\n";

}  // namespace

TEST_CASE("pool --mods --json: metafor's coefficients, QM, QE, tau2 and R2", "[pool][metareg]") {
  const auto r = run_cli({"pool", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--json"});
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["k"] == 13);
  CHECK(j["p"] == 2);
  const auto& c = j["coefficients"];
  REQUIRE(c.size() == 2);
  CHECK(c[0]["name"] == "intrcpt");
  CHECK(c[1]["name"] == "ablat");
  CHECK(near(c[0]["estimate"], 0.25146821000695357));
  CHECK(near(c[1]["estimate"], -0.029101725011642862));
  CHECK(near(c[1]["pval"], 5.2427939741350923e-05));
  CHECK(c[1].contains("zval"));
  CHECK(near(j["QM"], 16.358232147046746));
  CHECK(j["QM_df1"] == 1);
  CHECK(j["QM_df2"].is_null());
  CHECK(near(j["QM_p"], 5.242793974135074e-05));
  CHECK(near(j["QE"], 30.733090010749258));
  CHECK(near(j["QE_p"], 0.001214290987420037));
  CHECK(near(j["tau2"], 0.076347963955919307));
  CHECK(near(j["I2"], 68.391224838385227));
  CHECK(near(j["R2"], 75.626621811393278));
}

TEST_CASE("pool --mods --test knha: t tests and QM as F(m, k - p)", "[pool][metareg]") {
  const auto r =
      run_cli({"pool", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--test", "knha", "--json"});
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["coefficients"][1].contains("tval"));
  CHECK(near(j["coefficients"][1]["pval"], 0.0045650515415925916));
  CHECK(near(j["QM"], 12.590982884379944));
  CHECK(j["QM_df1"] == 1);
  CHECK(j["QM_df2"] == 11);
  CHECK(near(j["QM_p"], 0.0045650515415925916));
}

TEST_CASE("pool --mods: a text column is a factor, and the table is metafor's layout", "[pool][metareg]") {
  const auto r = run_cli({"pool", "--data", kBcg, "--measure", "GEN", "--mods", "ablat,alloc", "--method", "DL"});
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Mixed-Effects Model (k = 13; tau^2 estimator: DL)") != std::string::npos);
  CHECK(r.out.find("Test of Moderators (coefficients 2:4):\nQM(df = 3) = 12.8920, p-val = 0.0049") !=
        std::string::npos);
  CHECK(r.out.find("R^2 (amount of heterogeneity accounted for):            61.84%") != std::string::npos);
  CHECK(r.out.find("allocsystematic") != std::string::npos);
}

TEST_CASE("pool --factor: a numeric column read as a factor", "[pool][metareg]") {
  const auto path = temp_file("small.csv", kSmall);
  const auto r = run_cli({"pool", "--data", path, "--measure", "GEN", "--mods", "x", "--factor", "x", "--method", "FE", "--json"});
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  const auto& c = j["coefficients"];
  // Levels 13, 42, 44, 52, 55 sorted by value; 13 is the reference.
  REQUIRE(c.size() == 5);
  CHECK(c[1]["name"] == "x42");
  CHECK(c[4]["name"] == "x55");
}

TEST_CASE("pool --mods: bad moderators are errors at their column, exit 1", "[pool][metareg][errors]") {
  const auto path = temp_file("small.csv", kSmall);
  const auto fails = [&](std::vector<std::string> args, const std::string& message) {
    std::vector<std::string> all{"pool", "--data", path, "--measure", "GEN"};
    all.insert(all.end(), args.begin(), args.end());
    const auto r = run_cli(all);
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err == message);
  };
  fails({"--mods", "dose"}, path + ":1:1: error: missing column 'dose' named by --mods; the header has study, yi, vi, x, g, c, x2\n");
  fails({"--mods", "c"}, path + ":1:17: error: moderator 'c' is constant (1 in every study); it cannot be estimated next to the intercept\n");
  fails({"--mods", "x,x2"}, path + ":1:19: error: moderator 'x2' is collinear with intrcpt, x (a linear combination of them); drop one of these moderators\n");
  fails({"--mods", "x,g", "--factor", "x"},
        path + ":1:15: error: 7 coefficients (intrcpt, x42, x44, x52, x55, gb, gc) and tau2 cannot be estimated from k = 6 "
               "studies; use fewer moderators or factor levels\n");
}

TEST_CASE("pool --mods: a missing moderator value drops its row with a warning, or fails under --strict",
          "[pool][metareg][errors]") {
  const auto path = temp_file("na.csv", "study,yi,vi,x\nA,-0.9,0.33,44\nB,-1.6,0.19,NA\nC,-1.4,0.42,42\nD,-0.2,0.02,52\n"
                                        "E,-0.5,0.07,13\n");
  const auto r = run_cli({"pool", "--data", path, "--measure", "GEN", "--mods", "x", "--json"});
  CHECK(r.status == 0);
  CHECK(r.err == path + ":3:1: warning: row of study 'B' left out: no value in column 'x' (as metafor leaves out studies "
                        "with missing values; --strict makes this an error)\n");
  CHECK(nlohmann::json::parse(r.out)["k"] == 4);
  const auto s = run_cli({"pool", "--data", path, "--measure", "GEN", "--mods", "x", "--strict"});
  CHECK(s.status == 1);
  CHECK(s.err == path + ":3:13: error: column 'x': value missing\n");
}

TEST_CASE("pool: --factor and --plot need --mods, and --plot one numeric moderator", "[pool][metareg][errors]") {
  const auto path = temp_file("small.csv", kSmall);
  auto r = run_cli({"pool", "--data", path, "--measure", "GEN", "--factor", "x"});
  CHECK(r.status == 2);
  CHECK(r.err == "metareview pool: --factor needs --mods (the moderators it applies to)\n");
  r = run_cli({"pool", "--data", path, "--measure", "GEN", "--mods", "g", "--plot", "out.svg"});
  CHECK(r.status == 2);
  CHECK(r.err == "metareview pool: --plot draws a bubble plot of one numeric moderator; 'g' holds text, so it is a factor\n");
  r = run_cli({"pool", "--data", path, "--measure", "GEN", "--mods", "x", "--factor", "g"});
  CHECK(r.status == 2);
  CHECK(r.err == "metareview pool: --factor g: not one of the --mods columns (x)\n");
}

TEST_CASE("permutest --json: exact when the permutations are few (metafor's rule), p-values as metafor's",
          "[permutest][metareg]") {
  // Rows 1-6 of bcg.csv; metafor: permutest(rma(yi, vi, mods = ~ ablat, data = d[1:6, ]),
  // exact = TRUE) -> 360 permutations, QMp 0.03888888888888889 (tests/golden/metareg/permutest.csv).
  std::ifstream in(kBcg);
  std::string text, line;
  for (int i = 0; i < 7 && std::getline(in, line); ++i) text += line + '\n';
  const auto path = temp_file("bcg6.csv", text);
  const auto r = run_cli({"permutest", "--data", path, "--measure", "GEN", "--mods", "ablat", "--json"});
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["exact"] == true);
  CHECK(j["iter"] == 360);
  CHECK(j["seed"].is_null());
  CHECK(near(j["QM_p"], 0.03888888888888889));
  const auto s = run_cli({"permutest", "--data", path, "--measure", "GEN", "--mods", "ablat", "--exact", "--seed", "3"});
  CHECK(s.status == 2);
  CHECK(s.err == "metareview permutest: --seed has no use with --exact (every permutation is enumerated)\n");
}

TEST_CASE("pool with a subgroup column, --subgroup-tau2 common: metafor's mixed-effects model", "[pool][subgroups]") {
  // tests/golden/subgroups/expected.csv (make_golden.R there): rma(yi, vi, mods = ~ factor(g))
  // gives tau2 and QM; rma(yi, vi, tau2 = that, subset = g == level) each subgroup's estimate.
  const std::string data = std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/render/anticd38_pfs.csv";
  const metareview::test::GoldenCsv csv("tests/golden/subgroups/expected.csv");
  int checked = 0;
  for (std::size_t r = 0; r < csv.size(); ++r) {
    if (csv.str(r, "case") != "anticd38") continue;
    const std::string method = csv.str(r, "method");
    INFO(method);
    const auto run = run_cli({"pool", "--data", data, "--measure", "HR", "--method", method, "--subgroup-tau2", "common",
                              "--json"});
    REQUIRE(run.status == 0);
    const auto j = nlohmann::json::parse(run.out)["subgroups"];
    CHECK(j["subgroup_tau2"] == "common");
    CHECK(near(j["tau2_common"], csv.num(r, "tau2")));
    CHECK(near(j["test"]["Q"], csv.num(r, "QM")));
    CHECK(near(j["test"]["pval"], csv.num(r, "QM_p")));
    CHECK(j["test"]["df"] == 1);
    CHECK(near(j["subgroups"][0]["estimate"], csv.num(r, "est1")));
    CHECK(near(j["subgroups"][0]["se"], csv.num(r, "se1")));
    CHECK(near(j["subgroups"][1]["estimate"], csv.num(r, "est2")));
    CHECK(near(j["subgroups"][1]["se"], csv.num(r, "se2")));
    ++checked;
  }
  CHECK(checked == 3);  // REML, DL, PM
}

TEST_CASE("pool with a subgroup column: separate tau2 by default, the test named and its caveat given",
          "[pool][subgroups]") {
  const std::string data = std::string(METAREVIEW_SOURCE_DIR) + "/tests/golden/render/anticd38_pfs.csv";
  const auto text = run_cli({"pool", "--data", data, "--measure", "HR"});
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Subgroups (random effects with tau^2 estimated separately in each subgroup):") !=
        std::string::npos);
  CHECK(text.out.find("; 6 studies in all: too few for a reliable comparison of subgroups (Cochrane Handbook "
                      "10.11.5.1)\n") != std::string::npos);
  const auto run = run_cli({"pool", "--data", data, "--measure", "HR", "--json"});
  const auto j = nlohmann::json::parse(run.out)["subgroups"];
  CHECK(j["subgroup_tau2"] == "separate");
  CHECK(j["tau2_common"].is_null());
  // Two subgroups: Q_between = (e1 - e2)^2 / (se1^2 + se2^2) (R meta's Q.b.random).
  const auto& g = j["subgroups"];
  const double e1 = g[0]["estimate"], e2 = g[1]["estimate"], s1 = g[0]["se"], s2 = g[1]["se"];
  CHECK(near(j["test"]["Q"], (e1 - e2) * (e1 - e2) / (s1 * s1 + s2 * s2)));
  const auto bad = run_cli({"pool", "--data", data, "--measure", "HR", "--subgroup-tau2", "shared"});
  CHECK(bad.status == 2);
}

TEST_CASE("pool without a subgroup column prints no subgroup section", "[pool][subgroups]") {
  const auto path = temp_file("plain.csv", "study,yi,vi\nA,-0.9,0.33\nB,-1.6,0.19\nC,-1.4,0.42\n");
  const auto r = run_cli({"pool", "--data", path, "--measure", "GEN", "--json"});
  REQUIRE(r.status == 0);
  CHECK_FALSE(nlohmann::json::parse(r.out).contains("subgroups"));
}

TEST_CASE("permutest: too many permutations for --exact, too few --iter, and MH are refused", "[permutest][errors]") {
  // bcg.csv's 13 latitudes hold four pairs alike (13, 33, 42, 44): 13! / (2!)^4 = 389,188,800.
  auto r = run_cli({"permutest", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--exact"});
  CHECK(r.status == 1);
  CHECK(r.err == "metareview permutest: error: permutest: an exact test needs 389188800 refits, more than the limit of "
                 "100000000; leave out --exact and give --iter\n");
  r = run_cli({"permutest", "--data", kBcg, "--measure", "GEN", "--mods", "ablat", "--iter", "1"});
  CHECK(r.status == 1);
  CHECK(r.err == "metareview permutest: error: permutest: iter must be at least 2, got 1\n");
  r = run_cli({"permutest", "--data", kBcg, "--measure", "OR", "--method", "MH", "--mods", "ablat"});
  CHECK(r.status == 2);
  CHECK(r.err == "metareview permutest: --mods: --method MH pools 2x2 tables and takes no moderators; use an "
                 "inverse-variance method (FE, DL, REML, ...)\n");
}
