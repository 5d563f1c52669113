#include <catch2/catch.hpp>

#include <numeric>

#include "render/scene.h"
#include "report/document.h"
#include "report_fixture.h"

using namespace report_test;
namespace render = metareview::render;

namespace {

std::vector<std::string> page_texts(const render::Scene& page) {
  std::vector<std::string> out;
  for (const auto* t : page.all<render::Text>()) out.push_back(t->text);
  return out;
}

bool has_text(const render::Scene& page, const std::string& s) {
  for (const auto* t : page.all<render::Text>())
    if (t->text == s) return true;
  return false;
}

// Every text run lies inside the page margins (the running header and footer inside the page).
void check_inside(const std::vector<render::Scene>& pages, const rp::PageSetup& setup) {
  for (std::size_t i = 0; i < pages.size(); ++i)
    for (const auto* t : pages[i].all<render::Text>()) {
      const render::Rect b = t->box();
      INFO("page " << i + 1 << ": '" << t->text << "'");
      CHECK(b.x >= setup.margin_left - 0.01);
      CHECK(b.x + b.w <= pages[i].width - setup.margin_right + 0.01);
      CHECK(b.y >= 0);
      CHECK(b.y + b.h <= pages[i].height);
    }
}

rp::Table long_table(std::size_t rows) {
  rp::Table t;
  t.label = "Table 1.";
  t.caption = "Input files.";
  t.columns = {{"Role"}, {"File"}, {"SHA-256"}};
  for (std::size_t i = 0; i < rows; ++i)
    t.rows.push_back({rp::TableRow::Kind::Body,
                      {"study", "studies/study-" + std::to_string(i) + ".xml",
                       "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"},
                      "",
                      false});
  return t;
}

}  // namespace

TEST_CASE("column widths fill the text width and short columns keep their natural width", "[report]") {
  rp::Table t;
  t.columns = {{"Study"}, {"Finding"}};
  t.rows.push_back({rp::TableRow::Kind::Body, {"Moreau 2021", std::string(400, 'x') + " " + std::string(50, 'y')}, "", false});
  const auto w = rp::column_widths(t, fonts(), 480);
  REQUIRE(w.size() == 2);
  CHECK(std::accumulate(w.begin(), w.end(), 0.0) == Approx(480));
  // "Moreau 2021" at 7.5 pt plus 3 pt padding each side: its own width, not a share.
  CHECK(w[0] == Approx(fonts().width("Moreau 2021", 7.5, render::FontWeight::Normal) + 6));

  rp::Table narrow;
  narrow.columns = {{"a"}, {"bb"}};
  narrow.rows.push_back({rp::TableRow::Kind::Body, {"1", "2"}, "", false});
  const auto v = rp::column_widths(narrow, fonts(), 300);
  CHECK(v[0] + v[1] == Approx(300));
}

TEST_CASE("a long table breaks across pages, repeats its header and never leaves the margins", "[report]") {
  rp::PageSetup setup;
  setup.header_left = "Running header";
  setup.header_right = "Online supplement";
  setup.footer_left = "metareview";
  rp::Document doc(fonts(), setup);
  doc.heading("1  Provenance", 1);
  doc.table(long_table(120));
  const auto pages = std::move(doc).finish();
  REQUIRE(pages.size() >= 3);
  check_inside(pages, setup);
  CHECK(has_text(pages[0], "Table 1. Input files."));
  CHECK(has_text(pages[1], "Table 1. (continued)"));
  CHECK(has_text(pages[1], "SHA-256"));
  CHECK_FALSE(has_text(pages[0], "Running header"));  // no running header on the title page
  CHECK(has_text(pages[1], "Running header"));
  CHECK(has_text(pages[0], "Page 1 of " + std::to_string(pages.size())));
  CHECK(has_text(pages.back(), "Page " + std::to_string(pages.size()) + " of " + std::to_string(pages.size())));
  // Hashes are never cut short: every one appears whole on some line.
  std::size_t whole = 0;
  for (const auto& p : pages)
    for (const auto& s : page_texts(p)) whole += s == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
  CHECK(whole == 120);
}

