// export/r_script: the CSV and metafor script of an analysis, and `metareview export`. These run
// without R; the opt-in CTest test r_export (label R, tests/tools/check_r_export.sh) runs every
// exported script of the shipped reviews with Rscript.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "export/r_script.h"
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
using metareview::test::cells;
using metareview::test::contains;
using metareview::test::lines;

const review::ReviewResult& anti_cd38() {
  static const review::Review rv = shipped_review("anti-cd38-rrmm-pfs");
  static const review::ReviewResult r = review::run_review(rv, library());
  return r;
}

}  // namespace

TEST_CASE("r_data_csv writes each data set's rows with the escalc inputs and yi, vi", "[export]") {
  const auto& pfs = result(anti_cd38(), "pfs");
  const auto rows = lines(ex::r_data_csv(pfs));
  REQUIRE(rows.size() == 1 + 6 * 3);  // main and two declared sensitivity analyses, six trials each
  CHECK(rows[0] == "set,study,subgroup,hr,hr_ci_lb,hr_ci_ub,hr_level,o_minus_e,v,yi,vi,se_floored");
  const auto candor = cells(rows[1]);
  REQUIRE(candor.size() == 12);
  CHECK(candor[0] == "main");
  CHECK(candor[1] == "CANDOR");
  CHECK(candor[2] == "Proteasome inhibitor");
  CHECK(candor[3] == "0.63");  // studies/candor-2020.xml: HR 0.63 (95% CI 0.46 to 0.85)
  CHECK(candor[4] == "0.46");
  CHECK(candor[5] == "0.85");
  CHECK(candor[6] == "95");
  CHECK(candor[7] == "NA");
  // Hand calculation: log HR, and the SE from the CI's width on the log scale over 2 z(0.975).
  CHECK(std::stod(candor[9]) == Approx(std::log(0.63)).epsilon(1e-15));
  const double se = (std::log(0.85) - std::log(0.46)) / (2 * 1.959963984540054);
  CHECK(std::stod(candor[10]) == Approx(se * se).epsilon(1e-14));
  CHECK(candor[11] == "0");
  CHECK(cells(rows[7])[0] == "sensitivity:hartung-knapp");
  CHECK(cells(rows[13])[0] == "sensitivity:dersimonian-laird");
}

TEST_CASE("r_script refits with the analysis' settings and checks metareview's numbers", "[export]") {
  const auto& pfs = result(anti_cd38(), "pfs");
  const std::string s = ex::r_script(pfs, "anti-cd38-rrmm-pfs");
  CHECK(contains(s, "csv <- read.csv(file.path(here, \"pfs.csv\")"));
  CHECK(contains(s, "random <- rma(yi, vi, data = d, method = \"REML\", test = \"z\", level = 95, "
                    "control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))\n"));
  // The declared sensitivity analyses: Hartung-Knapp, and DerSimonian-Laird.
  CHECK(contains(s, "d <- csv[csv$set == \"sensitivity:hartung-knapp\", ]\n"));
  CHECK(contains(s, "method = \"REML\", test = \"knha\", level = 95"));
  CHECK(contains(s, "method = \"DL\", test = \"z\", level = 95"));
  // Subgroups with their own tau2, and the test for subgroup differences.
  CHECK(contains(s, "dg <- d[d$subgroup == \"Immunomodulatory drug\", ]\n"));
  CHECK(contains(s, "between <- rma(yi = c("));
  // The constants are the run's, to 17 significant digits.
  char want[128];
  std::snprintf(want, sizeof want, "check(\"main random estimate\", random$beta, %.17g)\n", pfs.random->estimate());
  CHECK(contains(s, want));
  std::snprintf(want, sizeof want, "check(\"main random tau2\", random$tau2, %.17g)\n", *pfs.random->tau2);
  CHECK(contains(s, want));
  // Per-study weights in percent, one per pooled row (six trials).
  std::snprintf(want, sizeof want, "check_weights(\"main random\", weights(random), c(%.17g, ", pfs.random->weights[0]);
  CHECK(contains(s, want));
  CHECK(contains(s, "l1o <- leave1out(random)\n"));
  CHECK(s.substr(s.size() - 12) == "cat(\"OK\\n\")\n");
}

