#include <catch2/catch.hpp>

#include "core/error.h"
#include "core/format.h"
#include "core/version.h"
#include "io/sha256.h"
#include "report/figures.h"
#include "report/output_dir.h"
#include "report/provenance.h"
#include "report_fixture.h"

using namespace report_test;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("files are written whole under a temporary name, then renamed", "[report]") {
  const fs::path dir = temp_dir("metareview-report-atomic");
  rp::write_file_atomic(dir / "a.txt", "first");
  rp::write_file_atomic(dir / "a.txt", "second");
  CHECK(slurp(dir / "a.txt") == "second");
  CHECK(names_in(dir) == std::vector<std::string>{"a.txt"});
  const fs::path missing = dir / "no" / "b.txt";
  CHECK_THROWS_WITH(rp::write_file_atomic(missing, "x"),
                    "report::write_file_atomic: cannot write '" + missing.generic_string() + "': No such file or directory");
  fs::remove_all(dir);
}

TEST_CASE("a staged directory replaces its target whole, or not at all", "[report]") {
  const fs::path dir = temp_dir("metareview-report-stage");
  const fs::path target = dir / "review";
  fs::create_directories(target);
  spit(target / "stale.svg", "old figure");
  spit(target / "report.html", "old report");

  {  // Not committed (a failed review): the target keeps its earlier outputs.
    rp::StagedDirectory stage(target);
    spit(stage.dir() / "report.html", "half");
  }
  CHECK(names_in(dir) == std::vector<std::string>{"review"});
  CHECK(slurp(target / "report.html") == "old report");

  {  // Committed: the new outputs only; files of the earlier run do not linger.
    rp::StagedDirectory stage(target);
    spit(stage.dir() / "report.html", "new report");
    stage.commit();
  }
  CHECK(names_in(dir) == std::vector<std::string>{"review"});
  CHECK(names_in(target) == std::vector<std::string>{".metareview-outputs", "report.html"});
  CHECK(slurp(target / "report.html") == "new report");

  {  // A target that did not exist yet.
    rp::StagedDirectory stage(dir / "other");
    spit(stage.dir() / "x", "y");
    stage.commit();
  }
  CHECK(slurp(dir / "other" / "x") == "y");
  fs::remove_all(dir);
}

TEST_CASE("staging directories of processes that no longer run are removed", "[report]") {
  const fs::path dir = temp_dir("metareview-report-stale-stage");
  // No process has id 999999999 (Linux pid_max is at most 4194304).
  fs::create_directories(dir / ".review.staging-999999999");
  fs::create_directories(dir / ".other.staging-999999999");
  {
    rp::StagedDirectory stage(dir / "review");
    stage.commit();
  }
  CHECK(names_in(dir) == std::vector<std::string>{".other.staging-999999999", "review"});
  fs::remove_all(dir);
}

TEST_CASE("inline SVGs lose the XML declaration and get their ids prefixed", "[report]") {
  const std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg><defs><symbol id=\"glyph0-1\"/><clipPath id=\"clip1\"/></defs>"
      "<use xlink:href=\"#glyph0-1\"/><g clip-path=\"url(#clip1)\"/><rect width=\"1\"/></svg>\n";
  CHECK(rp::inline_svg(svg, "pfs-forest") ==
        "<svg><defs><symbol id=\"pfs-forest-glyph0-1\"/><clipPath id=\"pfs-forest-clip1\"/></defs>"
        "<use xlink:href=\"#pfs-forest-glyph0-1\"/><g clip-path=\"url(#pfs-forest-clip1)\"/><rect width=\"1\"/></svg>\n");
}