TEST_CASE("a word wider than its column is broken, not cut off", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  const std::string url = "https://www.example.org/a/very/long/path/that/does/not/fit/in/one/narrow/column/at/all";
  rp::Table t;
  t.label = "Table 1.";
  t.columns = {{"Study"}, {"Design"}, {"Population"}, {"Source"}};
  t.rows.push_back({rp::TableRow::Kind::Body,
                    {std::string(120, 'a'), std::string(120, 'b'), std::string(120, 'c'), url},
                    "",
                    false});
  doc.table(t);
  const auto pages = std::move(doc).finish();
  check_inside(pages, setup);
  std::string joined;  // the URL's pieces, line by line
  for (const auto& s : page_texts(pages[0]))
    if (s.size() >= 3 && url.find(s) != std::string::npos) joined += s;
  CHECK(joined == url);
  for (const auto& s : page_texts(pages[0])) CHECK(s.find("\u2026") == std::string::npos);
}

// Regression (issue 10): a <trial> of one long word (410 characters or more) made the other columns of the
// characteristics table narrower than their padding; break_word then met an empty word and
// read past the end of its character list (a segfault building supplement.pdf).
TEST_CASE("a single very long word in one column leaves every column room and is broken whole", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  const std::string trial(1000, 'T');
  rp::Table t;
  t.label = "Table 1.";
  t.columns = {{"Study"}, {"Design"}, {"Population"}, {"Arms (n)"}, {"Follow-up"}};
  t.rows.push_back({rp::TableRow::Kind::Body,
                    {"Moreau 2021\n" + trial, "randomised controlled trial", "relapsed or refractory myeloma",
                     "daratumumab (n = 251); placebo (n = 247)", "median 40 months"},
                    "",
                    false});
  const auto w = rp::column_widths(t, fonts(), doc.text_width());
  for (const double x : w) CHECK(x > 6);  // wider than the cell padding: room for text
  doc.table(t);
  const auto pages = std::move(doc).finish();
  check_inside(pages, setup);
  std::string joined;
  for (const auto& s : page_texts(pages[0]))
    if (!s.empty() && s.find_first_not_of('T') == std::string::npos) joined += s;
  CHECK(joined == trial);
}

TEST_CASE("safe_cut moves a cut up to the gap above a text it would split", "[report]") {
  render::Scene s;
  s.width = 100;
  s.height = 100;
  s.add(render::make_text(fonts(), "row 1", {0, 20}, render::Anchor::Start, 9, render::FontWeight::Normal, "t"));
  s.add(render::make_text(fonts(), "row 2", {0, 40}, render::Anchor::Start, 9, render::FontWeight::Normal, "t"));
  const double top2 = 40 - fonts().ascent(9, render::FontWeight::Normal);
  CHECK(rp::safe_cut(s, 0, 38) == Approx(top2));  // 38 is inside "row 2"
  CHECK(rp::safe_cut(s, 0, 30) == 30);            // between the rows already
}

TEST_CASE("place() clips lines to the slice and scales what it keeps", "[report]") {
  render::Scene s;
  s.width = 100;
  s.height = 100;
  render::Line axis;
  axis.a = {50, 0};
  axis.b = {50, 100};
  axis.stroke.width = 1;
  s.add(axis);
  s.add(render::make_text(fonts(), "in", {10, 30}, render::Anchor::Start, 10, render::FontWeight::Normal, "t"));
  s.add(render::make_text(fonts(), "out", {10, 80}, render::Anchor::Start, 10, render::FontWeight::Normal, "t"));
  const auto placed = rp::place(s, 20, 60, 0.5, {100, 200});
  REQUIRE(placed.size() == 2);
  const auto& l = std::get<render::Line>(placed[0]);
  CHECK(l.a.x == 125);   // 100 + 50 * 0.5
  CHECK(l.a.y == 200);   // clipped at y0 = 20
  CHECK(l.b.y == 220);   // clipped at y1 = 60: 200 + 40 * 0.5
  CHECK(l.stroke.width == 0.5);
  const auto& t = std::get<render::Text>(placed[1]);
  CHECK(t.text == "in");
  CHECK(t.pos.y == 205);  // 200 + (30 - 20) * 0.5
  CHECK(t.size == 5);
}

TEST_CASE("a figure taller than a page is cut between rows onto several pages", "[report]") {
  render::Scene tall;
  tall.width = 400;
  tall.height = 2000;
  for (int i = 0; i < 100; ++i)
    tall.add(render::make_text(fonts(), "study " + std::to_string(i), {10, 15.0 + 19.8 * i}, render::Anchor::Start, 9,
                               render::FontWeight::Normal, "t"));
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  doc.figure(tall, "Figure 1.", "A tall forest plot.", 1.0);
  const auto pages = std::move(doc).finish();
  REQUIRE(pages.size() >= 3);
  check_inside(pages, setup);
  std::size_t studies = 0;
  for (const auto& p : pages)
    for (const auto& s : page_texts(p)) studies += s.rfind("study ", 0) == 0;
  CHECK(studies == 100);  // every row drawn exactly once
  CHECK(has_text(pages[1], "Figure 1. (continued)"));
}