TEST_CASE("r_script writes by hand what metafor lacks: I2 from Q, t prediction intervals, IQWiG's rule", "[export]") {
  const review::Review rv = metareview::test::review_at("tests/data/export/settings-matrix.xml");
  const review::ReviewResult res = review::run_review(rv, library());
  const std::string tk1 = ex::r_script(result(res, "hr-tk1"), rv.id);
  CHECK(contains(tk1, "random <- rma(yi, vi, data = d, method = \"SJ\", test = \"knha\", level = 95, "));
  CHECK(contains(tk1, "check(\"main random I2\", with(random, if (QE > k - 1) 100 * (QE - (k - 1)) / QE else 0), "));
  // Higgins et al.'s t interval with the unscaled SE (not metafor's HK-scaled se).
  CHECK(contains(tk1, "pi_half <- with(random, qt(1 - (1 - 95 / 100) / 2, k - 1) * sqrt(1 / sum(1 / (vi + tau2)) + "
                      "tau2))\n"));
  const std::string iqwig = ex::r_script(result(res, "hr-iqwig"), rv.id);
  CHECK(contains(iqwig, "  hk <- rma(yi, vi, data = d, method = \"PM\", test = \"knha\", level = 95, control = "
                        "list(threshold = 1e-10, maxiter = 1000, stepadj = 1, tol = 1e-14))\n"));
  CHECK(contains(iqwig, "  if (hk$ci.ub - hk$ci.lb < dl$ci.ub - dl$ci.lb) rma(yi, vi, data = d, method = \"PM\", "
                        "test = \"adhoc\""));
  CHECK(contains(iqwig, "qt(1 - (1 - 95 / 100) / 2, k - 2)"));
  const std::string revman = ex::r_script(result(res, "hr-revman"), rv.id);
  CHECK(contains(revman, "common <- rma(yi, vi, data = d, method = \"FE\", test = \"z\", level = 90, "));
  CHECK(contains(revman, "random <- rma(yi, vi, data = d, method = \"DL\", test = \"z\", level = 90, "));
}

TEST_CASE("r_script: escalc with the review's add, to and drop00, and an analysis not pooled", "[export]") {
  const review::Review rv = metareview::test::review_at("tests/data/reviews/good/every-construct.xml");
  const review::ReviewResult res = review::run_review(rv, library());
  const std::string orr = ex::r_script(result(res, "orr"), rv.id);
  CHECK(contains(orr, "e <- escalc(measure = \"OR\", ai = as.numeric(d$ai), n1i = as.numeric(d$n1i), ci = as.numeric(d$ci), "
                      "n2i = as.numeric(d$n2i), "
                      "add = 0.25, to = \"all\", drop00 = TRUE)\n"));
  // implausible="exclude" leaves Niu 2026 out: one study, nothing pooled, nothing fitted.
  const std::string pfs = ex::r_script(result(res, "pfs"), rv.id);
  CHECK(contains(pfs, "# not pooled: only one study has usable data (ENDEAVOR 2016)\n"));
  CHECK_FALSE(contains(pfs, "rma("));
  CHECK(lines(ex::r_data_csv(result(res, "pfs"))).size() == 1 + 2);  // ENDEAVOR in main and in dl-z
}

TEST_CASE("metareview export --format r writes every review's analyses, the same bytes each time", "[export][cli]") {
  using metareview::test::run_cli;
  const fs::path dir = metareview::test::temp_dir("metareview-export");
  const std::string studies = metareview::test::kSource + "/studies";
  const auto first = run_cli({"export", "--format", "r", "--studies", studies, "--out", (dir / "a").string()});
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(contains(first.err, " of 4 reviews written to "));
  CHECK(fs::is_regular_file(dir / "a" / "anti-cd38-rrmm-pfs" / "pfs.R"));
  CHECK(fs::is_regular_file(dir / "a" / "bcma-rrmm-orr" / "orr-pft.csv"));
  REQUIRE(run_cli({"export", "--format", "r", "--studies", studies, "--out", (dir / "b").string()}).status == 0);
  for (const char* f : {"carfilzomib-vs-bortezomib/pfs-cohort.R", "carfilzomib-vs-bortezomib/pfs-cohort.csv",
                        "hco-hd-cast-nephropathy/mortality-2y.R"})
    CHECK(metareview::test::slurp(dir / "a" / f) == metareview::test::slurp(dir / "b" / f));
  // A directory of `metareview run` outputs is not replaced.
  fs::create_directories(dir / "c" / "bcma-rrmm-orr");
  std::ofstream(dir / "c" / "bcma-rrmm-orr" / "results.json") << "{}";
  const auto over = run_cli({"export", "--format", "r", "--studies", studies, "--out", (dir / "c").string()});
  CHECK(over.status == 1);
  CHECK(contains(over.err, "metareview export: error: '" + (dir / "c" / "bcma-rrmm-orr").generic_string() +
                               "' holds the outputs of metareview run, which the export would replace; export to "
                               "another directory\n"));
  CHECK_FALSE(fs::exists(dir / "c" / "anti-cd38-rrmm-pfs"));
  fs::remove_all(dir);
}

TEST_CASE("metareview export rejects an unknown format and a missing --out", "[export][cli]") {
  using metareview::test::run_cli;
  const auto csv = run_cli({"export", "--format", "xlsx", "--out", "x"});
  CHECK(csv.status == 2);
  CHECK(csv.err == "metareview export: --format: xlsx not in {r,csv}\nRun 'metareview export --help' for its options.\n");
  const auto no_out = run_cli({"export", "--format", "r"});
  CHECK(no_out.status == 2);
  CHECK(no_out.err == "metareview export: --out is required\nRun 'metareview export --help' for its options.\n");
}
