#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/files.h"
#include "io/sha256.h"
#include "io/source_text.h"
#include "io/study_reader.h"
#include "io/xml_document.h"

namespace fs = std::filesystem;
using metareview::core::Diagnostics;
using metareview::core::OutcomeKind;
using metareview::core::PValue;
using metareview::core::Status;
using metareview::core::SourceType;
using metareview::io::read_studies;
using metareview::io::read_study;
using metareview::test::expected_diagnostics;
using metareview::test::files_in;
using metareview::test::slurp;

namespace {

const std::string kSource = METAREVIEW_SOURCE_DIR;
const std::string kData = kSource + "/tests/data/studies";

// The minimal valid study of tests/data/studies/good/minimal-2024.xml, for inline variations.
std::string minimal() { return slurp(kData + "/good/minimal-2024.xml"); }

// 1-based number of the first line of `path` containing `needle` (0 when none).
int line_containing(const std::string& path, const std::string& needle) {
  std::istringstream lines(slurp(path));
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n)
    if (line.find(needle) != std::string::npos) return n;
  return 0;
}

const std::string kSeedPath = kSource + "/studies/niu-2026.xml";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// Diagnostics of one in-memory file named minimal-2024.xml.
std::string problems(const std::string& text, const std::string& file = "minimal-2024.xml") {
  Diagnostics diag;
  const auto study = read_study(text, file, diag);
  CHECK(study.has_value() == diag.empty());
  return diag.to_string();
}

}  // namespace

