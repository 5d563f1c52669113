// The risk-of-bias figures (render/rob_layout.h): what is drawn where, checked on the Scene.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "render/font.h"
#include "render/rob_layout.h"

namespace r = metareview::render;
namespace core = metareview::core;

namespace {

const r::FontMeasurer& fonts() {
  static const r::FontMeasurer m;
  return m;
}

core::RobAssessment assessment(const std::string& tool, std::vector<std::string> judgments, std::string overall) {
  core::RobAssessment a;
  a.tool = tool;
  const core::RobTool* t = core::find_rob_tool(tool);
  for (std::size_t i = 0; i < judgments.size(); ++i)
    a.domains.push_back({std::string(t->domains[i].id), judgments[i], "why", "paper", "", {}});
  a.overall.judgment = std::move(overall);
  return a;
}

struct Rows {
  core::RobAssessment a = assessment("rob2", {"low", "some-concerns", "high", "no-information", "low"}, "high");
  core::RobAssessment b = assessment("rob2", {"high", "low", "low", "low", "low"}, "high");
  core::RobAssessment c = assessment(
      "robins-i", {"critical", "no-information", "low", "no-information", "no-information", "moderate", "critical"},
      "critical");
  core::RobAssessment na;
  std::vector<r::RobRow> rows;
  Rows() {
    na.tool = "not-applicable";
    rows = {{"Alpha 2020", &a, 60}, {"Beta 2021", &b, 30}, {"Gamma 2022", &c, 10}, {"Delta 2023", &na, 0},
            {"Epsilon 2024", nullptr, 0}};
  }
};

// Colours of robvis' "cochrane" palette (#02C100 green, #BF0000 red).
const r::Color kGreen{2 / 255.0, 193 / 255.0, 0}, kRed{191 / 255.0, 0, 0};

}  // namespace

TEST_CASE("traffic light: one block per tool, a circle per domain and overall, the rest named", "[render]") {
  const Rows in;
  const r::Scene s = r::rob_traffic_light_layout(in.rows, fonts());
  CHECK(s.find<r::Text>("rob-tool").size() == 2);
  CHECK(s.find<r::Text>("rob-tool")[0]->text == "RoB 2");
  CHECK(s.find<r::Text>("rob-tool")[1]->text == "ROBINS-I");
  const auto circles = s.find<r::Circle>("rob-domain");
  REQUIRE(circles.size() == 5 + 5 + 7);
  // Row 0's first domain is low (green "+"), its third high (red).
  CHECK(circles[0]->index == 0);
  CHECK(*circles[0]->fill == kGreen);
  CHECK(*circles[2]->fill == kRed);
  const auto symbols = s.find<r::Text>("rob-domain-symbol");
  CHECK(symbols[0]->text == "+");
  CHECK(symbols[3]->text == "?");
  CHECK(s.find<r::Circle>("rob-overall").size() == 3);
  // Legend: D1..D5 and D1..D7, then the judgments of each tool.
  const auto keys = s.find<r::Text>("rob-domain-key");
  REQUIRE(keys.size() == 12);
  CHECK(keys[0]->text == "D1: Bias arising from the randomisation process.");
  CHECK(keys[5]->text == "D1: Bias due to confounding.");
  CHECK(s.find<r::Text>("rob-legend-label").size() == 4 + 5);
  std::string note;
  for (const auto* t : s.find<r::Text>("rob-note")) note += t->text + " ";
  CHECK(note.find("Delta 2023") != std::string::npos);
  CHECK(note.find("Not assessed: Epsilon 2024.") != std::string::npos);
  // Nothing overlaps, and everything is inside the page.
  const auto texts = s.all<r::Text>();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const r::Rect b = texts[i]->box();
    CHECK(b.x >= 0);
    CHECK(b.x + b.w <= s.width);
    CHECK(b.y + b.h <= s.height);
    for (std::size_t j = i + 1; j < texts.size(); ++j) {
      INFO(texts[i]->text << " / " << texts[j]->text);
      CHECK_FALSE(r::overlaps(b, texts[j]->box()));
    }
  }
}