TEST_CASE("Chinese text is drawn, and a script no font of the chain has is shown as [...]", "[report]") {
  // DejaVu Sans has Greek, Noto Sans CJK SC the ideographs; neither has Devanagari.
  CHECK(fonts().covers(U'\u03C4', render::FontWeight::Normal));
  CHECK(fonts().covers(U'\u5361', render::FontWeight::Normal));
  CHECK_FALSE(fonts().covers(U'\u0915', render::FontWeight::Normal));
  rp::Document doc(fonts(), rp::PageSetup{});
  doc.paragraph("Niu J, et al. \u5361\u975E\u4F50\u7C73 \u6CBB\u7597. West China Medical Journal; \u03C4\u00B2 = 0.03");
  doc.paragraph("Title \u0915\u0916 in Hindi.");
  const auto pages = std::move(doc).finish();
  CHECK(has_text(pages[0], "Niu J, et al. \u5361\u975E\u4F50\u7C73 \u6CBB\u7597. West China Medical Journal; \u03C4\u00B2 = 0.03"));
  CHECK(has_text(pages[0], "Title [\u2026] in Hindi."));
}

namespace {

double text_top(const render::Scene& page, const std::string& s) {
  for (const auto* t : page.all<render::Text>())
    if (t->text == s) return t->box().y;
  return -1;
}

std::size_t page_of(const std::vector<render::Scene>& pages, const std::string& s) {
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (has_text(pages[i], s)) return i;
  return pages.size();
}

// Paragraph lines filling the first page down to about `points` above its bottom margin.
void fill_page(rp::Document& doc, const rp::PageSetup& setup, double points) {
  const double lh = 9 * 1.32;
  const double room = setup.height - setup.margin_bottom - setup.margin_top - points;
  std::string lines;
  for (int i = 0; i < static_cast<int>(room / lh); ++i) lines += (lines.empty() ? "" : "\n") + std::string("filler");
  rp::TextStyle st;
  st.space_after = 0;
  doc.paragraph(lines, st);
}

}  // namespace

TEST_CASE("a heading is drawn on the page where what follows it starts", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  fill_page(doc, setup, 60);  // room for a heading, not for a table's caption, header and two rows
  doc.heading("5 Excluded studies", 1);
  doc.table(long_table(4));
  const auto pages = std::move(doc).finish();
  REQUIRE(pages.size() == 2);
  CHECK(page_of(pages, "5 Excluded studies") == 1);
  CHECK(page_of(pages, "Table 1. Input files.") == 1);
  CHECK(text_top(pages[1], "5 Excluded studies") < text_top(pages[1], "Table 1. Input files."));
}

TEST_CASE("heading_page gives the page a heading landed on", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  const std::size_t first = doc.heading("1 First", 1);
  doc.paragraph("text");
  fill_page(doc, setup, 30);
  const std::size_t second = doc.heading("2 Second", 1);
  doc.paragraph("more text\nand a second line");
  std::move(doc).finish();
  CHECK(doc.heading_page(first) == 1);
  CHECK(doc.heading_page(second) == 2);
}

TEST_CASE("a table breaking across pages leaves at least a fifth of a page for the next", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  // Find how many rows of long_table fit on a page, then give the table one row more.
  rp::Document probe(fonts(), setup);
  probe.table(long_table(200));
  const auto probe_pages = std::move(probe).finish();
  std::size_t per_page = 0;
  for (const auto& s : page_texts(probe_pages[0])) per_page += s.rfind("studies/study-", 0) == 0;
  REQUIRE(per_page > 10);
  doc.table(long_table(per_page + 1));
  const auto pages = std::move(doc).finish();
  REQUIRE(pages.size() == 2);
  std::size_t on_second = 0;
  for (const auto& s : page_texts(pages[1])) on_second += s.rfind("studies/study-", 0) == 0;
  // A row of one line at 7.5 pt is 7.5 * 1.25 + 2 * 1.6 = 12.575 pt; a fifth of the page's
  // text height (841.89 - 70 - 62) / 5 = 141.98 pt takes 12 rows (11 are 138.3 pt).
  CHECK(on_second == 12);
  CHECK(has_text(pages[1], "Table 1. (continued)"));
  CHECK(has_text(pages[1], "SHA-256"));  // the header repeated
}

