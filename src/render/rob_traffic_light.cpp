#include <algorithm>

#include "render/rob_layout.h"

// The traffic-light plot as robvis' rob_traffic_light() draws it: a grey panel of studies x
// domains with one coloured circle and symbol per judgment, the overall judgment in its own
// column, and under it the key to D1..Dn and to the judgments.

namespace metareview::render {

namespace {

constexpr double kCell = 24;      // width of a domain column
constexpr double kRowHeight = 20;
constexpr double kRadius = 8;

// "D3" for the third domain, as robvis names them. Appended, not "D" + std::string, which
// trips GCC 12's false -Wrestrict at -O3.
std::string domain_label(std::size_t d) {
  std::string out = "D";
  out += std::to_string(d + 1);
  return out;
}

// Draws one tool's block at y; returns the y below it.
double block(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool,
             const std::vector<RobRow>& rows, double y) {
  const double x0 = t.margin;
  y = rob_detail::heading(s, m, t, tool, x0, y);
  std::vector<std::size_t> mine;
  double label_w = m.width("Study", t.font_size, FontWeight::Bold);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].assessment || rows[i].assessment->tool != tool.code) continue;
    mine.push_back(i);
    label_w = std::max(label_w, std::min(t.max_label_width, m.width(rows[i].label, t.font_size, FontWeight::Normal)));
  }
  const double grid_x = x0 + label_w + t.column_gap;
  const std::size_t n = tool.domains.size();
  const bool overall = rob_detail::shows_overall(tool, rows);
  const double overall_w = std::max(kCell, m.width("Overall", t.font_size, FontWeight::Bold) + 8);
  const double overall_x = grid_x + static_cast<double>(n) * kCell + 6;
  const double size = t.font_size;
  const double shift = (m.ascent(size, FontWeight::Normal) - m.descent(size, FontWeight::Normal)) / 2;
  const double bold_shift = (m.ascent(size, FontWeight::Bold) - m.descent(size, FontWeight::Bold)) / 2;

  // Column heads.
  const double head_mid = y + kRowHeight / 2;
  s.add(make_text(m, "Study", {x0, head_mid + bold_shift}, Anchor::Start, size, FontWeight::Bold, "rob-column-head"));
  for (std::size_t d = 0; d < n; ++d)
    s.add(make_text(m, domain_label(d), {grid_x + (static_cast<double>(d) + 0.5) * kCell, head_mid + bold_shift},
                    Anchor::Middle, size, FontWeight::Bold, "rob-column-head"));
  if (overall)
    s.add(make_text(m, "Overall", {overall_x + overall_w / 2, head_mid + bold_shift}, Anchor::Middle, size,
                    FontWeight::Bold, "rob-column-head"));
  y += kRowHeight;

  // The panels behind the circles, as robvis' grey background.
  const Color panel{0.93, 0.93, 0.93};
  const double panel_h = static_cast<double>(mine.size()) * kRowHeight;
  s.add(Rect{{"rob-panel"}, grid_x, y, static_cast<double>(n) * kCell, panel_h, panel, std::nullopt});
  if (overall) s.add(Rect{{"rob-panel"}, overall_x, y, overall_w, panel_h, panel, std::nullopt});

  const auto mark = [&](const std::string& judgment, double cx, double cy, int index, const char* role) {
    const RobStyle st = rob_style(judgment, m);
    s.add(Circle{{role, index}, {cx, cy}, kRadius, st.fill, Stroke{t.line, 0.4, {}}});
    s.add(make_text(m, st.symbol, {cx, cy + bold_shift}, Anchor::Middle, size + 1, FontWeight::Bold,
                    std::string(role) + "-symbol", index, st.ink));
  };
  for (const std::size_t i : mine) {
    const int index = static_cast<int>(i);
    const core::RobAssessment& a = *rows[i].assessment;
    const double mid = y + kRowHeight / 2;
    s.add(make_text(m, ellipsize(m, rows[i].label, t.max_label_width, size, FontWeight::Normal), {x0, mid + shift},
                    Anchor::Start, size, FontWeight::Normal, "rob-study", index));
    for (std::size_t d = 0; d < a.domains.size() && d < n; ++d)
      mark(a.domains[d].judgment, grid_x + (static_cast<double>(d) + 0.5) * kCell, mid, index, "rob-domain");
    // A RoB 1 row without an overall judgment keeps its cell empty: none was made.
    if (overall && (tool.overall_required || !a.overall.judgment.empty()))
      mark(a.overall.judgment, overall_x + overall_w / 2, mid, index, "rob-overall");
    y += kRowHeight;
  }

  // Key: D1..Dn, then the judgments.
  y += 6;
  const double small = t.small_font_size;
  for (std::size_t d = 0; d < n; ++d) {
    y += small * 1.3;
    s.add(make_text(m, domain_label(d) + ": " + std::string(tool.domains[d].name) + ".", {x0, y},
                    Anchor::Start, small, FontWeight::Normal, "rob-domain-key"));
  }
  y += m.descent(small, FontWeight::Normal) + 5;
  return rob_detail::judgment_legend(s, m, t, tool, x0, y, true, rob_detail::any_unjudged(tool, rows));
}

}  // namespace

Scene rob_traffic_light_layout(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& t) {
  return rob_detail::stack_blocks(rows, m, t, block);
}

}  // namespace metareview::render
