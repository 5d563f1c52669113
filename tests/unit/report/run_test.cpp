#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include "../../support/cli_runner.h"
#include "cli/commands.h"
#include "io/fs.h"
#include "io/sha256.h"
#include "report/run.h"
#include "report_fixture.h"

using namespace report_test;
using metareview::test::run_cli;

namespace {

// A study library of its own in a temporary directory: the seven study files the test review
// names, and that review in reviews/.
fs::path make_library(const std::string& name) {
  const fs::path root = temp_dir("metareview-report-" + name);
  const fs::path studies = root / "studies";
  fs::create_directories(studies / "reviews");
  for (const char* id : {"candor-2020", "ikema-2021", "castor-2016", "apollo-2021", "icaria-mm-2019", "pollux-2016",
                         "candor-2022"})
    fs::copy_file(kSource + "/studies/" + id + ".xml", studies / (std::string(id) + ".xml"));
  fs::copy_file(kSource + "/tests/data/report/report-anti-cd38.xml", studies / "reviews" / "report-anti-cd38.xml");
  return root;
}

rp::RunOptions options(const fs::path& root) {
  rp::RunOptions o;
  o.studies = (root / "studies").string();
  o.out = (root / "out").string();
  o.templates = kSource + "/templates";
  o.write = {};  // no SOURCE_DATE_EPOCH from the environment
  return o;
}

const metareview::core::StudySet& studies_of(const fs::path& root) {
  static std::map<std::string, metareview::core::StudySet> sets;
  auto it = sets.find(root.string());
  if (it == sets.end()) {
    Diagnostics diag;
    auto s = metareview::io::read_studies({(root / "studies").string()}, diag);
    INFO(diag.to_string());
    REQUIRE(s);
    it = sets.emplace(root.string(), std::move(*s)).first;
  }
  return it->second;
}

std::map<std::string, std::string> tree(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).generic_string()] = slurp(e.path());
  return out;
}

const std::vector<std::string> kReviewFiles = {
    "pfs-forest.pdf", "pfs-forest.png", "pfs-forest.svg", "pfs-funnel.pdf", "pfs-funnel.png", "pfs-funnel.svg",
    "pfs-rob-summary.pdf", "pfs-rob-summary.png", "pfs-rob-summary.svg", "pfs-rob.pdf", "pfs-rob.png", "pfs-rob.svg",
    "provenance.json", "report.html", "report.md", "results.json", "supplement.pdf"};

}  // namespace

