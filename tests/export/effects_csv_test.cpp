// export/effects_csv and export/write: `metareview export --format csv`, and the R export that
// `metareview run` writes beside results.json.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "export/effects_csv.h"
#include "../support/cli_runner.h"
#include "../support/files.h"
#include "../support/text_lines.h"
#include "../unit/review/review_fixture.h"

namespace {

namespace fs = std::filesystem;
namespace ex = metareview::exporter;
namespace review = metareview::review;
using metareview::test::library;
using metareview::test::result;
using metareview::test::shipped_review;
using metareview::test::contains;

std::vector<std::vector<std::string>> table(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& line : metareview::test::lines(text)) out.push_back(metareview::test::cells(line));
  return out;
}

}  // namespace

TEST_CASE("effects_csv writes each row's inputs, yi, vi, sei, its interval and its weights", "[export]") {
  static const review::Review rv = shipped_review("anti-cd38-rrmm-pfs");
  static const review::ReviewResult res = review::run_review(rv, library());
  const auto t = table(ex::effects_csv(result(res, "pfs")));
  REQUIRE(t.size() == 1 + 6);
  CHECK(t[0] == std::vector<std::string>{"study", "study_id", "year", "subgroup", "pooled", "note", "hr", "hr_ci_lb",
                                         "hr_ci_ub", "hr_level", "o_minus_e", "v", "yi", "vi", "sei", "ci_lb", "ci_ub",
                                         "weight_common", "weight_random"});
  const auto& candor = t[1];
  CHECK(candor[0] == "CANDOR");
  CHECK(candor[1] == "candor-2020");
  CHECK(candor[2] == "2020");
  CHECK(candor[4] == "1");
  CHECK(candor[6] == "0.63");  // studies/candor-2020.xml: HR 0.63 (95% CI 0.46 to 0.85)
  // Hand calculation: log HR; SE from the CI's width on the log scale over 2 z(0.975); the
  // study's interval yi -+ z SE is then the reported CI on the log scale.
  const double se = (std::log(0.85) - std::log(0.46)) / (2 * 1.959963984540054);
  CHECK(std::stod(candor[12]) == Approx(std::log(0.63)).epsilon(1e-15));
  CHECK(std::stod(candor[13]) == Approx(se * se).epsilon(1e-14));
  CHECK(std::stod(candor[14]) == Approx(se).epsilon(1e-14));
  CHECK(std::stod(candor[15]) == Approx(std::log(0.63) - (std::log(0.85) - std::log(0.46)) / 2).epsilon(1e-14));
  CHECK(std::stod(candor[16]) == Approx(std::log(0.63) + (std::log(0.85) - std::log(0.46)) / 2).epsilon(1e-14));
  // The analysis fits random effects only (model="random"): no common-effect weight. Random-
  // effects weights are 1/(vi + tau2) over their sum, in percent (metafor weights()).
  CHECK(candor[17] == "NA");
  double sum_wr = 0, total_random = 0;
  const double tau2 = *result(res, "pfs").random->tau2;
  for (std::size_t i = 1; i < t.size(); ++i) {
    sum_wr += 1 / (std::stod(t[i][13]) + tau2);
    total_random += std::stod(t[i][18]);
  }
  CHECK(std::stod(candor[18]) == Approx(100 / (std::stod(candor[13]) + tau2) / sum_wr).epsilon(1e-12));
  CHECK(total_random == Approx(100).epsilon(1e-12));
}

