#include <catch2/catch.hpp>

#include <string>

#include "../../support/cli_runner.h"
#include "cli/commands.h"

namespace {

const std::string kData = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/studies";
using metareview::test::run_cli;

}  // namespace

TEST_CASE("validate prints one summary line for valid studies and exits 0", "[cli]") {
  const auto r = run_cli({"validate", kData + "/good"});
  CHECK(r.status == metareview::cli::kExitOk);
  // 3 files: minimal-2024 and crlf-bom-2024 (1 outcome each), every-construct-2025 (7).
  CHECK(r.out == kData + "/good: 4 studies, 11 outcomes, all valid\n");
  CHECK(r.err.empty());
  const auto one = run_cli({"validate", kData + "/good/minimal-2024.xml"});
  CHECK(one.out == kData + "/good/minimal-2024.xml: 1 study, 1 outcome, all valid\n");
}

TEST_CASE("validate prints every diagnostic to stderr and exits 1", "[cli]") {
  const std::string a = kData + "/bad/events-exceed-total.xml";
  const std::string b = kData + "/bad/continuous-out-of-range.xml";
  const auto r = run_cli({"validate", a, b});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.out.empty());
  CHECK(r.err == a + ":25:22: error: events (45) exceed total (42) in <arm ref=\"krd\"> of outcome 'orr'\n" + b +
                     ":26:47: error: n (0) must be positive in <arm ref=\"krd\"> of timepoint 'baseline' of outcome "
                     "'age'\n" +
                     b +
                     ":27:37: error: sd (-3.11) must not be negative in <arm ref=\"vrd\"> of timepoint 'baseline' of "
                     "outcome 'age'\n" +
                     a + " " + b + ": 3 errors in 2 files\n");
}

TEST_CASE("validate of a path that does not exist is invalid input", "[cli]") {
  const auto r = run_cli({"validate", "nope/"});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.err == "nope/: error: no such file or directory\nnope/: 1 error in 1 file\n");
}

TEST_CASE("validate with an unknown option is a usage error", "[cli]") {
  const auto r = run_cli({"validate", "--strict-mode"});
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.err.rfind("metareview validate: ", 0) == 0);
}

TEST_CASE("list prints one aligned row per study, outcomes wrapped", "[cli]") {
  const auto r = run_cli({"list", kData + "/good"});
  CHECK(r.status == metareview::cli::kExitOk);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "id                    design                       arms                             outcomes\n"
        "crlf-bom-2024         randomised-controlled-trial  KRd 42 / VRd 38                  orr\n"
        "every-construct-2025  randomised-controlled-trial  KdD 312 / Kd 154 / RI cohort 28  pfs, dor-ri, vgpr, orr-ri, "
        "age, iss-stage, ae, pfs-cox\n"
        "minimal-2024          randomised-controlled-trial  KRd 42 / VRd 38                  orr\n"
        "rob1-2011             randomised-controlled-trial  KRd 42 / VRd 38                  orr\n");
  // Outcome ids wrap at 60 characters onto lines indented to their column.
  const auto niu = run_cli({"list", std::string(METAREVIEW_SOURCE_DIR) + "/studies/niu-2026.xml"});
  CHECK(niu.out ==
        "id        design                arms             outcomes\n"
        "niu-2026  retrospective-cohort  KRd 42 / VRd 38  baseline-male, baseline-age, baseline-disease-duration,\n"
        "                                                 baseline-ds-stage-3, baseline-prior-lines, baseline-igg,\n"
        "                                                 response-categories, response-cr-pr-mr, response-vgpr,\n"
        "                                                 m-protein, haemoglobin, beta2-microglobulin, flc-ratio, ldh,\n"
        "                                                 adverse-events, pfs, os\n");
}

TEST_CASE("list of invalid studies prints no table and exits 1", "[cli]") {
  const auto r = run_cli({"list", kData + "/bad/events-exceed-total.xml"});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.out.empty());
}

// `run` itself is tested in tests/unit/report/run_test.cpp; here only that it validates first.
TEST_CASE("run validates the study directory before it runs anything", "[cli]") {
  const auto good = run_cli({"run", "--studies", kData + "/good"});  // valid, but no reviews/ inside
  CHECK(good.status == metareview::cli::kExitInvalidInput);
  CHECK(good.err == kData + "/good/reviews: error: no such directory: review files live in <studies>/reviews/\n"
                    "metareview run: nothing written\n");
  const auto bad = run_cli({"run", "--studies", kData + "/bad"});
  CHECK(bad.status == metareview::cli::kExitInvalidInput);
  CHECK(bad.out.empty());
  CHECK(bad.err.find("metareview run: nothing written\n") != std::string::npos);
}

// Issue 13: `validate studies/reviews/x.xml` read the review as a study file and refused its
// root element. A file whose root is <review> is now read with the review reader, against the
// study files given, else the library it lives in (<library>/reviews/x.xml).
TEST_CASE("validate reads review files with the review reader", "[cli]") {
  const std::string src = METAREVIEW_SOURCE_DIR;
  const std::string hco = src + "/studies/reviews/hco-hd-cast-nephropathy.xml";
  const auto good = run_cli({"validate", hco});
  CHECK(good.status == metareview::cli::kExitOk);
  CHECK(good.err.empty());
  CHECK(good.out == hco + ": 1 review, 4 analyses, all valid (studies from " + src + "/studies/)\n");

  // A directory of review files stands for its files: every shipped review, against studies/.
  const auto all = run_cli({"validate", src + "/studies/reviews"});
  CHECK(all.err.empty());
  CHECK(all.out == src + "/studies/reviews: 4 reviews, 14 analyses, all valid (studies from " + src + "/studies/)\n");

  const std::string bad = src + "/tests/data/reviews/bad/duplicate-analysis.xml";
  const auto r = run_cli({"validate", src + "/studies", bad});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.out.empty());
  CHECK(r.err == bad + ":20:15: error: duplicate analysis id 'pfs' in <analyses> (first at line 15)\n" + bad +
                     ": 1 error in 1 file\n");
}