TEST_CASE("the seed paper niu-2026.xml loads with its printed numbers", "[io]") {
  // Every expected value below is printed in studies/niu-2026.xml (the article's Tables 1-4
  // and section 2.5).
  Diagnostics diag;
  const auto set = read_studies({kSource + "/studies/niu-2026.xml"}, diag);
  INFO(diag.to_string());
  REQUIRE(set);
  REQUIRE(set->studies.size() == 1);
  const auto& s = set->studies[0];
  CHECK(s.id == "niu-2026");
  CHECK(s.year == 2026);
  CHECK(s.authors.size() == 9);
  CHECK(s.short_label() == "Niu 2026");
  CHECK(s.design == "retrospective-cohort");
  CHECK(s.journal == "West China Medical Journal (西部医学)");
  CHECK(s.arms.size() == 2);
  CHECK(s.arm("krd")->analysed->printed == "42");
  CHECK(s.arm("vrd")->role == "control");
  CHECK(s.outcomes.size() == 17);
  CHECK(s.sha256 == metareview::io::sha256_hex(slurp(kSource + "/studies/niu-2026.xml")));
  CHECK(set->find("niu-2026") == &s);

  const auto* response = s.outcome("response-cr-pr-mr");
  REQUIRE(response);
  CHECK(response->kind == OutcomeKind::Binary);
  const auto* krd = response->arm_data("krd");
  REQUIRE(krd);
  CHECK(krd->events->value == 30);
  CHECK(krd->total->value == 42);
  CHECK(krd->percent->printed == "71.43");
  CHECK(krd->percent->decimals == 2);
  CHECK(krd->events->prov.source == "paper");
  CHECK(krd->events->prov.at == "Table 1");
  CHECK(krd->events->prov.status == Status::Verified);
  CHECK(response->arm_data("vrd")->events->value == 17);
  REQUIRE(response->tests.size() == 1);
  const auto& chi2 = response->tests[0];
  CHECK(chi2.kind == "chi2");
  CHECK(chi2.statistic->printed == "5.865");
  CHECK(chi2.statistic->value == Approx(5.865).epsilon(1e-15));
  CHECK(chi2.statistic->decimals == 3);
  CHECK(chi2.p->relation == PValue::Relation::Equal);
  CHECK(chi2.p->value == Approx(0.015).epsilon(1e-15));
  CHECK(chi2.p->printed == "0.015");
  CHECK(chi2.sided == "two");
  // The location is the attribute `statistic` of `      <test kind="chi2" statistic="5.865" ...`;
  // its line is looked up in the file so notes added above it do not break the test.
  CHECK(chi2.statistic->where.line == line_containing(kSeedPath, "<test kind=\"chi2\" statistic=\"5.865\""));
  CHECK(chi2.statistic->where.col == 25);

  const auto* vgpr = s.outcome("response-vgpr");
  REQUIRE(vgpr);
  CHECK(vgpr->prov.status == Status::Derived);
  CHECK(vgpr->arm_data("krd")->events->value == 21);
  CHECK(vgpr->arm_data("krd")->events->prov.note ==
        "CR 7 + PR 14; the paper's PR requires a 90% fall of serum M protein (IMWG VGPR)");
  CHECK(vgpr->arm_data("krd")->events->prov.status == Status::Derived);
  CHECK_FALSE(s.outcome("response-orr"));

  const auto* pfs = s.outcome("pfs");
  REQUIRE(pfs->estimate);
  CHECK(pfs->estimate->measure == "HR");
  CHECK(pfs->estimate->value.printed == "0.712");
  CHECK(pfs->estimate->ci_lb->printed == "0.583");
  CHECK(pfs->estimate->ci_ub->printed == "0.874");
  CHECK(pfs->estimate->level == 95);
  CHECK(pfs->estimate->adjusted);
  CHECK(pfs->estimate->value.prov.at == "section 2.5; abstract");
  CHECK(pfs->tests[0].p->printed == "P<0.001");
  CHECK(pfs->tests[0].p->relation == PValue::Relation::Less);
  CHECK(pfs->tests[0].p->value == Approx(0.001).epsilon(1e-15));
  CHECK(pfs->arm_data("krd")->median->value == 14);
  CHECK(pfs->arm_data("vrd")->median->value == 12);
  CHECK(s.outcome("baseline-male")->tests[0].p->relation == PValue::Relation::Greater);
  CHECK(s.outcome("baseline-male")->baseline);

  const auto* lines = s.outcome("baseline-prior-lines");
  CHECK(lines->categories == std::vector<std::string>{"1", "2", "3+"});
  CHECK(lines->arm_data("krd")->category_counts.at("3+").value == 5);
  CHECK(lines->arm_data("vrd")->total->value == 38);

  const auto* protein = s.outcome("m-protein");
  REQUIRE(protein->timepoints.size() == 2);
  const auto& after = protein->timepoints[1];
  CHECK(after.id == "after-3-cycles");
  CHECK(after.arms[0].mean->printed == "15.12");
  CHECK(after.arms[0].sd->printed == "2.36");
  CHECK(after.arms[0].n->value == 42);
  CHECK(after.tests[0].statistic->printed == "2.997");
  CHECK(after.tests[0].p->printed == "0.004");

  const auto* ae = s.outcome("adverse-events");
  CHECK(ae->grading == "CTCAE 5.0");
  REQUIRE(ae->adverse_events.size() == 5);
  const auto& pn = ae->adverse_events[4];
  CHECK(pn.id == "peripheral-neuropathy");
  CHECK(pn.arms[0].by_grade.at("1-2").value == 3);
  CHECK(pn.arms[0].percent->printed == "7.14");
  CHECK(pn.arms[1].by_grade.at("3-4").value == 1);
  CHECK(pn.tests[0].statistic->printed == "0.666");
}

TEST_CASE("every bad test file gives exactly the diagnostics it expects", "[io]") {
  // Each file under tests/data/studies/bad/ ends with a comment listing the diagnostics the
  // loader must give, "LINE:COL: error: MESSAGE", one per line; they are compared verbatim.
  const std::vector<fs::path> files = files_in(kData + "/bad");
  CHECK(files.size() >= 45);
  for (const auto& path : files) {
    const std::string expected = expected_diagnostics(path);
    Diagnostics diag;
    const auto set = read_studies({path.string()}, diag);
    INFO(path.filename().string());
    CHECK_FALSE(set);
    CHECK(diag.to_string() == expected);
  }
}