TEST_CASE("metareview export --format csv writes the tables and keeps another export's directory", "[export][cli]") {
  using metareview::test::run_cli;
  const fs::path dir = metareview::test::temp_dir("metareview-export-csv");
  const std::string studies = metareview::test::kSource + "/studies";
  const auto csv = run_cli({"export", "--format", "csv", "--studies", studies, "--out", (dir / "a").string()});
  INFO(csv.err);
  REQUIRE(csv.status == 0);
  CHECK(contains(csv.err, " of 4 reviews written to " + (dir / "a").string() +
                              " as effect-size tables (<review>/<analysis>-effects.csv)\n"));
  CHECK(fs::is_regular_file(dir / "a" / "bcma-rrmm-orr" / "orr-pft-effects.csv"));
  CHECK(metareview::test::slurp(dir / "a" / "anti-cd38-rrmm-pfs" / ".metareview-outputs")
            .rfind("# Written by metareview export --format csv; any other file here is yours and is kept.\n", 0) == 0);
  // An R export in the same place is another command's output: not replaced.
  const auto r = run_cli({"export", "--format", "r", "--studies", studies, "--out", (dir / "a").string()});
  CHECK(r.status == 1);
  CHECK(r.err == "metareview export: error: '" + (dir / "a" / "anti-cd38-rrmm-pfs").generic_string() +
                     "' holds the outputs of metareview export --format csv, which the export would replace; export "
                     "to another directory\n");
  CHECK(fs::is_regular_file(dir / "a" / "anti-cd38-rrmm-pfs" / "pfs-effects.csv"));
  CHECK_FALSE(fs::exists(dir / "a" / "anti-cd38-rrmm-pfs" / "pfs.R"));
  fs::remove_all(dir);
}

TEST_CASE("metareview run writes each analysis' R script beside results.json and lists it", "[export][cli]") {
  using metareview::test::run_cli;
  const fs::path dir = metareview::test::temp_dir("metareview-run-r");
  const std::string studies = metareview::test::kSource + "/studies";
  const auto run = run_cli({"run", "--studies", studies, "--review", "anti-cd38-rrmm-pfs", "--out", dir.string()});
  INFO(run.err);
  REQUIRE(run.status == 0);
  const fs::path out = dir / "anti-cd38-rrmm-pfs";
  const auto exported = run_cli({"export", "--format", "r", "--studies", studies, "--out", (dir / "x").string()});
  REQUIRE(exported.status == 0);
  for (const char* f : {"pfs.R", "pfs.csv", "pfs-latest.R", "pfs-latest.csv"})
    CHECK(metareview::test::slurp(out / f) == metareview::test::slurp(dir / "x" / "anti-cd38-rrmm-pfs" / f));
  CHECK(contains(metareview::test::slurp(out / "report.md"),
                 "| Progression-free survival, anti-CD38 triplet vs doublet (primary analyses) | [pfs.R](pfs.R) | "
                 "[pfs.csv](pfs.csv) |\n"));
  CHECK(contains(metareview::test::slurp(out / "report.html"), "<td><a href=\"pfs.R\">pfs.R</a></td>"));
  CHECK(contains(metareview::test::slurp(out / "provenance.json"), "\"pfs.R\""));
  fs::remove_all(dir);
}

// A RevMan generic inverse-variance outcome of MD (tests/data/rm5/ipd-and-iv.rm5, hand-written)
// imports as <generic> rows: no arm data, so the script takes their yi and vi as given. Before,
// escalc() of all-NA arm columns stopped the script ("'m1i' argument is not numeric").
TEST_CASE("the R script of an analysis of generic rows takes their yi and vi as given", "[export][cli]") {
  using metareview::test::run_cli;
  const fs::path dir = metareview::test::temp_dir("metareview-export-generic");
  const auto imported = run_cli({"import", metareview::test::kSource + "/tests/data/rm5/ipd-and-iv.rm5", "--out",
                                 (dir / "lib").string()});
  REQUIRE(imported.status == 0);
  REQUIRE(run_cli({"export", "--format", "r", "--studies", (dir / "lib").string(), "--out", (dir / "r").string()})
              .status == 0);
  const std::string md = metareview::test::slurp(dir / "r" / "ipd-and-iv" / "c2-o4.R");
  CHECK(contains(md, "m1i = as.numeric(d$m1i)"));
  CHECK(contains(md, "given <- is.na(e$yi) & !is.na(d$yi)\ne$yi[given] <- d$yi[given]\ne$vi[given] <- d$vi[given]\n"));
  fs::remove_all(dir);
}
