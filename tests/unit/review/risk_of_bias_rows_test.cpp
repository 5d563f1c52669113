// Each analysis row carries the assessment of its own study and outcome, and results.json
// shows it (docs/study-format.md, "Risk of bias").
#include <catch2/catch.hpp>

#include "review/analysis.h"
#include "review/results_json.h"
#include "review_fixture.h"

namespace {
namespace review = metareview::review;
using metareview::test::library;
using metareview::test::fixture_review;
using metareview::test::shipped_review;
}  // namespace

TEST_CASE("rows take the assessment of their outcome, and results.json lists it", "[review]") {
  const auto rv = fixture_review("carfilzomib-mixed");
  const auto res = review::run_review(rv, library());
  const auto find = [&](const std::string& id) -> const review::AnalysisResult& {
    for (const auto& a : res.analyses)
      if (a.analysis->id == id) return a;
    FAIL("no analysis " << id);
    return res.analyses.front();
  };
  const auto& pfs = find("pfs");
  REQUIRE(pfs.rows.size() == 2);
  REQUIRE(pfs.rows[0].study == "endeavor-2016");
  REQUIRE(pfs.rows[0].risk_of_bias);
  CHECK(pfs.rows[0].risk_of_bias->tool == "rob2");
  // studies/endeavor-2016.xml: open-label, progression not said to be assessed independently.
  CHECK(pfs.rows[0].risk_of_bias->domains.at(3).judgment == "some-concerns");
  CHECK(pfs.rows[0].risk_of_bias->overall.judgment == "some-concerns");
  REQUIRE(pfs.rows[1].risk_of_bias);
  CHECK(pfs.rows[1].risk_of_bias->tool == "robins-i");
  CHECK(pfs.rows[1].risk_of_bias->overall.judgment == "critical");

  // OS is death: objective, but the other domains are unknown from the sources.
  const auto& os = find("os");
  REQUIRE(os.rows[0].risk_of_bias);
  CHECK(os.rows[0].risk_of_bias->domains.at(3).judgment == "low");
  CHECK(os.rows[0].risk_of_bias->overall.judgment == "no-information");

  const auto j = review::results_json(res);
  const nlohmann::json* rows = nullptr;
  for (const auto& a : j.at("analyses"))
    if (a.at("id") == "pfs") rows = &a.at("rows");
  REQUIRE(rows);
  const auto& rob = rows->at(1).at("risk_of_bias");
  CHECK(rob.at("tool") == "robins-i");
  CHECK(rob.at("date") == "2026-11-30");
  REQUIRE(rob.at("domains").size() == 7);
  CHECK(rob.at("domains").at(0).at("domain") == "confounding");
  CHECK(rob.at("domains").at(0).at("judgment") == "critical");
  CHECK(rob.at("domains").at(0).at("source") == "paper");
  CHECK(rob.at("overall").at("judgment") == "critical");
}

TEST_CASE("single-arm rows carry not-applicable with its reason, and no domains", "[review]") {
  const auto rv = shipped_review("bcma-rrmm-orr");  // the result points into it
  const auto res = review::run_review(rv, library());
  for (const auto& row : res.analyses.at(0).rows) {
    INFO(row.study);
    REQUIRE(row.risk_of_bias);
    CHECK_FALSE(row.risk_of_bias->applicable());
    CHECK(row.risk_of_bias->overall.support.rfind("Single-arm study: there is no comparison group", 0) == 0);
  }
  const auto j = review::results_json(res);
  const auto& rob = j.at("analyses").at(0).at("rows").at(0).at("risk_of_bias");
  CHECK(rob.at("tool") == "not-applicable");
  CHECK_FALSE(rob.contains("domains"));
  CHECK(rob.contains("reason"));
}
