#include "render/prisma_layout.h"

#include <algorithm>
#include <string>
#include <vector>

namespace metareview::render {
namespace {

// Box wording of the template. Ref: Page MJ, et al. BMJ 2021;372:n71, Figure 1.
// No-break spaces keep "(n = 12)" on one line when a box wraps its text.
std::string n_of(long long n) { return "(n\u00A0=\u00A0" + std::to_string(n) + ")"; }

/// One line of a box: bold lines are the box's heading, indented lines list its items.
struct BoxLine {
  std::string text;
  bool bold = false;
  int indent = 0;  ///< levels: a database under "Databases" is at level 2
};
using BoxText = std::vector<BoxLine>;

BoxText count_box(const std::string& what, long long n) { return {{what, false, 0}, {n_of(n), false, 0}}; }

BoxText list_box(const std::string& heading, const std::vector<review::PrismaItem>& items) {
  BoxText t{{heading, false, 0}};
  for (const auto& i : items) t.push_back({i.label + " " + n_of(i.count.n), false, 1});
  if (items.empty()) t.push_back({"None", false, 1});
  return t;
}

/// The boxes of one column of the template, top to bottom; side boxes are to the right of
/// their main box; an empty BoxText is no box.
struct Row {
  BoxText main, side;
};

class Layout {
 public:
  Layout(const review::Prisma& p, const TextMeasurer& m, const Theme& t) : p_(p), m_(m), t_(t) {}

  Scene run() {
    std::vector<Column> columns;
    if (p_.databases) columns.push_back(databases_column(*p_.databases));
    if (p_.other) columns.push_back(other_column(*p_.other));
    // Rows: 0 identification, 1 records screened (databases only), 2 sought, 3 assessed.
    const int rows = 4;
    const double x0 = t_.margin + kStage + kGap;
    for (std::size_t c = 0; c < columns.size(); ++c) columns[c].x = x0 + static_cast<double>(c) * (kColumn + kBranchGap);
    scene_.width = x0 + static_cast<double>(columns.size()) * kColumn +
                   static_cast<double>(columns.size() - 1) * kBranchGap + t_.margin;

    // Branch headers.
    double y = t_.margin;
    for (const auto& c : columns) header(c, y);
    y += kHeader + kRowGap;

    // Each row is as tall as its tallest box.
    std::vector<double> height(rows, 0);
    for (int r = 0; r < rows; ++r) {
      for (const auto& c : columns) {
        height[static_cast<std::size_t>(r)] =
            std::max({height[static_cast<std::size_t>(r)], box_height(c.rows[static_cast<std::size_t>(r)].main),
                      box_height(c.rows[static_cast<std::size_t>(r)].side)});
      }
    }
    std::vector<double> row_top(rows, 0);
    for (int r = 0; r < rows; ++r) {
      row_top[static_cast<std::size_t>(r)] = y;
      if (height[static_cast<std::size_t>(r)] > 0) y += height[static_cast<std::size_t>(r)] + kRowGap;
    }
    const double included_top = y;
    const BoxText included{{"Studies included in review", false, 0},
                           {n_of(p_.studies.n), false, 0},
                           {"Reports of included studies", false, 0},
                           {n_of(p_.reports.n), false, 0}};
    const double included_h = box_height(included);
    scene_.height = included_top + included_h + t_.margin;

    // Stage headers, left: Identification (row 0), Screening (rows 1-3), Included.
    const double screening_top = height[1] > 0 ? row_top[1] : row_top[2];
    stage("Identification", row_top[0], row_top[0] + height[0]);
    stage("Screening", screening_top, row_top[3] + height[3]);
    stage("Included", included_top, included_top + included_h);

    // Boxes and arrows of each column.
    for (const auto& c : columns) {
      double last_bottom = -1;
      for (int r = 0; r < rows; ++r) {
        const Row& row = c.rows[static_cast<std::size_t>(r)];
        if (row.main.empty()) continue;
        // Each box as tall as its text, centred on its row, so a long list of reasons beside a
        // one-count box does not stretch that box (as in the template).
        const double mid = row_top[static_cast<std::size_t>(r)] + height[static_cast<std::size_t>(r)] / 2;
        const double h = box_height(row.main);
        box(row.main, c.x, mid - h / 2, kBox, h);
        if (last_bottom >= 0) arrow({c.x + kBox / 2, last_bottom}, {c.x + kBox / 2, mid - h / 2});
        last_bottom = mid + h / 2;
        if (!row.side.empty()) {
          const double hs = box_height(row.side);
          box(row.side, c.x + kBox + kArrow, mid - hs / 2, kBox, hs);
          arrow({c.x + kBox, mid}, {c.x + kBox + kArrow, mid});
        }
      }
      c_bottoms_.push_back(last_bottom);
    }
    // The included box sits under the first column; the other column's flow joins it from the side.
    const Column& first = columns.front();
    box(included, first.x, included_top, kBox, included_h);
    arrow({first.x + kBox / 2, c_bottoms_.front()}, {first.x + kBox / 2, included_top});
    for (std::size_t c = 1; c < columns.size(); ++c) {
      const double x = columns[c].x + kBox / 2, mid = included_top + included_h / 2;
      line({x, c_bottoms_[c]}, {x, mid});
      arrow({x, mid}, {first.x + kBox, mid});
    }
    return std::move(scene_);
  }