TEST_CASE("the good test files load without a diagnostic, every construct in place", "[io]") {
  Diagnostics diag;
  const auto set = read_studies({kData + "/good"}, diag);
  INFO(diag.to_string());
  REQUIRE(set);
  REQUIRE(set->studies.size() == 4);
  // Ordered by id, not by file name or discovery order.
  CHECK(set->studies[0].id == "crlf-bom-2024");
  CHECK(set->studies[1].id == "every-construct-2025");
  CHECK(set->studies[2].id == "minimal-2024");
  CHECK(set->studies[3].id == "rob1-2011");
  CHECK(set->studies[0].outcome("orr")->arm_data("vrd")->events->where.line == 26);

  const auto& s = set->studies[1];
  CHECK(s.title == "Every construct of the format: a three-arm trial & its cohorts");
  CHECK(s.short_label() == "Van de Donk 2025");
  CHECK(s.renal_criteria == "CrCl \u2265 15 mL/min");
  CHECK(s.note == "Numbers are invented; a CDATA section keeps <this> & that as written.");
  CHECK(s.phase == "3");
  CHECK(s.design_note == "open-label, 2:1");
  CHECK(s.sources[0].url == "https://example.org/every");
  CHECK(s.sources[0].note == "publisher page");
  CHECK(s.sources[0].type == SourceType::Primary);
  CHECK(s.sources[1].type == SourceType::Secondary);
  CHECK(s.arm("ri")->analysed->prov.note == "28 of 214 from 13.1%");
  CHECK(s.arm("ri")->analysed->prov.status == Status::Derived);

  const auto* pfs = s.outcome("pfs");
  CHECK(pfs->analysis == "primary");
  CHECK(pfs->tests[0].df == 1.0);
  CHECK(pfs->tests[0].sided == "one");
  CHECK(pfs->tests[0].p->relation == PValue::Relation::Equal);
  CHECK(pfs->tests[0].p->value == Approx(0.0045).epsilon(1e-15));
  CHECK(pfs->tests[0].p->decimals == 4);
  CHECK(pfs->tests[0].p->prov.note == "sidedness presumed");
  CHECK(pfs->tests[0].p->prov.status == Status::Presumed);
  CHECK(pfs->tests[1].p->relation == PValue::Relation::LessEqual);
  CHECK(pfs->o_minus_e->value == -12.5);
  CHECK(pfs->o_minus_e->prov.status == Status::Derived);
  CHECK(pfs->v->printed == "41.2");
  CHECK(pfs->arm_data("kdd")->median_ci_ub->literal == "NR");
  CHECK_FALSE(pfs->arm_data("kdd")->median_ci_ub->number);
  CHECK(pfs->arm_data("kd")->median_ci_ub->number->printed == "19.9");
  CHECK(pfs->note == "Interim analysis at 17 months.");

  const auto* dor = s.outcome("dor-ri");
  CHECK(dor->experimental.empty());
  CHECK(dor->arm_data("ri")->median_ci_ub->literal == "NE");
  CHECK(dor->prov.source == "web");
  CHECK(dor->prov.status == Status::Secondary);

  const auto* vgpr = s.outcome("vgpr");
  CHECK(vgpr->estimate->level == 90);
  CHECK(vgpr->estimate->adjusted);
  // An override of the source clears the inherited `at`: "Table 2" is a place in the paper.
  const auto& kd = *vgpr->arm_data("kd");
  CHECK(kd.percent->prov.source == "web");
  CHECK(kd.percent->prov.at.empty());
  CHECK(kd.percent->prov.status == Status::Unverified);
  CHECK(vgpr->arm_data("kdd")->events->prov.at == "Table 2");

  const auto* orr = s.outcome("orr-ri");
  CHECK(orr->arm == "ri");
  CHECK(orr->estimate->measure == "percent");
  CHECK(orr->estimate->level == 97.5);

  const auto& baseline = s.outcome("age")->timepoints[0];
  CHECK(baseline.arms[1].mean->value == -0.5);
  CHECK(baseline.arms[1].mean->prov.status == Status::Derived);
  CHECK(baseline.arms[1].mean->prov.note == "means of printed medians");
  CHECK(baseline.tests[0].p->printed == ".23");

  const auto* iss = s.outcome("iss-stage");
  CHECK(iss->category_labels.at("III+") == "Stage III");
  CHECK(iss->arm_data("kdd")->category_percents.at("I").printed == "48.1");
  CHECK(iss->arm_data("kd")->category_counts.at("I").prov.at == "Table S1");
  CHECK(iss->arm_data("kd")->category_counts.at("III+").prov.source == "web");
  CHECK(iss->arm_data("kd")->category_counts.at("III+").prov.at.empty());

  const auto* cox = s.outcome("pfs-cox");
  CHECK(cox->kind == metareview::core::OutcomeKind::Generic);
  CHECK(cox->measure == "HR");
  CHECK(cox->yi->printed == "-0.4620");
  CHECK(cox->yi->decimals == 4);
  CHECK(cox->se->value == 0.1566);
  CHECK(cox->se->prov.status == Status::Derived);
  CHECK(cox->se->prov.at == "Table 3");
  CHECK(cox->se->prov.note == "ln of HR 0.63; SE from its 95% CI");
  CHECK(cox->label == "Adjusted hazard ratio, log scale");

  const auto* ae = s.outcome("ae");
  CHECK(ae->adverse_events[0].arms[0].by_grade.at("3-5").value == 40);
  CHECK(ae->adverse_events[0].arms[1].by_grade.empty());
  CHECK(ae->adverse_events[1].category.empty());
}