TEST_CASE("summary: each bar splits 100% by the share of weight at each judgment", "[render]") {
  const Rows in;
  const r::Scene s = r::rob_summary_layout(in.rows, fonts());
  // RoB 2 rows weigh 60 and 30 (90 in all). D1: low 60/90, high 30/90 of the 220 pt bar.
  const auto d1 = [&] {
    std::vector<const r::Rect*> out;
    for (const auto* b : s.find<r::Rect>("rob-summary-bar"))
      if (b->index == 0) out.push_back(b);
    return out;
  }();
  REQUIRE(d1.size() == 2 + 1);  // two RoB 2 segments, then ROBINS-I's single (critical) one
  CHECK(d1[0]->w == Approx(220.0 * 60 / 90));
  CHECK(*d1[0]->fill == kGreen);
  CHECK(d1[1]->w == Approx(220.0 * 30 / 90));
  CHECK(d1[1]->x == Approx(d1[0]->x + d1[0]->w));
  CHECK(d1[2]->w == Approx(220.0));
  // One label per domain plus the overall one, per tool.
  CHECK(s.find<r::Text>("rob-summary-domain").size() == 6 + 8);
  CHECK(s.find<r::Text>("rob-summary-tick-label").back()->text == "100%");
}

TEST_CASE("the figures apply only when some row has an applicable assessment", "[render]") {
  const Rows in;
  CHECK(r::any_applicable(in.rows));
  CHECK_FALSE(r::any_applicable({in.rows[3], in.rows[4]}));
}

// RoB 1 as RevMan 5 stores it (docs/import.md): only the domains the review authors judged and
// no overall judgment. robvis' RoB 1 template draws "unclear" as its yellow "-" and a domain
// without a judgment as "no information" (blue "?").
TEST_CASE("RoB 1: unjudged domains show as no information, and no overall column without one", "[render]") {
  core::RobAssessment a = assessment("rob1", {"low", "unclear", "", "high", "", "", ""}, "");
  core::RobAssessment b = assessment("rob1", {"", "unclear", "", "", "", "", ""}, "");
  const std::vector<r::RobRow> rows = {{"Alpha 2001", &a, 75}, {"Beta 2003", &b, 25}};
  const r::Scene s = r::rob_traffic_light_layout(rows, fonts());
  REQUIRE(s.find<r::Text>("rob-tool").size() == 1);
  CHECK(s.find<r::Text>("rob-tool")[0]->text == "RoB 1");
  const auto symbols = s.find<r::Text>("rob-domain-symbol");
  REQUIRE(symbols.size() == 14);
  CHECK(symbols[0]->text == "+");
  CHECK(symbols[1]->text == "\u2212");  // unclear, as robvis' yellow minus
  CHECK(symbols[2]->text == "?");       // not judged: no information
  const r::Color yellow{0xE2 / 255.0, 0xDF / 255.0, 0x07 / 255.0}, blue{0x4E / 255.0, 0xA1 / 255.0, 0xF7 / 255.0};
  CHECK(*s.find<r::Circle>("rob-domain")[1]->fill == yellow);
  CHECK(*s.find<r::Circle>("rob-domain")[2]->fill == blue);
  CHECK(s.find<r::Circle>("rob-overall").empty());
  for (const auto* t : s.find<r::Text>("rob-column-head")) CHECK(t->text != "Overall");
  std::vector<std::string> legend;
  for (const auto* t : s.find<r::Text>("rob-legend-label")) legend.push_back(t->text);
  CHECK(legend == std::vector<std::string>{"Low risk", "Unclear risk", "High risk", "No information"});
  CHECK(s.find<r::Text>("rob-domain-key")[0]->text == "D1: Random sequence generation (selection bias).");

  // Summary: seven domain bars and no overall one; D1 is low for 75% and no information for 25%.
  const r::Scene sum = r::rob_summary_layout(rows, fonts());
  CHECK(sum.find<r::Text>("rob-summary-domain").size() == 7);
  std::vector<const r::Rect*> d1;
  for (const auto* bar : sum.find<r::Rect>("rob-summary-bar"))
    if (bar->index == 0) d1.push_back(bar);
  REQUIRE(d1.size() == 2);
  CHECK(d1[0]->w == Approx(220.0 * 75 / 100));
  CHECK(*d1[1]->fill == blue);
  CHECK(d1[1]->w == Approx(220.0 * 25 / 100));
}