 private:
  struct Column {
    std::string header;
    Color header_fill;
    std::vector<Row> rows;  // 4 rows
    double x = 0;
  };

  static constexpr double kStage = 72;      // width of the stage headers
  static constexpr double kGap = 12;        // stage header to first box
  static constexpr double kBox = 176;       // box width
  static constexpr double kArrow = 28;      // between a main box and its side box
  static constexpr double kColumn = 2 * kBox + kArrow;
  static constexpr double kBranchGap = 28;  // between the two columns
  static constexpr double kHeader = 24;     // branch header height
  static constexpr double kRowGap = 22;     // vertical arrows between rows
  static constexpr double kPad = 6;         // inside boxes
  static constexpr double kIndent = 8;      // listed items

  Column databases_column(const review::PrismaDatabases& d) const {
    BoxText identified{{"Records identified from:", false, 0}};
    identified.push_back({"Databases " + n_of(d.databases.n), false, 1});
    for (const auto& i : d.database_list) identified.push_back({i.label + " " + n_of(i.count.n), false, 2});
    identified.push_back({"Registers " + n_of(d.registers.n), false, 1});
    for (const auto& i : d.register_list) identified.push_back({i.label + " " + n_of(i.count.n), false, 2});
    const BoxText removed{{"Records removed before screening:", false, 0},
                          {"Duplicate records removed " + n_of(d.duplicates.n), false, 1},
                          {"Records marked as ineligible by automation tools " + n_of(d.automation.n), false, 1},
                          {"Records removed for other reasons " + n_of(d.other.n), false, 1}};
    return {"Identification of studies via databases and registers",
            kDatabaseFill,
            {{identified, removed},
             {count_box("Records screened", d.screened.n), count_box("Records excluded", d.records_excluded.n)},
             {count_box("Reports sought for retrieval", d.sought.n), count_box("Reports not retrieved", d.not_retrieved.n)},
             {count_box("Reports assessed for eligibility", d.assessed.n), list_box("Reports excluded:", d.reasons)}},
            0};
  }

  Column other_column(const review::PrismaOther& o) const {
    return {"Identification of studies via other methods",
            kOtherFill,
            {{list_box("Records identified from:", o.sources), {}},
             {{}, {}},
             {count_box("Reports sought for retrieval", o.sought.n), count_box("Reports not retrieved", o.not_retrieved.n)},
             {count_box("Reports assessed for eligibility", o.assessed.n), list_box("Reports excluded:", o.reasons)}},
            0};
  }

  double line_height() const { return t_.font_size + 3; }

  /// The box's lines wrapped to its width.
  std::vector<std::pair<std::string, BoxLine>> wrapped(const BoxText& text) const {
    std::vector<std::pair<std::string, BoxLine>> out;
    for (const auto& l : text) {
      const double width = kBox - 2 * kPad - l.indent * kIndent;
      const auto weight = l.bold ? FontWeight::Bold : FontWeight::Normal;
      for (auto& piece : wrap(m_, l.text, width, t_.font_size, weight)) out.emplace_back(std::move(piece), l);
    }
    return out;
  }

