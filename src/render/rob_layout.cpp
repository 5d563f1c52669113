#include "render/rob_layout.h"

#include <algorithm>
#include <variant>

#include "core/text.h"

namespace metareview::render {

RobStyle rob_style(std::string_view judgment, const TextMeasurer& m) {
  // Ref: robvis (McGuinness & Higgins 2021) "cochrane" palette and symbols: low green "+",
  // some concerns / moderate / unclear (its RoB 1 template) yellow "-", high / serious red
  // "x", critical dark red "!", no information (and a RoB 1 domain not judged) blue "?".
  const Color green{0x02 / 255.0, 0xC1 / 255.0, 0}, yellow{0xE2 / 255.0, 0xDF / 255.0, 0x07 / 255.0},
      red{0xBF / 255.0, 0, 0}, dark_red{0x82 / 255.0, 0, 0}, blue{0x4E / 255.0, 0xA1 / 255.0, 0xF7 / 255.0};
  const Color black{0, 0, 0}, white{1, 1, 1};
  const bool unicode = m.covers(U'\u2212', FontWeight::Bold) && m.covers(U'\u00D7', FontWeight::Bold);
  if (judgment == "low") return {green, "+", black};
  if (judgment == "some-concerns" || judgment == "moderate" || judgment == "unclear") return {yellow, unicode ? "\u2212" : "-", black};
  if (judgment == "high" || judgment == "serious") return {red, unicode ? "\u00D7" : "x", white};
  if (judgment == "critical") return {dark_red, "!", white};
  return {blue, "?", black};
}

bool any_applicable(const std::vector<RobRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [](const RobRow& r) { return r.assessment && r.assessment->applicable(); });
}

namespace rob_detail {

std::vector<const core::RobTool*> tools_used(const std::vector<RobRow>& rows) {
  std::vector<const core::RobTool*> out;
  for (const core::RobTool& tool : core::rob_tools()) {
    if (tool.domains.empty()) continue;
    const bool used = std::any_of(rows.begin(), rows.end(),
                                  [&](const RobRow& r) { return r.assessment && r.assessment->tool == tool.code; });
    if (used) out.push_back(&tool);
  }
  return out;
}

double heading(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool, double x, double y) {
  const double baseline = y + m.ascent(t.font_size, FontWeight::Bold);
  s.add(make_text(m, std::string(tool.name), {x, baseline}, Anchor::Start, t.font_size, FontWeight::Bold, "rob-tool"));
  return baseline + m.descent(t.font_size, FontWeight::Bold) + 4;
}

bool any_unjudged(const core::RobTool& tool, const std::vector<RobRow>& rows) {
  return std::any_of(rows.begin(), rows.end(), [&](const RobRow& r) {
    return r.assessment && r.assessment->tool == tool.code && r.assessment->leaves_domain_unjudged();
  });
}

bool shows_overall(const core::RobTool& tool, const std::vector<RobRow>& rows) {
  return tool.overall_required || std::any_of(rows.begin(), rows.end(), [&](const RobRow& r) {
           return r.assessment && r.assessment->tool == tool.code && !r.assessment->overall.judgment.empty();
         });
}

double judgment_legend(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool, double x, double y,
                       bool circles, bool unjudged) {
  const double size = t.small_font_size;
  const double r = 5.5;
  const double mid = y + r;
  double at = x;
  std::vector<std::string_view> shown = tool.judgments;
  if (unjudged) shown.emplace_back();  // drawn and named as no information
  for (const std::string_view j : shown) {
    const RobStyle st = rob_style(j, m);
    if (circles) {
      s.add(Circle{{"rob-legend-mark"}, {at + r, mid}, r, st.fill, Stroke{t.line, 0.4, {}}});
      const double b = mid + (m.ascent(size, FontWeight::Bold) - m.descent(size, FontWeight::Bold)) / 2;
      s.add(make_text(m, st.symbol, {at + r, b}, Anchor::Middle, size, FontWeight::Bold, "rob-legend-symbol", -1, st.ink));
    } else {
      s.add(Rect{{"rob-legend-mark"}, at, mid - r, 2 * r, 2 * r, st.fill, Stroke{t.line, 0.4, {}}});
    }
    const double b = mid + (m.ascent(size, FontWeight::Normal) - m.descent(size, FontWeight::Normal)) / 2;
    const Text label = make_text(m, core::judgment_label(tool, j), {at + 2 * r + 3, b}, Anchor::Start, size,
                                 FontWeight::Normal, "rob-legend-label");
    at = label.pos.x + label.width + 10;
    s.add(label);
  }
  return y + 2 * r + 4;
}

namespace {

// "Not applicable (...): A, B." and "Not assessed: C.", wrapped to `width`.
double unassessed_note(Scene& s, const TextMeasurer& m, const Theme& t, const std::vector<RobRow>& rows, double x,
                       double y, double width) {
  std::vector<std::string> not_applicable, missing;
  for (const RobRow& r : rows) {
    if (r.assessment && r.assessment->applicable()) continue;
    auto& list = r.assessment ? not_applicable : missing;
    if (std::find(list.begin(), list.end(), r.label) == list.end()) list.push_back(r.label);
  }
  std::vector<std::string> sentences;
  if (!not_applicable.empty())
    sentences.push_back("Not applicable (no comparative effect to assess; reasons in the study files): " +
                        core::join(not_applicable) + ".");
  if (!missing.empty()) sentences.push_back("Not assessed: " + core::join(missing) + ".");
  const double size = t.small_font_size;
  const double line = size * 1.3;
  for (const std::string& sentence : sentences)
    for (const std::string& l : wrap(m, sentence, width, size, FontWeight::Normal)) {
      y += line;
      s.add(make_text(m, l, {x, y}, Anchor::Start, size, FontWeight::Normal, "rob-note"));
    }
  return sentences.empty() ? y : y + m.descent(size, FontWeight::Normal);
}

double right_edge(const Scene& s) {
  double right = 0;
  for (const Element& e : s.elements) {
    if (const auto* tx = std::get_if<Text>(&e)) right = std::max(right, tx->box().x + tx->box().w);
    else if (const auto* c = std::get_if<Circle>(&e)) right = std::max(right, c->centre.x + c->radius);
    else if (const auto* r = std::get_if<Rect>(&e)) right = std::max(right, r->x + r->w);
    else if (const auto* l = std::get_if<Line>(&e)) right = std::max({right, l->a.x, l->b.x});
  }
  return right;
}

}  // namespace

Scene stack_blocks(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& t, Block block) {
  Scene s;
  double y = t.margin;
  const auto tools = tools_used(rows);
  for (std::size_t k = 0; k < tools.size(); ++k) {
    if (k > 0) y += 14;
    y = block(s, m, t, *tools[k], rows, y);
  }
  const double width = std::max(right_edge(s) + t.margin, 300.0);
  y = unassessed_note(s, m, t, rows, t.margin, y, width - 2 * t.margin);
  s.width = width;
  s.height = y + t.margin;
  return s;
}

}  // namespace rob_detail

}  // namespace metareview::render
