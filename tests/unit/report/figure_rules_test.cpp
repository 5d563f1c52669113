// Which figures a report draws and how (report/figures.cpp): the funnel plot only from 10
// studies unless the review asks (Cochrane Handbook 13.3.5.4), the reason in words when it is
// left out, and a review's <forest> controls reaching the forest plot.
#include <catch2/catch.hpp>

#include "report_fixture.h"

using namespace report_test;

namespace {

struct Run {
  metareview::review::Review review;
  metareview::review::ReviewResult result;
  std::vector<rp::AnalysisFigures> figures;
};

// The shipped anti-CD38 review (six trials in its main analysis) with `edit` applied to its
// text: the same review an author would write, with other figure settings.
std::unique_ptr<Run> run_anti_cd38(const std::string& from, const std::string& to) {
  std::string text = slurp(kSource + "/studies/reviews/anti-cd38-rrmm-pfs.xml");
  if (!from.empty()) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  }
  Diagnostics diag;
  auto rv = metareview::review::read_review(text, "anti-cd38-rrmm-pfs.xml", library(), diag);
  INFO(diag.to_string());
  REQUIRE(rv);
  auto run = std::make_unique<Run>();
  run->review = std::move(*rv);
  run->result = metareview::review::run_review(run->review, library());
  for (const auto& a : run->result.analyses)
    run->figures.push_back(rp::analysis_figures(a, run->result, fonts(), a.analysis->id));
  return run;
}

const std::string kPfs = R"(<analysis id="pfs" endpoint="PFS" measure="HR")";

}  // namespace

TEST_CASE("reports draw a funnel plot from 10 studies unless the review asks, and say why", "[report][figure]") {
  SECTION("six trials, funnel=\"auto\": no funnel plot, and the reason") {
    const auto run = run_anti_cd38("", "");
    const auto& a = run->result.analyses[0];
    REQUIRE(a.random);
    CHECK(a.random->k == 6);
    CHECK(run->figures[0].find("funnel") == nullptr);
    CHECK(run->figures[0].find("forest") != nullptr);
    CHECK(rp::funnel_note(a) ==
          "No funnel plot: with 6 studies, fewer than 10, a funnel plot cannot tell asymmetry from chance (Cochrane "
          "Handbook 13.3.5.4). The review may ask for one with funnel=\"always\".");
  }
  SECTION("funnel=\"always\" draws it, without a note") {
    const auto run = run_anti_cd38(kPfs, kPfs + R"( funnel="always")");
    CHECK(run->figures[0].find("funnel") != nullptr);
    CHECK(rp::funnel_note(run->result.analyses[0]).empty());
  }
  SECTION("funnel=\"never\" leaves it out and says the review asked") {
    const auto run = run_anti_cd38(kPfs, kPfs + R"( funnel="never")");
    CHECK(run->figures[0].find("funnel") == nullptr);
    CHECK(rp::funnel_note(run->result.analyses[0]) == "No funnel plot: the review asks for none (funnel=\"never\").");
  }
}

TEST_CASE("a review's <forest> reaches the forest plot: columns, ticks and theme", "[report][figure]") {
  const std::string favours = R"(<favours left="Favours anti-CD38 triplet" right="Favours doublet"/>)";
  const auto run = run_anti_cd38(
      favours, favours + R"(<forest xlim="0.2 2" at="0.2 0.5 1 2" columns="n follow-up rob" theme="colour"/>)");
  const auto& a = run->result.analyses[0];
  const rp::Figure* f = run->figures[0].find("forest");
  REQUIRE(f);
  std::vector<std::string> ticks;
  for (const auto* t : f->scene.find<metareview::render::Text>("tick-label")) ticks.push_back(t->text);
  CHECK(ticks == std::vector<std::string>{"0.2", "0.5", "1", "2"});
  std::vector<std::string> headers;
  for (const auto* t : f->scene.find<metareview::render::Text>("extra-header")) headers.push_back(t->text);
  CHECK(headers == std::vector<std::string>{"N", "Follow-up"});
  // Every row of this analysis has a RoB 2 assessment: five domain dots and one overall each.
  CHECK(f->scene.find<metareview::render::Circle>("rob-overall-dot").size() == a.rows.size());
  CHECK(f->scene.find<metareview::render::Circle>("rob-dot").size() == 5 * a.rows.size());

  // N of CANDOR: the arm sizes its study file prints (KdD 312, Kd 154; Dimopoulos 2020).
  const metareview::render::ForestOptions o = rp::forest_options(a, run->result);
  REQUIRE(o.columns.size() == 2);
  for (std::size_t i = 0; i < a.rows.size(); ++i)
    if (a.rows[i].study == "candor-2020") {
      CHECK(o.columns[0].cells[i] == "466");
      CHECK(o.columns[1].cells[i] == library().find("candor-2020")->follow_up);
    }
}
