// `metareview new study|review`: skeletons that the readers accept as they are.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"

namespace {
namespace fs = std::filesystem;
namespace cli = metareview::cli;
using metareview::test::run_cli;
using metareview::test::slurp;
}  // namespace

TEST_CASE("new study and new review write skeletons that validate as they are", "[cli]") {
  const fs::path root = metareview::test::temp_dir("metareview-cli-new");
  const fs::path studies = root / "studies";
  fs::create_directories(studies / "reviews");
  const std::string study = (studies / "smith-2024.xml").string();
  const auto s = run_cli({"new", "study", "-o", study});
  CHECK(s.status == cli::kExitOk);
  CHECK(s.err == "wrote " + study + " (a skeleton: replace every REPLACE and every placeholder number)\n");
  CHECK(slurp(study).find("<study id=\"smith-2024\" format=\"1\">") != std::string::npos);
  const auto v = run_cli({"validate", study});
  CHECK(v.err.empty());
  CHECK(v.out == study + ": 1 study, 1 outcome, all valid\n");

  const std::string review = (studies / "reviews" / "my-review.xml").string();
  const auto r = run_cli({"new", "review", "--studies", studies.string(), "-o", review});
  CHECK(r.status == cli::kExitOk);
  CHECK(slurp(review).find("<study ref=\"smith-2024\"/>") != std::string::npos);
  const auto vr = run_cli({"validate", studies.string(), review});
  CHECK(vr.err.empty());
  CHECK(vr.out == review + ": 1 review, 1 analysis, all valid (studies from " + studies.string() + ")\n");
  CHECK(slurp(review).find("--", slurp(review).find("<!--") + 4) == slurp(review).find("-->"));  // XML comments forbid "--"

  // The XSDs accept them too (as CTest's study_schema and review_schema need xmllint).
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    const std::string src = METAREVIEW_SOURCE_DIR;
    CHECK(std::system(("xmllint --noout --nonet --schema " + src + "/studies/schema.xsd " + study + " 2>/dev/null").c_str()) == 0);
    CHECK(std::system(("xmllint --noout --nonet --schema " + src + "/studies/reviews/review.xsd " + review + " 2>/dev/null").c_str()) ==
          0);
  }

  // Never over a file that exists.
  const auto again = run_cli({"new", "study", "-o", study});
  CHECK(again.status == cli::kExitInvalidInput);
  CHECK(again.err == "metareview new: error: '" + study + "' exists; metareview new writes only new files\n");
  fs::remove_all(root);
}

TEST_CASE("new review without a two-arm binary outcome in the library says what to do", "[cli]") {
  const fs::path root = metareview::test::temp_dir("metareview-cli-new-empty");
  fs::create_directories(root / "studies");
  fs::copy_file(std::string(METAREVIEW_SOURCE_DIR) + "/studies/dreamm-2-2020.xml", root / "studies" / "dreamm-2-2020.xml");
  const std::string lib = (root / "studies").string() + "/";
  const auto r = run_cli({"new", "review", "--studies", lib});
  CHECK(r.status == cli::kExitInvalidInput);
  CHECK(r.err == "metareview new: error: no study in " + lib +
                     " has a two-arm binary outcome for the review's first row; write one with 'metareview new study -o " +
                     lib + "NAME.xml', or name the library with --studies\n");
  fs::remove_all(root);
}