TEST_CASE("run writes every output of a review, and an index of the reviews", "[report]") {
  const fs::path root = make_library("run-all");
  std::vector<rp::Progress> events;
  const auto result = rp::run(options(root), studies_of(root), [&](const rp::Progress& p) { events.push_back(p); });
  INFO(result.diagnostics.to_string());
  REQUIRE(result.ok());
  REQUIRE(result.reviews.size() == 1);
  CHECK(result.reviews[0].id == "report-anti-cd38");
  CHECK(result.reviews[0].files == kReviewFiles);
  CHECK(result.index_written);

  const fs::path dir = root / "out" / "report-anti-cd38";
  const std::string html = slurp(dir / "report.html");
  // Standalone: styles inline, figures inline, nothing fetched from elsewhere.
  CHECK(html.find("<style>") != std::string::npos);
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("0.51 [0.42, 0.63]") != std::string::npos);
  CHECK(html.find(root.string()) == std::string::npos);
  const std::string md = slurp(dir / "report.md");
  CHECK(md.find("](pfs-forest.png)") != std::string::npos);
  // Values are escaped for Markdown: "[" would start a link (docs/outputs.md).
  // CANDOR's primary PFS was read on a manufacturer's page (studies/candor-2020.xml, source
  // 'jnj', type secondary), so its row carries the status "secondary".
  CHECK(md.find("| CANDOR *(secondary)* | 0.63 \\[0.46, 0.85\\] | 18.1% | 17.4% | 0.63 \\[0.46, 0.86\\] |") !=
        std::string::npos);
  CHECK(html.find("<td title=\"Numbers pooled: hr 0.63, hr_ci_lb 0.46, hr_ci_ub 0.85: secondary from &apos;jnj&apos; "
                  "(secondary source)\">CANDOR <span class=\"prov\">secondary</span></td>") != std::string::npos);
  const auto provenance = nlohmann::json::parse(slurp(dir / "provenance.json"));
  CHECK(provenance["inputs"][0]["path"] == "studies/reviews/report-anti-cd38.xml");
  CHECK(provenance["inputs"][0]["sha256"] ==
        metareview::io::sha256_hex(slurp(root / "studies" / "reviews" / "report-anti-cd38.xml")));
  CHECK(provenance["outputs"].size() == kReviewFiles.size() - 1);  // all but itself
  CHECK(provenance["outputs"][0]["sha256"] == metareview::io::sha256_hex(slurp(dir / "pfs-forest.pdf")));
  CHECK_FALSE(provenance.contains("generated"));
  const std::string results = slurp(dir / "results.json");
  CHECK(results.find(root.string()) == std::string::npos);
  CHECK(results.find("\"studies/candor-2020.xml\"") != std::string::npos);
  const auto candor = nlohmann::json::parse(results)["analyses"][0]["rows"][0];
  CHECK(candor["study"] == "candor-2020");
  CHECK(candor["provenance"]["status"] == "secondary");
  CHECK(candor["provenance"]["secondary_source"] == true);
  CHECK(candor["provenance"]["numbers"][0] == nlohmann::json{{"name", "hr"},      {"printed", "0.63"},
                                                              {"status", "secondary"}, {"source", "jnj"},
                                                              {"source_type", "secondary"}, {"at", ""},
                                                              {"note", ""}});

  const std::string index = slurp(root / "out" / "index.html");
  CHECK(index.find("href=\"report-anti-cd38/report.html\"") != std::string::npos);
  CHECK(index.find("HR 0.51 [0.42, 0.63]") != std::string::npos);
  // The index has its own provenance: its template, itself, and each review's provenance.
  const auto index_prov = nlohmann::json::parse(slurp(root / "out" / "provenance.json"));
  CHECK(index_prov["inputs"][0]["path"] == "index.html");
  CHECK(index_prov["inputs"][0]["sha256"] == metareview::io::sha256_hex(slurp(options(root).templates + "/index.html")));
  CHECK(index_prov["outputs"][0]["sha256"] == metareview::io::sha256_hex(index));
  CHECK(index_prov["outputs"][1]["path"] == "report-anti-cd38/provenance.json");
  CHECK(index_prov["outputs"][1]["sha256"] == metareview::io::sha256_hex(slurp(dir / "provenance.json")));
  CHECK_FALSE(index_prov.contains("generated"));

  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == rp::Progress::Kind::Analysis);
  CHECK(events[0].analysis == "pfs");
  CHECK(events[0].k == "6");
  CHECK(events[1].kind == rp::Progress::Kind::ReviewDone);
  fs::remove_all(root);
}

TEST_CASE("the same inputs give the same bytes, and stale files of an earlier run disappear", "[report]") {
  const fs::path root = make_library("run-twice");
  REQUIRE(rp::run(options(root), studies_of(root)).ok());
  const auto first = tree(root / "out");
  // An output an earlier run wrote (its manifest lists it) that this run no longer writes.
  const fs::path dir = root / "out" / "report-anti-cd38";
  spit(dir / "stale.svg", "from an earlier run");
  spit(dir / ".metareview-outputs", slurp(dir / ".metareview-outputs") + "stale.svg\n");
  REQUIRE(rp::run(options(root), studies_of(root)).ok());
  CHECK(tree(root / "out") == first);
  // Given as a relative path instead, the outputs are the same bytes.
  rp::RunOptions relative = options(root);
  relative.studies = fs::relative(root / "studies").string();
  relative.out = (root / "out2").string();
  REQUIRE(rp::run(relative, studies_of(root)).ok());
  CHECK(tree(root / "out2") == first);
  fs::remove_all(root);
}