TEST_CASE("all problems of two bad files are reported in one run", "[io]") {
  Diagnostics diag;
  const std::string a = kData + "/bad/events-exceed-total.xml";
  const std::string b = kData + "/bad/invalid-enumerations.xml";
  const auto set = read_studies({a, kData + "/good/minimal-2024.xml", b}, diag);
  CHECK_FALSE(set);
  REQUIRE(diag.error_count() == 9);
  CHECK(diag.items()[0].to_string() ==
        a + ":25:22: error: events (45) exceed total (42) in <arm ref=\"krd\"> of outcome 'orr'");
  CHECK(diag.items()[8].to_string() ==
        b + ":27:34: error: invalid sided 'both' in <test kind=\"ttest\"> of outcome 'orr' (valid: two, one)");
}

TEST_CASE("a DOCTYPE is refused and its entities are never expanded or fetched", "[io]") {
  // An external entity naming a real file: were it expanded, the title would hold its text.
  const fs::path secret = fs::temp_directory_path() / "metareview-io-secret.txt";
  std::ofstream(secret) << "SECRET";
  const std::string text = "<?xml version=\"1.0\"?>\n<!DOCTYPE study [<!ENTITY xxe SYSTEM \"file://" +
                           secret.string() + "\">]>\n<study><title>&xxe;</title></study>\n";
  const metareview::io::SourceText source("x.xml", text);
  Diagnostics diag;
  const auto doc = metareview::io::XmlDocument::parse(source, diag);
  REQUIRE(doc);
  CHECK(doc->text_of(doc->root().child("title")) == "&xxe;");
  CHECK(diag.to_string() ==
        "x.xml:2:1: error: DOCTYPE declarations are not allowed (entities are never expanded or fetched)\n"
        "x.xml:3:15: error: entity reference '&xxe;' is not allowed (only &amp; &lt; &gt; &quot; &apos; and "
        "character references) in the text of <title>\n");
  fs::remove(secret);
}

TEST_CASE("columns count UTF-8 characters and lines end at LF, CRLF or CR", "[io]") {
  // `    <arm id="krd" label="西部" bad="1"`: "西部" is 6 bytes but 2 characters, so the
  // attribute starts at character 30 (byte 34).
  CHECK(problems(replaced(minimal(), "label=\"KRd\"", "label=\"西部\" bad=\"1\"")) ==
        "minimal-2024.xml:16:30: error: unknown attribute 'bad' in arm 'krd' (expected id, label, role, randomised, "
        "analysed, source, at, status, note)\n");
  // The same error after a byte order mark and with CR line ends: same line and column.
  std::string cr = minimal();
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  CHECK(problems("\xEF\xBB\xBF" + replaced(cr, "label=\"KRd\"", "label=\"西部\" bad=\"1\"")) ==
        "minimal-2024.xml:16:30: error: unknown attribute 'bad' in arm 'krd' (expected id, label, role, randomised, "
        "analysed, source, at, status, note)\n");
  // An attribute on a continuation line of its start tag.
  CHECK(problems(replaced(minimal(), "role=\"control\" ", "role=\"control\"\n         typo=\"1\" ")) ==
        "minimal-2024.xml:20:10: error: unknown attribute 'typo' in arm 'vrd' (expected id, label, role, randomised, "
        "analysed, source, at, status, note)\n");
}

