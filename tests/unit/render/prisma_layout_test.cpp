// The PRISMA 2020 flow diagram (src/render/prisma_layout.cpp): the template's boxes with
// their counts, the stage headers, the arrows, and the other-methods column only when used.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "render/font.h"
#include "render/prisma_layout.h"

namespace {

namespace r = metareview::render;
namespace review = metareview::review;

const r::FontMeasurer& fonts() {
  static const r::FontMeasurer m;
  return m;
}

review::PrismaCount n(long long v) { return {v, {}}; }

/// Hand-made counts that add up: 45 identified, 34 screened, 8 sought, 7 assessed, 2 from
/// databases; 2 from citation searching, 1 excluded; 3 studies, 3 reports.
review::Prisma both_branches() {
  review::Prisma p;
  review::PrismaDatabases d;
  d.databases = n(40), d.registers = n(5);
  d.duplicates = n(8), d.automation = n(2), d.other = n(1);
  d.screened = n(34), d.records_excluded = n(26), d.sought = n(8), d.not_retrieved = n(1), d.assessed = n(7);
  d.reasons = {{"Wrong population", n(3)}, {"No usable outcome", n(2)}};
  p.databases = d;
  review::PrismaOther o;
  o.sources = {{"Citation searching", n(2)}};
  o.sought = n(2), o.not_retrieved = n(0), o.assessed = n(2);
  o.reasons = {{"Post hoc subgroup", n(1)}};
  p.other = o;
  p.studies = n(3), p.reports = n(3);
  return p;
}

/// `s` with its no-break spaces (which keep "(n = 3)" on one line) as plain spaces.
std::string plain(const std::string& s) {
  const std::string nbsp = "\u00A0";
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, nbsp.size(), nbsp) == 0) {
      out += ' ';
      i += nbsp.size() - 1;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Each box's text, its lines joined by " / ", in drawing order.
std::vector<std::string> box_texts(const r::Scene& s) {
  std::map<int, std::string> by_box;
  for (const r::Text* t : s.find<r::Text>("box-text")) {
    auto& text = by_box[t->index];
    if (!text.empty()) text += " / ";
    text += plain(t->text);
  }
  std::vector<std::string> out;
  for (auto& [i, text] : by_box) out.push_back(text);
  return out;
}

std::vector<std::string> texts(const r::Scene& s, const std::string& role) {
  std::vector<std::string> out;
  for (const r::Text* t : s.find<r::Text>(role)) out.push_back(t->text);
  return out;
}

}  // namespace

TEST_CASE("prisma layout: both branches draw the template's boxes with their counts", "[render][prisma]") {
  const r::Scene s = r::prisma_layout(both_branches(), fonts());
  CHECK(box_texts(s) ==
        std::vector<std::string>{
            "Records identified from: / Databases (n = 40) / Registers (n = 5)",
            // Lines wrap at spaces inside the 176 pt box (9 pt DejaVu Sans), never inside "(n = 8)".
            "Records removed before screening: / Duplicate records removed / (n = 8) / Records marked as ineligible by / "
            "automation tools (n = 2) / Records removed for other / reasons (n = 1)",
            "Records screened / (n = 34)",
            "Records excluded / (n = 26)",
            "Reports sought for retrieval / (n = 8)",
            "Reports not retrieved / (n = 1)",
            "Reports assessed for eligibility / (n = 7)",
            "Reports excluded: / Wrong population (n = 3) / No usable outcome (n = 2)",
            "Records identified from: / Citation searching (n = 2)",
            "Reports sought for retrieval / (n = 2)",
            "Reports not retrieved / (n = 0)",
            "Reports assessed for eligibility / (n = 2)",
            "Reports excluded: / Post hoc subgroup (n = 1)",
            "Studies included in review / (n = 3) / Reports of included studies / (n = 3)",
        });
  CHECK(texts(s, "stage-label") == std::vector<std::string>{"Identification", "Screening", "Included"});
  CHECK(texts(s, "branch-label") == std::vector<std::string>{"Identification of studies via databases and registers",
                                                             "Identification of studies via other methods"});
  // Down the left column 4 arrows, 4 sideways, 2 down the right column and 2 sideways, and the
  // right column's line into the included box: 13 heads.
  CHECK(s.find<r::Polygon>("arrow-head").size() == 13);
  // Every text run stays inside the figure.
  for (const r::Text* t : s.all<r::Text>()) {
    const r::Rect b = t->box();
    CHECK(b.x >= 0);
    CHECK(b.x + b.w <= s.width);
    CHECK(b.y + b.h <= s.height);
  }
}

TEST_CASE("prisma layout: text wraps inside its box and no two boxes overlap", "[render][prisma]") {
  review::Prisma p = both_branches();
  p.other->sources = {{"Citation searching (trials cited by the seed review) and their reports found on websites", n(2)}};
  const r::Scene s = r::prisma_layout(p, fonts());
  const auto boxes = s.find<r::Rect>("box");
  for (const r::Text* t : s.find<r::Text>("box-text")) {
    const r::Rect& b = *boxes.at(static_cast<std::size_t>(t->index));
    INFO(t->text);
    CHECK(t->left() >= b.x);
    CHECK(t->left() + t->width <= b.x + b.w);
    CHECK(t->pos.y - t->ascent >= b.y);
    CHECK(t->pos.y + t->descent <= b.y + b.h);
  }
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) CHECK_FALSE(r::overlaps(*boxes[i], *boxes[j]));
}

TEST_CASE("prisma layout: a flow of other methods only has no database column", "[render][prisma]") {
  review::Prisma p = both_branches();
  p.databases.reset();
  p.studies.n = 1, p.reports.n = 1;
  const r::Scene s = r::prisma_layout(p, fonts());
  CHECK(texts(s, "branch-label") == std::vector<std::string>{"Identification of studies via other methods"});
  const auto boxes = box_texts(s);
  CHECK(boxes.size() == 6);
  CHECK(std::none_of(boxes.begin(), boxes.end(), [](const std::string& b) { return b.find("Records screened") != std::string::npos; }));
  CHECK(boxes.back() == "Studies included in review / (n = 1) / Reports of included studies / (n = 1)");
}