TEST_CASE("a failing review leaves its earlier outputs alone while the others complete", "[report]") {
  const fs::path root = make_library("run-failing");
  spit(root / "studies" / "reviews" / "broken.xml", "<review id=\"broken\" format=\"1\"><title>x</title></review>\n");
  fs::create_directories(root / "out" / "broken");
  spit(root / "out" / "broken" / "report.html", "from an earlier, good run");
  std::vector<rp::Progress> events;
  const auto result = rp::run(options(root), studies_of(root), [&](const rp::Progress& p) { events.push_back(p); });
  CHECK_FALSE(result.ok());
  REQUIRE(result.reviews.size() == 2);
  CHECK(result.reviews[0].id == "broken");
  CHECK_FALSE(result.reviews[0].ok);
  CHECK(result.reviews[0].error == "the review file has errors");
  CHECK(result.reviews[0].diagnostics.has_errors());
  CHECK(result.reviews[1].ok);
  CHECK(slurp(root / "out" / "broken" / "report.html") == "from an earlier, good run");
  CHECK(fs::exists(root / "out" / "report-anti-cd38" / "supplement.pdf"));
  const std::string index = slurp(root / "out" / "index.html");
  CHECK(index.find("Not regenerated in the last run: the review file has errors.") != std::string::npos);
  REQUIRE_FALSE(events.empty());
  CHECK(events[0].kind == rp::Progress::Kind::ReviewFailed);
  CHECK(events[0].index == 1);
  CHECK(events[0].count == 2);

  const auto c = run_cli({"run", "--studies", (root / "studies").string(), "--out", (root / "out").string(), "--templates",
                      kSource + "/templates", "--quiet"});
  CHECK(c.status == metareview::cli::kExitInvalidInput);
  const std::string broken = (root / "studies" / "reviews" / "broken.xml").generic_string();
  CHECK(c.err.find("[1/2] broken: failed: the review file has errors\n") == 0);
  CHECK(c.err.find("metareview run: 1 of 2 reviews failed: broken (" + broken +
                   "); their earlier outputs are left as they were\n") != std::string::npos);
  fs::remove_all(root);
}

// Regression (issue 10): a study whose <trial> is one word of 1,000 letters passed validate,
// then crashed run (a segfault laying out the characteristics table of supplement.pdf).
TEST_CASE("a trial name of one very long word is broken across lines of the supplement", "[report]") {
  const fs::path root = make_library("run-long-word");
  const fs::path candor = root / "studies" / "candor-2020.xml";
  std::string xml = slurp(candor);
  const std::string from = "<trial>CANDOR</trial>";
  REQUIRE(xml.find(from) != std::string::npos);
  xml.replace(xml.find(from), from.size(), "<trial>" + std::string(1000, 'T') + "</trial>");
  spit(candor, xml);
  const auto result = rp::run(options(root), studies_of(root));
  REQUIRE(result.reviews.size() == 1);
  INFO(result.reviews[0].error);
  CHECK(result.reviews[0].ok);
  CHECK(fs::file_size(root / "out" / "report-anti-cd38" / "supplement.pdf") > 0);
  fs::remove_all(root);
}

