// The SMD of the continuous outcome imported from Fleiss1993.rm5 against R meta's
// metacont(sm = "SMD") and metafor's escalc("SMD") (smd_fleiss1993.R wrote the golden file).
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "../../support/golden_csv.h"
#include "cli/commands.h"
#include "io/study_reader.h"
#include "review/analysis.h"
#include "review/review.h"

namespace {
namespace fs = std::filesystem;
using metareview::test::GoldenCsv;

/// The run of the continuous analysis (c1-o2) of the review imported from Fleiss1993.rm5.
struct Imported {
  metareview::core::StudySet studies;
  metareview::review::Review review;
  metareview::review::ReviewResult result;
  const metareview::review::AnalysisResult* smd = nullptr;
};

std::unique_ptr<Imported> import_fleiss() {
  const fs::path lib = metareview::test::temp_dir("metareview-import-smd") / "lib";
  const auto r = metareview::test::run_cli(
      {"import", std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/rm5/Fleiss1993.rm5", "--out", lib.string()});
  REQUIRE(r.status == metareview::cli::kExitOk);
  auto out = std::make_unique<Imported>();
  metareview::core::Diagnostics diag;
  out->studies = *metareview::io::read_studies({lib.string()}, diag);
  out->review = *metareview::review::read_review((lib / "reviews" / "fleiss1993.xml").string(), out->studies, diag);
  REQUIRE(!diag.has_errors());
  out->result = metareview::review::run_review(out->review, out->studies);
  for (const auto& a : out->result.analyses)
    if (a.analysis->id == "c1-o2") out->smd = &a;
  REQUIRE(out->smd);
  REQUIRE(out->smd->common);
  return out;
}

double golden(const GoldenCsv& g, const std::string& quantity, const std::string& study, const std::string& col) {
  for (std::size_t i = 0; i < g.size(); ++i)
    if (g.str(i, "quantity") == quantity && g.str(i, "study") == study) return g.num(i, col);
  FAIL("no golden " << quantity << " " << study);
  return 0;
}

const char* const kStudies[] = {"Davis", "Florell", "Gruen", "Hart", "Wilson"};
}  // namespace

// The imported review uses the revman5 preset, so each study's SMD is RevMan 5's: R meta's
// metacont(exact.smd = FALSE), g = (1 - 3/(4m - 1)) d and var = 1/n1 + 1/n2 + g^2/(2(m - 1.94)),
// m = N - 2 (Deeks & Higgins 2010, "Statistical algorithms in Review Manager 5"). metafor's
// escalc() (and R meta's default exact.smd = TRUE) differ in the fifth digit (column "meta").
TEST_CASE("imported SMD: Hedges' g and its variance of every study equal R meta's RevMan 5 formulas", "[import][golden]") {
  const GoldenCsv g("tests/golden/import/smd_fleiss1993.csv");
  const auto imp = import_fleiss();
  const auto& es = imp->smd->es;
  REQUIRE(es.k() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    INFO(kStudies[i]);
    CHECK(std::fabs(es.yi[i] - golden(g, "yi", kStudies[i], "meta_revman5")) < 1e-12);
    CHECK(std::fabs(es.vi[i] - golden(g, "vi", kStudies[i], "meta_revman5")) < 1e-12);
  }
}

// The pooled SMD of RevMan 5's settings; before the revman5 preset used RevMan's SMD formulas it
// was metafor's -0.344046 (column "metafor"), 6e-4 away.
TEST_CASE("imported SMD: the pooled SMD equals R meta's metacont with RevMan 5 settings to 1e-6",
          "[import][golden]") {
  const GoldenCsv g("tests/golden/import/smd_fleiss1993.csv");
  const auto imp = import_fleiss();
  const auto& es = imp->smd->es;
  for (std::size_t i = 0; i < 5; ++i) CHECK(std::fabs(es.yi[i] - golden(g, "yi", kStudies[i], "meta_revman5")) < 1e-6);
  CHECK(std::fabs(imp->smd->common->estimate() - golden(g, "common_estimate", "", "meta_revman5")) < 1e-6);
  CHECK(std::fabs(imp->smd->common->se.at(0) - golden(g, "common_se", "", "meta_revman5")) < 1e-6);
}
