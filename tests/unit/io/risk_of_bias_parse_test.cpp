// The <risk-of-bias> block of study files: what the loader keeps, with provenance inherited
// (docs/study-format.md, "Risk of bias"). Its errors are in tests/data/studies/bad/rob-*.xml.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "io/study_reader.h"

namespace {
const std::string kData = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/studies";
}

TEST_CASE("assessments load with their judgments, support and inherited sources", "[io]") {
  metareview::core::Diagnostics diag;
  const auto set = metareview::io::read_studies({kData + "/good/every-construct-2025.xml"}, diag);
  INFO(diag.to_string());
  REQUIRE(set);
  const auto& s = set->studies.at(0);
  REQUIRE(s.risk_of_bias.size() == 3);

  const auto& rob2 = s.risk_of_bias[0];
  CHECK(rob2.tool == "rob2");
  CHECK(rob2.outcomes == std::vector<std::string>{"pfs", "vgpr"});
  CHECK(rob2.assessor == "Test assessors");
  CHECK(rob2.date == "2024-02-29");
  REQUIRE(rob2.domains.size() == 5);
  CHECK(rob2.domains[0].domain == "randomisation");
  CHECK(rob2.domains[0].support == "Central randomisation by web system.");
  // From the assessment: source and locator.
  CHECK(rob2.domains[0].source == "paper");
  CHECK(rob2.domains[0].locator == "Methods");
  // Own locator, inherited source.
  CHECK(rob2.domains[1].source == "paper");
  CHECK(rob2.domains[1].locator == "Table 1");
  // Own source: the inherited locator does not apply to it.
  CHECK(rob2.domains[3].source == "web");
  CHECK(rob2.domains[3].locator.empty());
  CHECK(rob2.domains[3].support == "Investigator-assessed & open-label.");
  CHECK(rob2.domains[4].locator == "protocol");
  CHECK(rob2.overall.judgment == "high");
  CHECK(rob2.overall.source == "paper");

  CHECK(s.risk_of_bias[1].domains.size() == 7);
  CHECK(s.risk_of_bias[1].domains[6].judgment == "critical");

  REQUIRE(s.risk_of_bias_for("orr-ri"));
  CHECK_FALSE(s.risk_of_bias_for("orr-ri")->applicable());
  CHECK(s.risk_of_bias_for("orr-ri")->overall.support == "Single-arm cohort: no comparison group.");
  CHECK(s.risk_of_bias_for("vgpr") == &s.risk_of_bias[0]);
  CHECK(s.risk_of_bias_for("dor-ri") == &s.risk_of_bias[1]);
  CHECK(s.risk_of_bias_for("age") == nullptr);
}

// RoB 1 as RevMan 5 stores it: some domains, no overall judgment, no date (docs/study-format.md).
TEST_CASE("a RoB 1 assessment keeps its judged domains, the others unjudged and no overall", "[io]") {
  metareview::core::Diagnostics diag;
  const auto set = metareview::io::read_studies({kData + "/good/rob1-2011.xml"}, diag);
  INFO(diag.to_string());
  REQUIRE(set);
  const auto& a = set->studies.at(0).risk_of_bias.at(0);
  CHECK(a.tool == "rob1");
  CHECK(a.assessor == "not recorded");
  CHECK(a.date.empty());
  // Every domain of the tool at its index; those the file leaves out have no judgment.
  REQUIRE(a.domains.size() == 7);
  std::vector<std::string> judgments;
  for (const auto& d : a.domains) judgments.push_back(d.domain + "=" + d.judgment);
  CHECK(judgments == std::vector<std::string>{"sequence-generation=low", "allocation-concealment=unclear",
                                              "blinding-participants=", "blinding-outcome=high", "incomplete-data=",
                                              "selective-reporting=", "other-bias="});
  CHECK(a.domains[0].support == "\"Computer-generated random numbers.\"");
  CHECK(a.domains[0].locator == "Methods");
  CHECK(a.domains[3].locator == "Table 2");
  CHECK(a.overall.judgment.empty());
  CHECK(a.overall.where.line == 0);
}
