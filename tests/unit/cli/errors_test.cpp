// The command line's one error boundary: a metareview::Error is the user's problem (exit 1),
// anything else a bug (exit 3), each in the one message style; and `run` keeps going past
// a review that fails.
#include <catch2/catch.hpp>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"
#include "core/error.h"

namespace cli = metareview::cli;
namespace fs = std::filesystem;
using metareview::test::run_cli;
using metareview::test::slurp;

namespace {

/// What a command throws from its callback.
void (*g_throw)() = nullptr;

void setup_throwing(CLI::App& app, cli::Context&) {
  app.callback([] { g_throw(); });
}

metareview::test::CliResult run_throwing(void (*thrower)()) {
  g_throw = thrower;
  const cli::Command command{"demo", "throws", &setup_throwing};
  const char* argv[] = {"demo"};
  std::ostringstream out, err;
  const int status = cli::run_command(command, 1, argv, out, err);
  return {status, out.str(), err.str()};
}

const std::string kSource = METAREVIEW_SOURCE_DIR;

}  // namespace

TEST_CASE("an Error is the user's problem: exit 1, 'metareview <cmd>: error: <message>'", "[cli]") {
  const auto r = run_throwing([] { throw metareview::Error("f(x): x must be > 0, got -1"); });
  CHECK(r.status == cli::kExitInvalidInput);
  CHECK(r.err == "metareview demo: error: f(x): x must be > 0, got -1\n");
  CHECK(r.out.empty());
}

TEST_CASE("an InternalError or any other exception is a bug: exit 3, asking for a report", "[cli]") {
  const auto internal = run_throwing([] { throw metareview::InternalError("fit: weights and rows differ"); });
  CHECK(internal.status == cli::kExitInternal);
  CHECK(internal.err ==
        "metareview demo: internal error (a bug in metareview; please report it): fit: weights and rows differ\n");
  // Before the boundary, a std::exception that was not an Error could reach the user as
  // "invalid input"; now only metareview::Error does.
  const auto other = run_throwing([] { throw std::out_of_range("vector::at"); });
  CHECK(other.status == cli::kExitInternal);
  CHECK(other.err == "metareview demo: internal error (a bug in metareview; please report it): vector::at\n");
}

TEST_CASE("a real command's Error reaches the boundary in the one style", "[cli]") {
  // One study with vi = 0 cannot be pooled by inverse variance.
  const fs::path dir = metareview::test::temp_dir("metareview-cli-errors");
  const std::string csv = (dir / "zero.csv").string();
  {
    std::ofstream f(csv);
    f << "study,yi,vi\nA,0.5,0.1\nB,0.2,0\n";
  }
  const auto r = run_cli({"pool", "--data", csv, "--measure", "GEN", "--method", "REML"});
  CHECK(r.status == cli::kExitInvalidInput);
  // Issue 13: the message named the library function ("error: fit: sampling ..."); no user
  // message names an internal function.
  CHECK(r.err == "metareview pool: error: sampling variances must be > 0; study 'B' has vi = 0\n");
  CHECK(r.out.empty());
  fs::remove_all(dir);
}

namespace {

void write(const fs::path& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

/// A study library in a temporary directory: the seven anti-CD38 study files the test review
/// tests/data/report/report-anti-cd38.xml names, that review, and the library's `more` files.
fs::path anti_cd38_library(const std::string& name, std::initializer_list<const char*> more = {}) {
  const fs::path root = metareview::test::temp_dir(name);
  const fs::path studies = root / "studies";
  fs::create_directories(studies / "reviews");
  for (const auto& ids : {std::initializer_list<const char*>{"candor-2020", "ikema-2021", "castor-2016", "apollo-2021",
                                                             "icaria-mm-2019", "pollux-2016", "candor-2022"},
                          more})
    for (const char* id : ids) fs::copy_file(kSource + "/studies/" + id + ".xml", studies / (std::string(id) + ".xml"));
  fs::copy_file(kSource + "/tests/data/report/report-anti-cd38.xml", studies / "reviews" / "report-anti-cd38.xml");
  return root;
}

/// `text` with its first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A review whose one analysis cannot be fitted: every-construct-2025 with both SDs of its
// age timepoint set to 0 (and a copy of it, so that k = 2 is pooled) gives MD with vi = 0,
// which inverse-variance pooling rejects.
const char* kZeroSdReview = R"(<?xml version="1.0" encoding="UTF-8"?>
<review id="zero-sd" format="1">
  <title>A review that cannot be fitted</title>
  <question>
    <population>Adults.</population>
    <intervention>KdD.</intervention>
    <comparator>Kd.</comparator>
    <outcomes>Age.</outcomes>
  </question>
  <included>
    <study ref="every-construct-2025"/>
    <study ref="every-copy-2025"/>
  </included>
  <analyses>
    <analysis id="age" endpoint="age" measure="MD" model="common">
      <title>Age at inclusion</title>
      <row study="every-construct-2025" outcome="age" timepoint="baseline"/>
      <row study="every-copy-2025" outcome="age" timepoint="baseline" label="EVERY copy"/>
    </analysis>
  </analyses>
</review>
)";

}  // namespace

