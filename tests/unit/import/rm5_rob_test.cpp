// RevMan 5 quality items imported as RoB 1 assessments (docs/import.md, "Quality items").
// Fleiss1993.rm5 is real (RevMan 5.0.23): of its six items only "Allocation concealment?" has
// entries, RESULT="UNKNOWN" for all 12 studies. rob1-items.rm5 is hand-written in RevMan 5.1's
// item names (tests/data/rm5/README.md).
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"
#include "core/diagnostics.h"
#include "import/rm5.h"
#include "import/rm5_library.h"
#include "io/study_reader.h"

using namespace metareview;
using test::run_cli;
using test::slurp;
namespace fs = std::filesystem;

namespace {
const std::string kData = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/rm5";

/// The text of the library file at `path`.
std::string file_text(const std::vector<import::LibraryFile>& files, const std::string& path) {
  for (const auto& f : files)
    if (f.path == path) return f.text;
  FAIL("no file " << path);
  return "";
}
}  // namespace

TEST_CASE("import Fleiss1993.rm5: 12 studies judged unclear for allocation concealment, no other domain",
          "[import][rob]") {
  const std::string file = kData + "/Fleiss1993.rm5";
  const fs::path lib = test::temp_dir("metareview-import-rob-fleiss") / "lib";
  const auto r = run_cli({"import", file, "--out", lib.string()});
  INFO(r.err);
  REQUIRE(r.status == cli::kExitOk);
  // "Blinding?" has no entries in this file: no assessment, so no warning either.
  CHECK(r.err.find("warning") == std::string::npos);
  // QIT-02's entries carry no MODIFIED; the item's is 2009-08-18, by "[Empty name]".
  CHECK(slurp(lib / "amis-1980.xml")
            .find("  </outcomes>\n  <risk-of-bias>\n"
                  "    <assessment tool=\"rob1\" assessor=\"not recorded\" date=\"2009-08-18\" source=\"rm5\">\n"
                  "      <domain id=\"allocation-concealment\" judgment=\"unclear\" locator=\"QUALITY_ITEM QIT-02 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-AMIS\">No support text in the RevMan 5 file (RESULT=UNKNOWN).</domain>\n"
                  "    </assessment>\n  </risk-of-bias>\n</study>\n") != std::string::npos);

  core::Diagnostics diag;
  const auto studies = io::read_studies({lib.string()}, diag);
  INFO(diag.to_string());
  REQUIRE(studies);
  REQUIRE(studies->studies.size() == 12);
  for (const auto& s : studies->studies) {
    INFO(s.id);
    REQUIRE(s.risk_of_bias.size() == 1);
    const auto& a = s.risk_of_bias[0];
    CHECK(a.tool == "rob1");
    CHECK(a.outcomes.empty());  // every outcome of the study
    REQUIRE(a.domains.size() == 7);
    for (const auto& d : a.domains)
      CHECK(d.judgment == (d.domain == "allocation-concealment" ? "unclear" : ""));
    CHECK(a.overall.judgment.empty());
    CHECK(a.domains[1].source == "rm5");
  }

  // The imported review runs and draws the RoB figures from these assessments.
  const fs::path reports = lib.parent_path() / "reports";
  const auto run = run_cli({"run", "--studies", lib.string(), "--out", reports.string(), "--quiet", "--templates",
                            std::string(METAREVIEW_SOURCE_DIR) + "/templates"});
  INFO(run.err);
  REQUIRE(run.status == cli::kExitOk);
  CHECK(fs::exists(reports / "fleiss1993" / "c1-o1-rob.svg"));
  CHECK(fs::exists(reports / "fleiss1993" / "c1-o1-rob-summary.svg"));
  CHECK(slurp(reports / "fleiss1993" / "report.md")
            .find("(RoB 1: the judgments recorded in the RevMan 5 file it was imported from; a domain it leaves out "
                  "shows as no information).](c1-o1-rob.png)") != std::string::npos);
  const std::string json = slurp(reports / "fleiss1993" / "results.json");
  CHECK(json.find("\"tool\": \"rob1\"") != std::string::npos);
}

