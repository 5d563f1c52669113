// The methods text and settings table of analyses pooled by Mantel-Haenszel or Peto
// (pooling attribute, tests/data/reviews/good/pooling.xml): the report names the method it
// used, never "inverse-variance", and RevMan 5's MH random-effects model says where its tau2
// comes from.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"

namespace {
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("the report names Mantel-Haenszel and Peto pooling and RevMan 5's MH tau2", "[report][pooling]") {
  const std::string src = METAREVIEW_SOURCE_DIR;
  const fs::path root = metareview::test::temp_dir("metareview-pooling-report");
  fs::create_directories(root / "lib" / "reviews");
  for (const auto& f : fs::directory_iterator(src + "/studies"))
    if (f.path().extension() == ".xml") fs::copy_file(f.path(), root / "lib" / f.path().filename());
  fs::copy_file(src + "/tests/data/reviews/good/pooling.xml", root / "lib" / "reviews" / "pooling.xml");
  const auto r = metareview::test::run_cli({"run", "--studies", (root / "lib").string(), "--out",
                                            (root / "out").string(), "--quiet", "--templates", src + "/templates"});
  INFO(r.err);
  REQUIRE(r.status == metareview::cli::kExitOk);
  const std::string md = metareview::test::slurp(root / "out" / "pooling" / "report.md");
  CHECK(has(md, "The risk ratios were pooled on the log scale in a common-effect meta-analysis by the "
                "Mantel-Haenszel method \\[3\\], from the 2×2 tables."));
  CHECK(has(md, "The odds ratios were pooled on the log scale in a common-effect model by the Peto method \\[6\\], "
                "from the 2×2 tables, and in a random-effects model with inverse-variance weights."));
  CHECK(has(md, "The between-study variance τ² was estimated by DerSimonian-Laird (DL) \\[9\\] from Cochran's Q "
                "taken around the Mantel-Haenszel estimate, as RevMan 5 does \\[10\\], and the same Q gave the test "
                "for heterogeneity and I²; no confidence interval for τ² is given."));
  CHECK(has(md, "| Common-effect pooling | Mantel-Haenszel (R meta's method = \"MH\") | review file |"));
  CHECK(has(md, "Deeks JJ, Higgins JPT. Statistical algorithms in Review Manager 5."));
  CHECK_FALSE(has(md, "common-effect (inverse-variance)"));
}