TEST_CASE("provenance lists every input with its SHA-256 and relative path, and the settings", "[report]") {
  const rp::Template methods = shipped_template("methods.txt", rp::methods_schema());
  const auto inputs = rp::review_inputs(test_result(), library(), {&methods}, kSource + "/studies");
  REQUIRE(inputs.size() == 1 + 6 + 1 + 1);
  CHECK(inputs[0].role == "review");
  CHECK(inputs[0].path == "report-anti-cd38.xml");  // outside studies/: its file name only
  CHECK(inputs[0].sha256 == metareview::io::sha256_hex(slurp(kSource + "/tests/data/report/report-anti-cd38.xml")));
  CHECK(inputs[1].role == "study");
  CHECK(inputs[1].path == "studies/candor-2020.xml");
  CHECK(inputs[1].sha256 == metareview::io::sha256_hex(slurp(kSource + "/studies/candor-2020.xml")));
  CHECK(inputs[7].role == "excluded-study");
  CHECK(inputs[7].path == "studies/candor-2022.xml");
  CHECK(inputs[8].role == "template");
  CHECK(inputs[8].path == "methods.txt");
  CHECK(inputs[8].sha256 == methods.sha256);

  const auto j = rp::provenance_json(test_result(), inputs, {{"report.html", "ab"}}, "");
  CHECK(j["tool"]["name"] == "metareview");
  CHECK(j["tool"]["version"] == metareview::core::kVersion);
  CHECK(j["inputs"].size() == inputs.size());
  CHECK(j["analyses"][0]["id"] == "pfs");
  CHECK(j["analyses"][0]["model"] == "both");
  CHECK(j["analyses"][0]["overrides"] == nlohmann::json::array({"method"}));
  CHECK(j["analyses"][0]["settings"].contains("method"));
  CHECK(j["outputs"][0]["path"] == "report.html");
  CHECK_FALSE(j.contains("generated"));
  CHECK(rp::provenance_json(test_result(), inputs, {}, "2020-01-01T00:00:00Z")["generated"] == "2020-01-01T00:00:00Z");
}

TEST_CASE("report timestamps are ISO 8601 UTC, computed without the C library's locale", "[report]") {
  using metareview::core::format_utc_timestamp;
  CHECK(format_utc_timestamp(0) == "1970-01-01T00:00:00Z");
  CHECK(format_utc_timestamp(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_utc_timestamp(951782400) == "2000-02-29T00:00:00Z");   // leap day of a century leap year
  CHECK(format_utc_timestamp(1700000000) == "2023-11-14T22:13:20Z");  // `date -u -d @1700000000`
}

// Regression (issue 13): run deleted every file a user put in reports/<review>/. Only what the
// earlier run's manifest lists is replaced; anything else is kept and reported.
TEST_CASE("a staged directory keeps the files it did not write, and never writes over one", "[report]") {
  const fs::path dir = temp_dir("metareview-report-keep");
  const fs::path target = dir / "review";
  fs::create_directories(target / "drafts");
  spit(target / "old.svg", "figure of a directory without a manifest");  // written by an older metareview
  spit(target / "notes.txt", "the committee's notes");
  spit(target / "drafts" / "forest-edited.svg", "hand-edited figure");
  {
    rp::StagedDirectory stage(target);
    spit(stage.dir() / "report.html", "first");
    stage.commit();
    CHECK(stage.kept() == std::vector<std::string>{"drafts", "notes.txt"});
  }
  CHECK(names_in(target) == std::vector<std::string>{".metareview-outputs", "drafts", "notes.txt", "report.html"});
  CHECK(slurp(target / ".metareview-outputs") ==
        "# Written by metareview run; any other file here is yours and is kept.\nreport.html\n");
  CHECK(slurp(target / "notes.txt") == "the committee's notes");
  CHECK(slurp(target / "drafts" / "forest-edited.svg") == "hand-edited figure");

  spit(target / "summary.md", "mine");
  {  // An output named like a user's file: an error, and the target stays as it was.
    rp::StagedDirectory stage(target);
    spit(stage.dir() / "report.html", "second");
    spit(stage.dir() / "summary.md", "ours");
    CHECK_THROWS_WITH(stage.commit(), "'" + (target / "summary.md").generic_string() +
                                          "' was not written by metareview run and would be replaced; "
                                          "move it away or rename it");
  }
  CHECK(slurp(target / "report.html") == "first");
  CHECK(slurp(target / "summary.md") == "mine");
  {  // The manifest's files are replaced; the user's stay.
    rp::StagedDirectory stage(target);
    spit(stage.dir() / "index.json", "x");
    stage.commit();
  }
  CHECK(names_in(target) ==
        std::vector<std::string>{".metareview-outputs", "drafts", "index.json", "notes.txt", "summary.md"});
  fs::remove_all(dir);
}
