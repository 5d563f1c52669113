// The risk-of-bias tools table and its helpers (core/risk_of_bias.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/risk_of_bias.h"

using namespace metareview::core;

TEST_CASE("the tools have the domains and judgments of RoB 2 and ROBINS-I, in the tools' order", "[core]") {
  // Sterne et al. BMJ 2019;366:l4898, Table 1 (five domains) and BMJ 2016;355:i4919, Table 1 (seven).
  const RobTool* rob2 = find_rob_tool("rob2");
  REQUIRE(rob2);
  std::vector<std::string> ids;
  for (const auto& d : rob2->domains) ids.emplace_back(d.id);
  CHECK(ids == std::vector<std::string>{"randomisation", "deviations", "missing-data", "measurement", "selection"});
  CHECK(rob2->judgments == std::vector<std::string_view>{"low", "some-concerns", "high", "no-information"});

  const RobTool* robins = find_rob_tool("robins-i");
  REQUIRE(robins);
  ids.clear();
  for (const auto& d : robins->domains) ids.emplace_back(d.id);
  CHECK(ids == std::vector<std::string>{"confounding", "selection", "classification", "deviations", "missing-data",
                                        "measurement", "reported-result"});
  CHECK(robins->judgments ==
        std::vector<std::string_view>{"low", "moderate", "serious", "critical", "no-information"});
  CHECK(robins->domains[0].name == "Bias due to confounding");

  REQUIRE(find_rob_tool("not-applicable"));
  CHECK(find_rob_tool("not-applicable")->domains.empty());
  CHECK_FALSE(find_rob_tool("rob3"));
}

TEST_CASE("RoB 1 has the seven domains of Handbook 5.1 table 8.5.a and judges low, unclear or high", "[core]") {
  // Higgins JPT et al. BMJ 2011;343:d5928; Cochrane Handbook 5.1, tables 8.5.a and 8.5.d.
  const RobTool* rob1 = find_rob_tool("rob1");
  REQUIRE(rob1);
  std::vector<std::string> ids;
  for (const auto& d : rob1->domains) ids.emplace_back(d.id);
  CHECK(ids == std::vector<std::string>{"sequence-generation", "allocation-concealment", "blinding-participants",
                                        "blinding-outcome", "incomplete-data", "selective-reporting", "other-bias"});
  CHECK(rob1->domains[3].name == "Blinding of outcome assessment (detection bias)");
  CHECK(rob1->judgments == std::vector<std::string_view>{"low", "unclear", "high"});
  CHECK_FALSE(rob1->every_domain);
  CHECK_FALSE(rob1->overall_required);
  CHECK(find_rob_tool("rob2")->every_domain);
  CHECK(find_rob_tool("rob2")->overall_required);
  // As RevMan 5 and robvis print them.
  CHECK(judgment_label(*rob1, "unclear") == "Unclear risk");
  CHECK(judgment_label(*rob1, "high") == "High risk");
  CHECK(judgment_label(*rob1, "") == "No information");
  CHECK(judgment_label(*find_rob_tool("rob2"), "some-concerns") == "Some concerns");
}

TEST_CASE("judgments are named for readers", "[core]") {
  CHECK(judgment_label("some-concerns") == "Some concerns");
  CHECK(judgment_label("no-information") == "No information");
  CHECK(judgment_label("low") == "Low");
}

TEST_CASE("assessment dates are calendar dates written YYYY-MM-DD", "[core]") {
  CHECK(is_iso_date("2026-11-30"));
  CHECK(is_iso_date("2024-02-29"));   // divisible by 4
  CHECK(is_iso_date("2000-02-29"));   // divisible by 400
  CHECK_FALSE(is_iso_date("1900-02-29"));  // a century not divisible by 400
  CHECK_FALSE(is_iso_date("2023-02-29"));
  CHECK_FALSE(is_iso_date("2026-04-31"));
  CHECK_FALSE(is_iso_date("2026-13-01"));
  CHECK_FALSE(is_iso_date("2026-00-10"));
  CHECK_FALSE(is_iso_date("2026-1-01"));
  CHECK_FALSE(is_iso_date("30/11/2026"));
  CHECK_FALSE(is_iso_date("2026-11-30Z"));
}

TEST_CASE("an assessment without outcomes covers every outcome", "[core]") {
  RobAssessment all;
  CHECK(all.covers("pfs"));
  RobAssessment some;
  some.outcomes = {"pfs", "os"};
  CHECK(some.covers("os"));
  CHECK_FALSE(some.covers("orr"));
}