TEST_CASE("bytes that are not XML are refused before parsing", "[io]") {
  CHECK(problems(replaced(minimal(), "Adults", "Adu\xFFlts")) ==
        "minimal-2024.xml:11:18: error: malformed XML: invalid UTF-8 byte 0xff\n");
  CHECK(problems(replaced(minimal(), "Adults", "Adu\x01lts")) ==
        "minimal-2024.xml:11:18: error: malformed XML: character U+0001 is not allowed in XML\n");
  CHECK(problems(replaced(minimal(), "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")) ==
        "minimal-2024.xml:1:21: error: encoding 'ISO-8859-1' is not supported in the XML declaration (study files are "
        "UTF-8)\n");
  CHECK(problems(replaced(minimal(), "<trial>", "<!-- a -- b --><trial>")) ==
        "minimal-2024.xml:3:7: error: malformed XML: '--' is not allowed inside a comment\n");
  CHECK(problems(minimal() + "<study/>\n") ==
        "minimal-2024.xml:30:1: error: malformed XML: more than one root element (<study> after <study>)\n");
  CHECK(problems("") == "minimal-2024.xml:1:1: error: malformed XML: no root element\n");
  CHECK(problems(replaced(minimal(), "A minimal", "A &#0; minimal")) ==
        "minimal-2024.xml:4:12: error: malformed XML: character reference '&#0;' names no XML character in the text "
        "of <title>\n");
}

TEST_CASE("directories are read one level deep, in name order, each file once", "[io]") {
  const fs::path dir = fs::temp_directory_path() / "metareview-io-dir";
  fs::remove_all(dir);
  fs::create_directories(dir / "reviews");
  const std::string study = minimal();
  std::ofstream(dir / "minimal-2024.xml") << study;
  std::ofstream(dir / "reviews" / "ignored.xml") << "not XML at all";  // sub-directories are not read
  std::ofstream(dir / ".hidden.xml") << "not XML at all";               // nor hidden files
  std::ofstream(dir / "notes.txt") << "not XML at all";                 // nor other files

  Diagnostics diag;
  // The directory and one of its files: the file is read once, not reported as a duplicate.
  const auto set = read_studies({dir.string(), (dir / "minimal-2024.xml").string()}, diag);
  INFO(diag.to_string());
  REQUIRE(set);
  CHECK(set->studies.size() == 1);
  CHECK(set->studies[0].file == (dir / "minimal-2024.xml").generic_string());

  // The same study id in another directory is a duplicate.
  Diagnostics dup;
  CHECK_FALSE(read_studies({dir.string(), kData + "/duplicate"}, dup));
  CHECK(dup.to_string() == kData + "/duplicate/minimal-2024.xml:2:1: error: duplicate study id 'minimal-2024' in " +
                               "<study> (first in " + (dir / "minimal-2024.xml").generic_string() + ")\n");

  fs::create_directories(dir / "empty");
  Diagnostics missing;
  CHECK_FALSE(read_studies({"nope/", (dir / "empty").string()}, missing));
  CHECK(missing.to_string() == "nope/: error: no such file or directory\n" + (dir / "empty").string() +
                                   ": error: no study files (*.xml) in this directory\n");
  fs::remove_all(dir);
}

TEST_CASE("SHA-256 matches the FIPS 180-2 examples", "[io]") {
  // FIPS 180-2, Appendix B.1 ("abc") and the digest of the empty message.
  CHECK(metareview::io::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(metareview::io::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("study helpers look arms and outcomes up and label studies", "[io]") {
  Diagnostics diag;
  auto study = read_study(minimal(), "minimal-2024.xml", diag);
  REQUIRE(study);
  CHECK(study->arm("vrd")->label == "VRd");
  CHECK(study->arm("none") == nullptr);
  CHECK(study->outcome("orr")->arm_data("krd")->events->value == 30);
  CHECK(study->outcome("pfs") == nullptr);
  CHECK(study->short_label() == "Doe 2024");
  study->authors = {"n/s"};
  CHECK(study->short_label() == "MINI 2024");
  CHECK(metareview::core::to_string(Status::Unverified) == "unverified");
  CHECK(metareview::core::to_string(OutcomeKind::AdverseEvents) == "adverse-events");
  CHECK(metareview::core::to_string(OutcomeKind::TimeToEvent) == "time-to-event");
}