TEST_CASE("column group labels are wrapped, never cut short", "[report]") {
  rp::PageSetup setup;
  rp::Document doc(fonts(), setup);
  rp::Table t;
  t.label = "Table 1.";
  t.columns = {{"Outcome"}, {"Risk"}, {"Difference"}};
  t.groups.push_back({"Anticipated absolute effects per 1000 participants", 1, 2});
  t.rows.push_back({rp::TableRow::Kind::Body, {std::string(300, 'o'), "1", "2"}, "", false});
  doc.table(t);
  const auto pages = std::move(doc).finish();
  const std::string label = "Anticipated absolute effects per 1000 participants";
  std::string words;  // the label's lines, top to bottom
  for (const auto& s : page_texts(pages[0])) {
    CHECK(s.find("\u2026") == std::string::npos);
    if (s.size() > 3 && label.find(s) != std::string::npos) words += (words.empty() ? "" : " ") + s;
  }
  CHECK(words == label);
}

namespace {

render::Scene wide_figure(double width, double text_size) {
  render::Scene s;
  s.width = width;
  s.height = 200;
  for (int i = 0; i < 5; ++i)
    s.add(render::make_text(fonts(), "study " + std::to_string(i), {10, 20.0 + 30 * i}, render::Anchor::Start, text_size,
                            render::FontWeight::Normal, "t"));
  return s;
}

double smallest_text(const render::Scene& page) {
  double smallest = 1e9;
  for (const auto* t : page.all<render::Text>())
    if (t->text.rfind("study ", 0) == 0) smallest = std::min(smallest, t->size);
  return smallest;
}

}  // namespace

TEST_CASE("figure text is never smaller than 7 pt on the page", "[report]") {
  rp::PageSetup setup;  // A4 portrait: 595.28 - 2 * 62 = 471.28 pt of text width
  {
    // 9 pt text at max_scale 0.6 would be 5.4 pt: scaled up to 7/9, as 500 * 7/9 = 389 pt fits.
    rp::Document doc(fonts(), setup);
    doc.figure(wide_figure(500, 9), "Figure 1.", "Narrow.", 0.6);
    const auto pages = std::move(doc).finish();
    REQUIRE(pages.size() == 1);
    CHECK(smallest_text(pages[0]) == Approx(7));
  }
  {
    // 700 pt wide with 8 pt text: 471.28 / 700 * 8 = 5.4 pt across a portrait page. At the
    // scale 7/8 it is 612.5 pt wide: more than a portrait page's text width, less than a
    // landscape page's (841.89 - 124 = 717.89 pt). On a page more than half full it takes
    // the next page, turned, with the heading waiting for it.
    rp::Document doc(fonts(), setup);
    fill_page(doc, setup, 300);
    doc.heading("2.1 Forest plot", 2);
    doc.figure(wide_figure(700, 8), "Figure 1.", "Wide.");
    doc.paragraph("After.");
    const auto pages = std::move(doc).finish();
    REQUIRE(pages.size() == 3);
    CHECK(pages[1].width == Approx(setup.height));
    CHECK(pages[1].height == Approx(setup.width));
    CHECK(has_text(pages[1], "2.1 Forest plot"));
    // Scaled to the landscape text width, as any figure to its page's: 717.89 / 700 * 8 pt.
    CHECK(smallest_text(pages[1]) == Approx((841.89 - 124) / 700 * 8));
    CHECK(has_text(pages[2], "After."));
    CHECK(pages[2].width == Approx(setup.width));  // portrait again
    check_inside(pages, setup);
  }
  {
    // On a page less than half full the landscape figure waits for the page's end: the text
    // after it fills the page first, and the figure after it keeps its place behind it.
    rp::Document doc(fonts(), setup);
    doc.paragraph("Before.");
    doc.figure(wide_figure(700, 8), "Figure 1.", "Wide.");
    doc.figure(wide_figure(300, 9), "Figure 2.", "Narrow.");
    doc.paragraph("After.");
    const auto pages = std::move(doc).finish();
    REQUIRE(pages.size() == 3);
    CHECK(has_text(pages[0], "Before."));
    CHECK(has_text(pages[0], "After."));
    CHECK(pages[1].width == Approx(setup.height));
    CHECK(page_of(pages, "Figure 1. Wide.") == 1);
    CHECK(page_of(pages, "Figure 2. Narrow.") == 2);
    check_inside(pages, setup);
  }
}
