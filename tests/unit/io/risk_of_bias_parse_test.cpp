// The <risk-of-bias> block of study files: what the loader keeps, with provenance inherited
// (docs/study-format.md, "Risk of bias"). Its errors are in tests/data/studies/bad/rob-*.xml.
#include <catch2/catch.hpp>

#include <string>

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