// Regression (issue 10): the figures of 'pfs-sensitivity-1' silently overwrote those of the
// first sensitivity analysis of 'pfs', and provenance.json listed each file twice (exit 0).
// Now the sensitivity forest of 'pfs' and the forest plot of 'pfs-sensitivity' collide.
TEST_CASE("two analyses that would write the same file stop their review before anything is written", "[report]") {
  const fs::path root = make_library("run-collision");
  for (const char* id : {"endeavor-2016", "niu-2026"})
    fs::copy_file(kSource + "/studies/" + id + ".xml", root / "studies" / (std::string(id) + ".xml"));
  fs::copy_file(kSource + "/tests/data/report/colliding-names.xml", root / "studies" / "reviews" / "colliding-names.xml");
  const auto result = rp::run(options(root), studies_of(root));
  REQUIRE(result.reviews.size() == 2);
  CHECK(result.reviews[0].id == "colliding-names");
  CHECK_FALSE(result.reviews[0].ok);
  CHECK_FALSE(result.reviews[0].internal);
  CHECK(result.reviews[0].error ==
        "analysis 'pfs' and analysis 'pfs-sensitivity' would both write pfs-sensitivity-forest.svg: rename one of "
        "the analyses");
  CHECK_FALSE(fs::exists(root / "out" / "colliding-names"));
  CHECK(result.reviews[1].ok);  // the other review still runs

  const auto c = run_cli({"run", "--studies", (root / "studies").string(), "--out", (root / "out").string(), "--templates",
                          kSource + "/templates", "--quiet"});
  CHECK(c.status == metareview::cli::kExitInvalidInput);
  CHECK(c.err.find("would both write pfs-sensitivity-forest.svg") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("run with --review runs one review, and an unknown one stops the run naming the reviews", "[report]") {
  const fs::path root = make_library("run-one");
  rp::RunOptions o = options(root);
  o.review = "nope";
  const auto bad = rp::run(o, studies_of(root));
  CHECK(bad.diagnostics.to_string() == (root / "studies" / "reviews").generic_string() +
                                           ": error: no review 'nope' (no file nope.xml); reviews: report-anti-cd38\n");
  CHECK_FALSE(fs::exists(root / "out"));
  // A second review, never written: --review of the first refreshes index.html (issue 13),
  // which lists the second as having no report yet.
  std::string second = slurp(root / "studies" / "reviews" / "report-anti-cd38.xml");
  const std::string id = "id=\"report-anti-cd38\"";
  REQUIRE(second.find(id) != std::string::npos);
  second.replace(second.find(id), id.size(), "id=\"second\"");
  spit(root / "studies" / "reviews" / "second.xml", second);
  o.review = "report-anti-cd38";
  const auto good = rp::run(o, studies_of(root));
  CHECK(good.ok());
  CHECK(good.index_written);
  CHECK(fs::exists(root / "out" / "report-anti-cd38" / "report.html"));
  CHECK_FALSE(fs::exists(root / "out" / "second"));
  const std::string index = slurp(root / "out" / "index.html");
  CHECK(index.find("report-anti-cd38/report.html") != std::string::npos);
  CHECK(index.find("Not regenerated in the last run: no report yet (metareview run without --review writes it).") !=
        std::string::npos);
  // Once both are written, --review indexes the other's results as well.
  o.review.clear();
  REQUIRE(rp::run(o, studies_of(root)).ok());
  const std::string full = slurp(root / "out" / "index.html");
  o.review = "second";
  REQUIRE(rp::run(o, studies_of(root)).index_written);
  CHECK(slurp(root / "out" / "index.html") == full);
  fs::remove_all(root);
}

TEST_CASE("a template error stops the run before anything is written", "[report]") {
  const fs::path root = make_library("run-template");
  fs::copy(kSource + "/templates", root / "templates");
  spit(root / "templates" / "report.md", "# {{title}}\n{{#analysis}}{{/analysis}}\n");
  rp::RunOptions o = options(root);
  o.templates = (root / "templates").string();
  const auto result = rp::run(o, studies_of(root));
  const std::string text = result.diagnostics.to_string();
  CHECK(text.rfind((root / "templates" / "report.md").generic_string() +
                       ":2:1: error: unknown name 'analysis' in {{#analysis}}; names available here: analyses, ",
                   0) == 0);
  CHECK_FALSE(fs::exists(root / "out"));

  const auto c = run_cli({"run", "--studies", (root / "studies").string(), "--out", (root / "out").string(), "--templates",
                      o.templates});
  CHECK(c.status == metareview::cli::kExitInvalidInput);
  CHECK(c.err == text + "metareview run: nothing written\n");
  fs::remove_all(root);
}

TEST_CASE("metareview run prints one progress line per analysis and per review", "[report]") {
  const fs::path root = make_library("run-cli");
  const std::string out = (root / "out").string();
  const auto c = run_cli({"run", "--studies", (root / "studies").string(), "--out", out, "--templates",
                      kSource + "/templates"});
  CHECK(c.status == metareview::cli::kExitOk);
  CHECK(c.out.empty());
  CHECK(c.err == "[1/1] report-anti-cd38: analysis pfs (k = 6) ... ok\n"
                 "[1/1] report-anti-cd38: wrote " + out + "/report-anti-cd38/\n"
                 "metareview run: 1 review written to " + out + " (with index.html)\n");
  const auto quiet = run_cli({"run", "--studies", (root / "studies").string(), "--out", out, "--templates",
                          kSource + "/templates", "--quiet", "--timestamp"});
  CHECK(quiet.status == metareview::cli::kExitOk);
  CHECK(quiet.err.empty());
  CHECK(nlohmann::json::parse(slurp(root / "out" / "report-anti-cd38" / "provenance.json")).contains("generated"));

  const auto invalid = run_cli({"run", "--studies", kSource + "/tests/data/studies/bad/events-exceed-total.xml", "--out",
                            (root / "none").string()});
  CHECK(invalid.status == metareview::cli::kExitInvalidInput);
  CHECK(invalid.err.find("metareview run: nothing written\n") != std::string::npos);
  CHECK_FALSE(fs::exists(root / "none"));
  fs::remove_all(root);
}

TEST_CASE("a review with a PRISMA flow gets prisma.svg, .pdf and .png, listed and shown", "[report][prisma]") {
  const fs::path root = make_library("run-prisma");
  // The test review with a flow: 6 included and 2 excluded reports, 6 trials.
  const fs::path file = root / "studies" / "reviews" / "report-anti-cd38.xml";
  std::string xml = slurp(file);
  const std::string flow = "  <prisma>\n"
                           "    <other-methods>\n"
                           "      <identified><source n=\"8\">Citation searching</source></identified>\n"
                           "      <sought n=\"8\"/>\n"
                           "      <not-retrieved n=\"0\"/>\n"
                           "      <assessed n=\"8\"/>\n"
                           "      <reports-excluded><reason n=\"2\">Not the primary analysis</reason></reports-excluded>\n"
                           "    </other-methods>\n"
                           "    <included studies=\"6\" reports=\"6\"/>\n"
                           "  </prisma>\n";
  xml.insert(xml.find("  <analyses>"), flow);
  metareview::io::write_file_atomic(file.string(), xml);
  const auto result = rp::run(options(root), studies_of(root));
  INFO(result.diagnostics.to_string());
  REQUIRE(result.ok());
  std::vector<std::string> expected = kReviewFiles;
  expected.insert(expected.begin() + 12, {"prisma.pdf", "prisma.png", "prisma.svg"});  // after the figures, by name
  CHECK(result.reviews[0].files == expected);

  const fs::path dir = root / "out" / "report-anti-cd38";
  const auto provenance = nlohmann::json::parse(slurp(dir / "provenance.json"));
  bool listed = false;
  for (const auto& o : provenance["outputs"])
    listed = listed || (o["path"] == "prisma.png" && o["sha256"] == metareview::io::sha256_hex(slurp(dir / "prisma.png")));
  CHECK(listed);
  const std::string html = slurp(dir / "report.html");
  CHECK(html.find("<figure class=\"prisma\" id=\"prisma\">") != std::string::npos);
  // The caption cites PRISMA 2020 by its number in the reference list, never as [@key].
  CHECK(html.find("PRISMA 2020 flow diagram [@") == std::string::npos);
  CHECK(html.find("Page MJ, McKenzie JE, Bossuyt PM") != std::string::npos);
  const std::string md = slurp(dir / "report.md");
  CHECK(md.find("](prisma.png)") != std::string::npos);
  fs::remove_all(root);
}
