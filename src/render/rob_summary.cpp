#include <algorithm>
#include <cmath>

#include "render/rob_layout.h"

// The weighted summary plot as robvis' rob_summary(weighted = TRUE) draws it: per domain
// and for the overall judgment, one bar of 100% split into the share of the studies' weight
// at each judgment, low first, with a percentage axis and the judgments' key below.

namespace metareview::render {

namespace {

constexpr double kBarWidth = 220;
constexpr double kBarHeight = 13;
constexpr double kRowHeight = 19;

double block(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool,
             const std::vector<RobRow>& rows, double y) {
  const double x0 = t.margin;
  const double size = t.font_size;
  y = rob_detail::heading(s, m, t, tool, x0, y);
  std::vector<std::string> labels;
  for (const core::RobDomain& d : tool.domains) labels.emplace_back(d.name);
  if (rob_detail::shows_overall(tool, rows)) labels.emplace_back("Overall risk of bias");
  // RoB 1: a domain left out, or an overall judgment some rows give and others do not.
  const bool unjudged =
      rob_detail::any_unjudged(tool, rows) ||
      (labels.size() > tool.domains.size() && std::any_of(rows.begin(), rows.end(), [&](const RobRow& r) {
         return r.assessment && r.assessment->tool == tool.code && r.assessment->overall.judgment.empty();
       }));
  std::vector<std::string_view> shown = tool.judgments;
  if (unjudged) shown.emplace_back();  // RoB 1 domains left out: no information
  double label_w = 0;
  for (const std::string& l : labels) label_w = std::max(label_w, m.width(l, size, FontWeight::Normal));
  const double bar_x = x0 + label_w + t.column_gap;
  const double shift = (m.ascent(size, FontWeight::Normal) - m.descent(size, FontWeight::Normal)) / 2;

  double total = 0;
  for (const RobRow& r : rows)
    if (r.assessment && r.assessment->tool == tool.code) total += r.weight;
  for (std::size_t d = 0; d < labels.size(); ++d) {
    const int index = static_cast<int>(d);
    const double mid = y + kRowHeight / 2;
    s.add(make_text(m, labels[d], {bar_x - t.column_gap, mid + shift}, Anchor::End, size, FontWeight::Normal,
                    "rob-summary-domain", index));
    double at = bar_x;
    for (const std::string_view j : shown) {
      double w = 0;
      for (const RobRow& r : rows) {
        if (!r.assessment || r.assessment->tool != tool.code) continue;
        const core::RobJudgment& got = d < tool.domains.size() ? r.assessment->domains.at(d) : r.assessment->overall;
        if (got.judgment == j) w += r.weight;
      }
      if (w <= 0 || total <= 0) continue;
      const double len = kBarWidth * w / total;
      s.add(Rect{{"rob-summary-bar", index}, at, mid - kBarHeight / 2, len, kBarHeight, rob_style(j, m).fill,
                 Stroke{t.line, 0.4, {}}});
      at += len;
    }
    y += kRowHeight;
  }
  // Percentage axis.
  y += 2;
  s.add(Line{{"rob-summary-axis"}, {bar_x, y}, {bar_x + kBarWidth, y}, Stroke{t.line, t.line_width, {}}});
  const double small = t.small_font_size;
  for (int p = 0; p <= 100; p += 25) {
    const double x = bar_x + kBarWidth * p / 100.0;
    s.add(Line{{"rob-summary-tick"}, {x, y}, {x, y + t.tick_length}, Stroke{t.line, t.line_width, {}}});
    s.add(make_text(m, std::to_string(p) + "%", {x, y + t.tick_length + 1 + m.ascent(small, FontWeight::Normal)},
                    Anchor::Middle, small, FontWeight::Normal, "rob-summary-tick-label"));
  }
  y += t.tick_length + 1 + m.ascent(small, FontWeight::Normal) + m.descent(small, FontWeight::Normal) + 8;
  return rob_detail::judgment_legend(s, m, t, tool, bar_x, y, false, unjudged);
}

}  // namespace

Scene rob_summary_layout(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& t) {
  return rob_detail::stack_blocks(rows, m, t, block);
}

}  // namespace metareview::render