// (No ';' in test names: catch_discover_tests would split the name there.)
TEST_CASE("run: a review that cannot be fitted fails alone, the others are written and indexed", "[cli][report]") {
  const fs::path root = anti_cd38_library("metareview-cli-run-one-fails");
  const fs::path studies = root / "studies";
  const std::string every = replaced(slurp(kSource + "/tests/data/studies/good/every-construct-2025.xml"),
                                     R"(mean="64.1" sd="9.2")", R"(mean="64.1" sd="0")");
  write(studies / "every-construct-2025.xml", every);
  write(studies / "every-copy-2025.xml", replaced(every, R"(id="every-construct-2025")", R"(id="every-copy-2025")"));
  write(studies / "reviews" / "zero-sd.xml", kZeroSdReview);

  const std::string out = (root / "out").string();
  const auto r = run_cli({"run", "--studies", studies.string(), "--out", out, "--templates", kSource + "/templates",
                          "--quiet"});
  CHECK(r.status == cli::kExitInvalidInput);
  const std::string zero = (studies / "reviews" / "zero-sd.xml").generic_string();
  CHECK(r.err ==
        "[2/2] zero-sd: failed: review 'zero-sd', analysis 'age': sampling variances must be > 0; "
        "study 'EVERY' has vi = 0\n"
        "metareview run: 1 of 2 reviews failed: zero-sd (" + zero + "); their earlier outputs are left as they were\n");
  // The good review is complete, the failed one has no directory, and the index lists both.
  CHECK(fs::exists(root / "out" / "report-anti-cd38" / "supplement.pdf"));
  CHECK(fs::exists(root / "out" / "report-anti-cd38" / "provenance.json"));
  CHECK_FALSE(fs::exists(root / "out" / "zero-sd"));
  const std::string index = slurp(root / "out" / "index.html");
  CHECK(index.find("report-anti-cd38/report.html") != std::string::npos);
  CHECK(index.find("zero-sd") != std::string::npos);
  fs::remove_all(root);
}

// Issue 13: one broken study file stopped the whole run ("nothing written"). It now fails
// only the reviews that use it, saying so; the others are written and indexed; exit 1.
TEST_CASE("run: a broken study file fails only the reviews that use it", "[cli][report]") {
  const fs::path root =
      anti_cd38_library("metareview-cli-run-broken-study", {"eulite-2019", "clark-2004", "clark-2005"});
  const fs::path studies = root / "studies";
  write(studies / "myre-2017.xml",
        replaced(slurp(kSource + "/studies/myre-2017.xml"), R"(events="19" total="46")", R"(events="49" total="46")"));
  fs::copy_file(kSource + "/studies/reviews/hco-hd-cast-nephropathy.xml",
                studies / "reviews" / "hco-hd-cast-nephropathy.xml");

  const auto r = run_cli({"run", "--studies", studies.string(), "--out", (root / "out").string(), "--templates",
                          kSource + "/templates", "--quiet"});
  CHECK(r.status == cli::kExitInvalidInput);
  const std::string hco = (studies / "reviews" / "hco-hd-cast-nephropathy.xml").generic_string();
  CHECK(r.err == (studies / "myre-2017.xml").generic_string() +
                     ":35:22: error: events (49) exceed total (46) in <arm ref=\"hco\"> of outcome "
                     "'hd-independence-3mo'\n"
                     "metareview run: left out 1 study file with errors (myre-2017.xml); the reviews that include them "
                     "fail, the others run\n"
                     "[1/2] hco-hd-cast-nephropathy: failed: it uses study file myre-2017.xml, which has errors\n"
                     "metareview run: 1 of 2 reviews failed: hco-hd-cast-nephropathy (" + hco +
                     "); their earlier outputs are left as they were\n");
  CHECK(fs::exists(root / "out" / "report-anti-cd38" / "supplement.pdf"));
  CHECK_FALSE(fs::exists(root / "out" / "hco-hd-cast-nephropathy"));
  CHECK(fs::exists(root / "out" / "index.html"));
  fs::remove_all(root);
}