  double box_height(const BoxText& text) const {
    if (text.empty()) return 0;
    return static_cast<double>(wrapped(text).size()) * line_height() + 2 * kPad;
  }

  void box(const BoxText& text, double x, double y, double w, double h) {
    const int index = boxes_++;
    Rect r;
    r.role = "box";
    r.index = index;
    r.x = x, r.y = y, r.w = w, r.h = h;
    r.fill = Color{1, 1, 1};
    r.stroke = Stroke{t_.line, t_.line_width, {}};
    scene_.add(r);
    const auto lines = wrapped(text);
    // Text block centred vertically in a box that its row made taller.
    double base = y + (h - static_cast<double>(lines.size()) * line_height()) / 2 + m_.ascent(t_.font_size, FontWeight::Normal) +
                  (line_height() - m_.ascent(t_.font_size, FontWeight::Normal) - m_.descent(t_.font_size, FontWeight::Normal)) / 2;
    for (const auto& [s, l] : lines) {
      scene_.add(make_text(m_, s, {x + kPad + l.indent * kIndent, base}, Anchor::Start, t_.font_size,
                           l.bold ? FontWeight::Bold : FontWeight::Normal, "box-text", index, t_.text));
      base += line_height();
    }
  }

  void header(const Column& c, double y) {
    Rect r;
    r.role = "branch";
    r.x = c.x, r.y = y, r.w = kColumn, r.h = kHeader;
    r.fill = c.header_fill;
    r.stroke = Stroke{t_.line, t_.line_width, {}};
    scene_.add(r);
    const double base = y + kHeader / 2 + (m_.ascent(t_.font_size, FontWeight::Bold) - m_.descent(t_.font_size, FontWeight::Bold)) / 2;
    scene_.add(make_text(m_, c.header, {c.x + kColumn / 2, base}, Anchor::Middle, t_.font_size, FontWeight::Bold,
                         "branch-label", -1, t_.text));
  }

  void stage(const std::string& label, double top, double bottom) {
    Rect r;
    r.role = "stage";
    r.x = t_.margin, r.y = top, r.w = kStage, r.h = bottom - top;
    r.fill = kStageFill;
    scene_.add(r);
    const double base = (top + bottom) / 2 + (m_.ascent(t_.font_size, FontWeight::Bold) - m_.descent(t_.font_size, FontWeight::Bold)) / 2;
    scene_.add(make_text(m_, label, {t_.margin + kStage / 2, base}, Anchor::Middle, t_.font_size, FontWeight::Bold,
                         "stage-label", -1, t_.text));
  }

  void line(Point a, Point b) {
    Line l;
    l.role = "arrow";
    l.a = a, l.b = b;
    l.stroke = Stroke{t_.line, t_.line_width, {}};
    scene_.add(l);
  }

  /// A line from `a` to `b` with its head at `b` (horizontal or vertical only).
  void arrow(Point a, Point b) {
    constexpr double kHead = 5, kHalf = 2.5;
    const double dx = b.x > a.x ? 1 : b.x < a.x ? -1 : 0, dy = b.y > a.y ? 1 : b.y < a.y ? -1 : 0;
    const Point base{b.x - dx * kHead, b.y - dy * kHead};
    line(a, base);
    Polygon head;
    head.role = "arrow-head";
    head.points = {b, {base.x - dy * kHalf, base.y - dx * kHalf}, {base.x + dy * kHalf, base.y + dx * kHalf}};
    head.fill = t_.line;
    scene_.add(head);
  }

  static constexpr Color kStageFill{0.82, 0.82, 0.82};
  static constexpr Color kDatabaseFill{1.0, 0.93, 0.72};
  static constexpr Color kOtherFill{0.90, 0.90, 0.90};

  const review::Prisma& p_;
  const TextMeasurer& m_;
  const Theme& t_;
  Scene scene_;
  int boxes_ = 0;
  std::vector<double> c_bottoms_;
};

}  // namespace

Scene prisma_layout(const review::Prisma& p, const TextMeasurer& measure, const Theme& theme) {
  return Layout(p, measure, theme).run();
}

}  // namespace metareview::render
