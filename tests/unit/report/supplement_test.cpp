#include <catch2/catch.hpp>

#include <algorithm>

#include "render/cairo_writer.h"
#include "report/supplement.h"
#include "report_fixture.h"

using namespace report_test;
namespace render = metareview::render;

namespace {

const std::vector<render::Scene>& pages() {
  static const std::vector<render::Scene> p = rp::supplement_pages(test_text(), test_figures(), fonts());
  return p;
}

std::vector<std::string> all_texts() {
  std::vector<std::string> out;
  for (const auto& p : pages())
    for (const auto* t : p.all<render::Text>()) out.push_back(t->text);
  return out;
}

bool contains(const std::string& s) {
  for (const auto& t : all_texts())
    if (t == s) return true;
  return false;
}

}  // namespace

TEST_CASE("the supplement is A4 with a running header and page numbers", "[report]") {
  REQUIRE(pages().size() >= 5);
  for (std::size_t i = 0; i < pages().size(); ++i) {
    INFO("page " << i + 1);
    // Portrait, or landscape for a figure too wide for 7-pt text across a portrait page.
    const bool portrait = pages()[i].width < pages()[i].height;
    CHECK(pages()[i].width == Approx(portrait ? 595.28 : 841.89));
    CHECK(pages()[i].height == Approx(portrait ? 841.89 : 595.28));
    bool numbered = false, headed = false;
    for (const auto* t : pages()[i].all<render::Text>()) {
      numbered = numbered || t->text == "Page " + std::to_string(i + 1) + " of " + std::to_string(pages().size());
      headed = headed || t->text == "Online supplement";
    }
    CHECK(numbered);
    CHECK(headed == (i > 0));
  }
}

TEST_CASE("no text of the supplement leaves its page or overlaps another", "[report]") {
  for (std::size_t i = 0; i < pages().size(); ++i) {
    const auto texts = pages()[i].all<render::Text>();
    for (std::size_t a = 0; a < texts.size(); ++a) {
      const render::Rect b = texts[a]->box();
      INFO("page " << i + 1 << ": '" << texts[a]->text << "'");
      CHECK(b.x >= 0);
      CHECK(b.x + b.w <= pages()[i].width);
      CHECK(b.y >= 0);
      CHECK(b.y + b.h <= pages()[i].height);
      // Text of the document itself (tables, paragraphs) never overlaps; figures are checked
      // by the render tests.
      if (texts[a]->role != "document-text") continue;
      for (std::size_t c = a + 1; c < texts.size(); ++c) {
        if (texts[c]->role != "document-text") continue;
        INFO("and '" << texts[c]->text << "'");
        CHECK_FALSE(render::overlaps(b, texts[c]->box(), 0.5));
      }
    }
  }
}

TEST_CASE("the supplement has the methods, the results table, the findings and the provenance", "[report]") {
  CHECK(contains("Online supplementary material"));
  CHECK(contains("1 Statistical methods"));
  // Results table rows, from metafor's values (see context_test.cpp).
  CHECK(contains("0.51 [0.42, 0.63]"));
  CHECK(contains("0.52 [0.45, 0.59]"));
  CHECK(contains("0.63 [0.46, 0.86]"));
  CHECK(contains("Random effects model"));
  CHECK(contains("Prediction interval [0.34, 0.77]"));
  // The note wraps; its first line starts with the test and the caveat of six studies in all.
  const std::string test = "Test for subgroup differences: Chi\u00B2 = 0.02, df = 1 (P = 0.901); 6 studies in all";
  const std::vector<std::string> texts = all_texts();
  CHECK(std::any_of(texts.begin(), texts.end(), [&](const std::string& t) { return t.rfind(test, 0) == 0; }));
  CHECK(contains("Q-profile (Viechtbauer 2007)"));
  CHECK(contains("3 Evidence checks of the included studies"));
  CHECK(contains("ci-level"));
  CHECK(contains("4 Characteristics of included studies"));
  CHECK(contains("5 Excluded studies"));
  CHECK(contains("Intermediate update of CANDOR."));
  CHECK(contains("6 References"));
  CHECK(contains("7 Provenance"));
  bool figure = false;
  for (const auto& t : all_texts()) figure = figure || t.rfind("Figure 1. Forest plot: Progression-free survival.", 0) == 0;
  CHECK(figure);
}