TEST_CASE("import maps RevMan 5.1 quality items to RoB 1: judgments, support, groups, custom items",
          "[import][rob]") {
  const std::string file = kData + "/rob1-items.rm5";
  core::Diagnostics diag;
  const auto rm5 = import::read_rm5(file, slurp(file), diag);
  REQUIRE(rm5);
  REQUIRE(rm5->quality_items.size() == 5);
  CHECK(rm5->quality_items[2].level == "GROUP");
  CHECK(rm5->quality_items[2].entries[2].group == "Subjective outcomes");
  // Paragraphs joined, blanks collapsed, references expanded.
  CHECK(rm5->quality_items[0].entries[0].support == "\"Computer-generated random list\" (p 2).");

  const auto files = import::library_files(*rm5, diag);
  CHECK(diag.to_string() ==
        file + ":42:1: warning: study 'Beta' has 2 entries of quality item 'Blinding of outcome assessment "
               "(detection bias)' (<QUALITY_ITEM ID=\"QIT-03\">) (outcome groups 'Objective outcomes', 'Subjective "
               "outcomes'): not imported, as the file does not say which outcomes each group covers\n" +
            file + ":50:1: warning: quality item 'Funding source?' (<QUALITY_ITEM ID=\"QIT-04\">) is not imported "
                   "(not a RoB 1 domain by its RevMan 5 name; docs/import.md)\n");

  // YES is low risk; the entry's own stamp names the assessor; a GROUP-level item judged once
  // for the study applies to it, its group named.
  CHECK(file_text(files, "alpha-2001.xml")
            .find("    <assessment tool=\"rob1\" assessor=\"Jane Reviewer (RevMan 5 MODIFIED_BY: the last to change "
                  "these judgments)\" date=\"2014-03-05\" source=\"rm5\">\n"
                  "      <domain id=\"sequence-generation\" judgment=\"low\" locator=\"QUALITY_ITEM QIT-01 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-Alpha\">&quot;Computer-generated random list&quot; (p 2).</domain>\n"
                  "      <domain id=\"blinding-outcome\" judgment=\"low\" locator=\"QUALITY_ITEM QIT-03 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-Alpha (group Objective outcomes)\">Outcome group 'Objective "
                  "outcomes': Death is objective.</domain>\n    </assessment>\n") != std::string::npos);
  // UNKNOWN is unclear; no stamp of its own, so the table's: 2014-03-02, "[Empty name]".
  CHECK(file_text(files, "beta-2003.xml")
            .find("    <assessment tool=\"rob1\" assessor=\"not recorded\" date=\"2014-03-02\" source=\"rm5\">\n"
                  "      <domain id=\"sequence-generation\" judgment=\"unclear\" locator=\"QUALITY_ITEM QIT-01 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-Beta\">No support text in the RevMan 5 file (RESULT=UNKNOWN).</domain>\n"
                  "    </assessment>\n") != std::string::npos);
  // NO is high risk; the latest stamp is the QIT-01 entry's 2014-03-06, with the table's name.
  CHECK(file_text(files, "gamma-2005.xml")
            .find("    <assessment tool=\"rob1\" assessor=\"not recorded\" date=\"2014-03-06\" source=\"rm5\">\n"
                  "      <domain id=\"sequence-generation\" judgment=\"high\" locator=\"QUALITY_ITEM QIT-01 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-Gamma\">Alternation by date of birth &amp; ward.</domain>\n"
                  "      <domain id=\"other-bias\" judgment=\"unclear\" locator=\"QUALITY_ITEM QIT-05 / "
                  "QUALITY_ITEM_DATA_ENTRY STD-Gamma\">Baseline imbalance in age?</domain>\n"
                  "    </assessment>\n") != std::string::npos);
  // Allocation concealment has no entries: no file judges it, and nothing derives an overall.
  for (const auto& f : files) {
    CHECK(f.text.find("allocation-concealment") == std::string::npos);
    CHECK(f.text.find("<overall") == std::string::npos);
  }

  // The library passes the loader.
  const fs::path lib = test::temp_dir("metareview-import-rob-items") / "lib";
  const auto r = run_cli({"import", file, "--out", lib.string()});
  REQUIRE(r.status == cli::kExitOk);
  const auto v = run_cli({"validate", lib.string(), (lib / "reviews" / "rob1-items.xml").string()});
  INFO(v.err);
  CHECK(v.status == cli::kExitOk);
}

TEST_CASE("import: no MODIFIED stamp anywhere means no date, and RevMan 5.0's Blinding? is left out",
          "[import][rob]") {
  // Fleiss1993.rm5 with its stamps removed and an entry given to "Blinding?".
  std::string text = std::regex_replace(slurp(kData + "/Fleiss1993.rm5"), std::regex(" MODIFIED(_BY)?=\"[^\"]*\""), "");
  const std::string blinding = "<NAME>Blinding?</NAME>";
  const std::size_t at = text.find("<QUALITY_ITEM_DATA/>", text.find(blinding));
  REQUIRE(at != std::string::npos);
  text.replace(at, 20,
               "<QUALITY_ITEM_DATA><QUALITY_ITEM_DATA_ENTRY RESULT=\"YES\" STUDY_ID=\"STD-AMIS\"/></QUALITY_ITEM_DATA>");
  core::Diagnostics diag;
  const auto rm5 = import::read_rm5("f.rm5", text, diag);
  REQUIRE(rm5);
  const auto files = import::library_files(*rm5, diag);
  CHECK(diag.to_string() ==
        "f.rm5:407:1: warning: quality item 'Blinding?' (<QUALITY_ITEM ID=\"QIT-03\">) is not imported: RevMan 5.0 "
        "judges blinding of participants, personnel and outcome assessors as one item, which RoB 1 (2011) splits "
        "into two domains (docs/import.md)\n");
  const std::string amis = file_text(files, "amis-1980.xml");
  CHECK(amis.find("<assessment tool=\"rob1\" assessor=\"not recorded\" source=\"rm5\">") != std::string::npos);
  CHECK(amis.find("blinding") == std::string::npos);
}
