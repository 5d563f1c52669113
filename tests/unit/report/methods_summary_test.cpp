#include <catch2/catch.hpp>

#include "report/methods_summary.h"

namespace rp = metareview::report;

namespace {

rp::AnalysisText analysis(const std::string& title, const std::string& measure, const std::string& level,
                          const std::string& origin) {
  rp::AnalysisText a;
  a.title = title;
  a.methods = {"The " + measure + " were pooled on the log scale. The between-study variance \u03C4\u00B2 was "
               "estimated by REML. " + level + "% intervals were computed, e.g. for the pooled effect.",
               "All computations used metareview."};
  a.settings = {{"Effect measure", measure, "review file"},
                {"Method", "REML", "preset metafor"},
                {"Confidence level", level, origin}};
  return a;
}

}  // namespace

TEST_CASE("methods sentences split where a new sentence starts", "[report]") {
  const auto s = rp::sentences("The RR were pooled. \u03C4\u00B2 was 0. 0.5 was added, e.g. to zero cells. Done.");
  REQUIRE(s.size() == 4);
  CHECK(s[0] == "The RR were pooled.");
  CHECK(s[1] == "\u03C4\u00B2 was 0.");
  CHECK(s[2] == "0.5 was added, e.g. to zero cells.");
  CHECK(s[3] == "Done.");
}

TEST_CASE("methods are stated once, with what differs per analysis", "[report]") {
  rp::ReviewText r;
  r.analyses = {analysis("PFS", "hazard ratios", "95", "built in"), analysis("ORR", "risk ratios", "95", "built in"),
                analysis("OS", "hazard ratios", "90", "review file")};
  const rp::MethodsSummary m = rp::methods_summary(r);
  REQUIRE(m.common_paragraphs.size() == 2);
  CHECK(m.common_paragraphs[0] == "The between-study variance \u03C4\u00B2 was estimated by REML.");
  CHECK(m.common_paragraphs[1] == "All computations used metareview.");
  REQUIRE(m.common_settings.size() == 1);
  CHECK(m.common_settings[0].name == "Method");
  REQUIRE(m.differences.size() == 3);
  CHECK(m.differences[0].titles == std::vector<std::string>{"PFS"});
  CHECK(m.differences[0].sentences ==
        std::vector<std::string>{"The hazard ratios were pooled on the log scale.",
                                 "95% intervals were computed, e.g. for the pooled effect."});
  REQUIRE(m.differences[0].settings.size() == 2);
  CHECK(m.differences[0].settings[0].value == "hazard ratios");
  CHECK(m.differences[0].settings[1].value == "95");
  CHECK(m.differences[2].settings[1].origin == "review file");

  // Analyses alike in what they do differently share one entry.
  r.analyses.push_back(analysis("PFS, sensitivity", "hazard ratios", "95", "built in"));
  const rp::MethodsSummary alike = rp::methods_summary(r);
  REQUIRE(alike.differences.size() == 3);
  CHECK(alike.differences[0].titles == std::vector<std::string>{"PFS", "PFS, sensitivity"});

  // One analysis: everything is common, nothing differs.
  r.analyses.resize(1);
  const rp::MethodsSummary one = rp::methods_summary(r);
  CHECK(one.common_settings.size() == 3);
  CHECK(one.common_paragraphs == r.analyses[0].methods);
  CHECK(one.differences.at(0).sentences.empty());
  CHECK(one.differences.at(0).settings.empty());
}