TEST_CASE("the results table follows the analysis: subgroups, pooled rows, findings under their study", "[report]") {
  const rp::Table t = rp::results_table(test_text().analyses[0]);
  std::vector<std::string> headers;
  for (const auto& c : t.columns) headers.push_back(c.header);
  CHECK(headers == std::vector<std::string>{"Study", "Reported HR [CI]", "Weight (common)", "Weight (random)",
                                            "Hazard Ratio [95% CI]"});
  REQUIRE(t.rows.size() > 4);
  CHECK(t.rows[0].kind == rp::TableRow::Kind::Heading);
  CHECK(t.rows[0].text == "Proteasome inhibitor");
  CHECK(t.rows[1].cells == std::vector<std::string>{"CANDOR", "0.63 [0.46, 0.85]", "18.1%", "17.4%", "0.63 [0.46, 0.86]"});
  CHECK(t.rows[2].cells[0] == "IKEMA");
  REQUIRE(t.rows[3].kind == rp::TableRow::Kind::Note);
  CHECK(t.rows[3].text.rfind("note (ci-level): ", 0) == 0);
  CHECK(t.rows[4].cells[0] == "CASTOR");
  CHECK(t.rows[5].kind == rp::TableRow::Kind::Summary);
  CHECK(t.rows[5].cells[0] == "Common effect model");
  CHECK(t.rows[5].rule_above);
}

TEST_CASE("the supplement PDF is the same bytes every time and has no creation date", "[report]") {
  render::WriteOptions o;
  const std::string a = rp::supplement_pdf(test_text(), test_figures(), o);
  const std::string b = rp::supplement_pdf(test_text(), test_figures(), o);
  CHECK(a == b);
  CHECK(a.rfind("%PDF-", 0) == 0);
  CHECK(a.find("/CreationDate") == std::string::npos);
  CHECK(a.find("/Title") != std::string::npos);
  o.source_date_epoch = 0;
  CHECK(rp::supplement_pdf(test_text(), test_figures(), o).find("/CreationDate (19700101000000Z)") != std::string::npos);
}

TEST_CASE("figure text in the supplement is never smaller than 7 pt", "[report]") {
  std::size_t figure_texts = 0;
  for (std::size_t i = 0; i < pages().size(); ++i)
    for (const auto* t : pages()[i].all<render::Text>()) {
      if (t->role == "document-text") continue;  // the document's own text: tables, captions
      INFO("page " << i + 1 << ": '" << t->text << "' at " << t->size << " pt");
      CHECK(t->size >= rp::kMinFigureText - 1e-9);
      ++figure_texts;
    }
  CHECK(figure_texts > 50);
}

TEST_CASE("the supplement states the methods once for analyses that share them", "[report]") {
  // Two analyses with the same methods: the settings table and the methods text appear once,
  // and no "differences" part is printed.
  rp::ReviewText two = test_text();
  two.analyses.push_back(two.analyses[0]);
  two.analyses[1].title = "Progression-free survival, again";
  std::vector<rp::AnalysisFigures> figures = test_figures();
  figures.push_back(figures[0]);
  const auto doubled = rp::supplement_pages(two, figures, fonts());
  std::size_t q_profile = 0, differences = 0, shared = 0;
  for (const auto& p : doubled)
    for (const auto* t : p.all<render::Text>()) {
      q_profile += t->text == "Q-profile (Viechtbauer 2007)";
      differences += t->text == "Differences between the analyses";
      shared += t->text.find("Settings shared by every analysis") != std::string::npos;
    }
  CHECK(q_profile == 1);
  CHECK(differences == 0);
  CHECK(shared == 1);
}
