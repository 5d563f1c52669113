#include "render/funnel_layout.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "render/axis.h"
#include "stats/distributions.h"

namespace metareview::render {
namespace {

constexpr double kPlotWidth = 260;
constexpr double kPlotHeight = 200;
constexpr double kPointRadius = 2.6;

std::string x_label_for(core::Measure m) {
  switch (m) {
    case core::Measure::HR: return "Hazard Ratio (log scale)";
    case core::Measure::OR: return "Odds Ratio (log scale)";
    case core::Measure::RR: return "Risk Ratio (log scale)";
    case core::Measure::RD: return "Risk Difference";
    case core::Measure::MD: return "Mean Difference";
    case core::Measure::SMD: return "Standardised Mean Difference";
    case core::Measure::PR: return "Proportion";
    case core::Measure::PLO: return "Logit Proportion";
    case core::Measure::PAS: return "Arcsine Square-Root Proportion";
    case core::Measure::PFT: return "Freeman-Tukey Proportion";
    case core::Measure::GEN: return "Effect";
  }
  return "Effect";
}

}  // namespace

std::vector<Point> clip_polygon(const std::vector<Point>& polygon, double x0, double y0, double x1, double y1) {
  // One pass per rectangle edge; `inside` and `cut` describe the edge.
  auto pass = [](const std::vector<Point>& in, auto inside, auto cut) {
    std::vector<Point> out;
    for (std::size_t i = 0; i < in.size(); ++i) {
      const Point& a = in[i];
      const Point& b = in[(i + 1) % in.size()];
      const bool ia = inside(a), ib = inside(b);
      if (ia) out.push_back(a);
      if (ia != ib) out.push_back(cut(a, b));
    }
    return out;
  };
  auto at_x = [](double x) {
    return [x](const Point& a, const Point& b) { return Point{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
  };
  auto at_y = [](double y) {
    return [y](const Point& a, const Point& b) { return Point{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
  };
  std::vector<Point> p = polygon;
  p = pass(p, [&](const Point& q) { return q.x >= x0; }, at_x(x0));
  if (!p.empty()) p = pass(p, [&](const Point& q) { return q.x <= x1; }, at_x(x1));
  if (!p.empty()) p = pass(p, [&](const Point& q) { return q.y >= y0; }, at_y(y0));
  if (!p.empty()) p = pass(p, [&](const Point& q) { return q.y <= y1; }, at_y(y1));
  return p;
}

FunnelInput funnel_input(const effect::EffectTable& es, const model::Fit& fit, const FunnelOptions& options) {
  if (fit.beta.empty()) throw Error("render::funnel_input: the fit has no pooled estimate");
  if (fit.weights.size() != es.k())
    throw Error("render::funnel_input: the fit has " + std::to_string(fit.weights.size()) +
                " weights but the effect table has " + std::to_string(es.k()) + " rows");
  FunnelInput in;
  in.measure = es.measure;
  in.log_axis = core::is_log_ratio(es.measure);
  in.estimate = fit.estimate();
  in.level = fit.spec.level;
  in.contour = options.contour;
  in.null = core::null_value(es.measure).value_or(fit.estimate());
  in.x_label = x_label_for(es.measure);
  for (std::size_t i = 0; i < es.k(); ++i) {
    if ((!es.included.empty() && !es.included[i]) || !std::isfinite(es.yi[i]) || !(es.vi[i] > 0)) continue;
    in.points.push_back({es.yi[i], std::sqrt(es.vi[i]), false, static_cast<int>(i)});
  }
  return in;
}

Scene funnel_layout(const FunnelInput& in, const TextMeasurer& m, const Theme& t) {
  if (in.points.empty()) throw Error("render::funnel_layout: no studies to plot");
  Scene scene;
  const double fs = t.small_font_size;
  const FontWeight N = FontWeight::Normal;
  const double crit = stats::z_crit(in.level);

  // Axes: standard errors from 0 (top) to a rounded maximum; effects covering the points,
  // the funnel at its widest and, for contours, the null.
  double se_max = 0;
  for (const auto& p : in.points) se_max = std::max(se_max, p.sei);
  Axis y_axis = make_axis(0, se_max, false);
  se_max = y_axis.hi;
  double lo = in.estimate - crit * se_max, hi = in.estimate + crit * se_max;
  for (const auto& p : in.points) lo = std::min(lo, p.yi), hi = std::max(hi, p.yi);
  if (in.contour) lo = std::min(lo, in.null), hi = std::max(hi, in.null);
  Axis x_axis = make_axis(lo, hi, in.log_axis);

  // Room on the left for the SE tick labels.
  double label_w = 0;
  for (const auto& l : y_axis.labels) label_w = std::max(label_w, m.width(l, fs, N));
  // The SE title above the axis, clear of the half-height "0" tick label under it.
  const double title_h = 1.5 * (m.ascent(fs, N) + m.descent(fs, N)) + 2;
  const double px = t.margin + label_w + t.tick_length + 3;
  const double py = t.margin + title_h;
  const double pw = kPlotWidth, ph = kPlotHeight;
  auto X = [&](double v) { return x_axis.map(v, px, pw); };
  auto Y = [&](double se) { return y_axis.map(se, py, ph); };

  if (in.contour) {
    // Ref: Peters et al. (2008), J Clin Epidemiol 61:991: regions where a study would be
    // significant at 10%, 5%, 1% around the null; drawn outermost first.
    Rect back;
    back.role = "contour-01";
    back.x = px, back.y = py, back.w = pw, back.h = ph;
    back.fill = t.contour_01;
    scene.add(back);
    const std::pair<double, Color> bands[] = {{99, t.contour_05}, {95, t.contour_10}, {90, Color{1, 1, 1}}};
    const char* roles[] = {"contour-05", "contour-10", "contour-inner"};
    for (int i = 0; i < 3; ++i) {
      const double z = stats::z_crit(bands[i].first);
      Polygon p;
      p.role = roles[i];
      p.points = clip_polygon({{X(in.null), Y(0)}, {X(in.null + z * se_max), Y(se_max)}, {X(in.null - z * se_max), Y(se_max)}},
                              px, py, px + pw, py + ph);
      p.fill = bands[i].second;
      scene.add(p);
    }
  }

  // Pseudo confidence limits and the estimate.
  const Stroke dashed{t.line, t.line_width, {3, 2}};
  for (int side = -1; side <= 1; side += 2) {
    Line l;
    l.role = "funnel-limit";
    l.index = side < 0 ? 0 : 1;
    l.a = {X(in.estimate), Y(0)};
    l.b = {X(in.estimate + side * crit * se_max), Y(se_max)};
    l.stroke = dashed;
    scene.add(l);
  }
  Line centre;
  centre.role = "funnel-estimate";
  centre.a = {X(in.estimate), Y(0)}, centre.b = {X(in.estimate), Y(se_max)};
  centre.stroke = {t.line, t.line_width, {}};
  scene.add(centre);

  for (const auto& p : in.points) {
    Circle c;
    c.role = p.filled ? "filled-study" : "study-point";
    c.index = p.source_row;
    c.centre = {X(p.yi), Y(p.sei)};
    c.radius = kPointRadius;
    c.fill = p.filled ? Color{1, 1, 1} : t.line;
    c.stroke = Stroke{t.line, t.line_width, {}};
    scene.add(c);
  }

  Rect frame;
  frame.role = "frame";
  frame.x = px, frame.y = py, frame.w = pw, frame.h = ph;
  frame.stroke = Stroke{t.line, t.line_width, {}};
  scene.add(frame);

  // Left axis: ticks outwards, labels right-aligned, 0 at the top.
  for (std::size_t i = 0; i < y_axis.ticks.size(); ++i) {
    const double y = Y(y_axis.ticks[i]);
    Line tick;
    tick.role = "y-tick";
    tick.index = static_cast<int>(i);
    tick.a = {px - t.tick_length, y}, tick.b = {px, y};
    tick.stroke = {t.line, t.line_width, {}};
    scene.add(tick);
    const double baseline = y + (m.ascent(fs, N) - m.descent(fs, N)) / 2;
    scene.add(make_text(m, y_axis.labels[i], {px - t.tick_length - 2, baseline}, Anchor::End, fs, N, "y-tick-label",
                        static_cast<int>(i), t.text));
  }
  scene.add(make_text(m, in.y_label, {t.margin, t.margin + m.ascent(fs, N)}, Anchor::Start, fs, N, "y-title", -1, t.text));
  const double labels_bottom =
      draw_horizontal_axis(scene, x_axis, px, pw, py + ph, m, t, in.log_axis ? std::optional<double>(0.0) : std::nullopt);
  scene.add(make_text(m, in.x_label, {px + pw / 2, labels_bottom + 3 + m.ascent(fs, N)}, Anchor::Middle, fs, N,
                      "x-title", -1, t.text));

  // Legend to the right of the plot.
  double lx = px + pw + 12, ly = py + 2;
  auto legend_text = [&](const std::string& s, int index) {
    scene.add(make_text(m, s, {lx + 14, ly + 4.5 + (m.ascent(fs, N) - m.descent(fs, N)) / 2}, Anchor::Start, fs, N,
                        "legend", index, t.text));
    ly += 13;
  };
  if (in.contour) {
    const std::pair<Color, const char*> keys[] = {{Color{1, 1, 1}, "p > 0.10"},
                                                   {t.contour_10, "0.10 > p > 0.05"},
                                                   {t.contour_05, "0.05 > p > 0.01"},
                                                   {t.contour_01, "p < 0.01"}};
    for (int i = 0; i < 4; ++i) {
      Rect key;
      key.role = "legend-key";
      key.index = i;
      key.x = lx, key.y = ly, key.w = 9, key.h = 9;
      key.fill = keys[i].first;
      key.stroke = Stroke{t.line, t.line_width / 2, {}};
      scene.add(key);
      legend_text(keys[i].second, i);
    }
  }
  const bool any_filled = std::any_of(in.points.begin(), in.points.end(), [](const FunnelPoint& p) { return p.filled; });
  if (any_filled) {
    for (int filled = 0; filled <= 1; ++filled) {
      Circle c;
      c.role = "legend-key";
      c.index = 4 + filled;
      c.centre = {lx + 4.5, ly + 4.5};
      c.radius = kPointRadius;
      c.fill = filled ? Color{1, 1, 1} : t.line;
      c.stroke = Stroke{t.line, t.line_width, {}};
      scene.add(c);
      legend_text(filled ? "Filled (imputed) studies" : "Observed studies", 4 + filled);
    }
  }

  double right = px + pw, bottom = 0;
  for (const Text* tx : scene.all<Text>()) {
    const Rect b = tx->box();
    right = std::max(right, b.x + b.w), bottom = std::max(bottom, b.y + b.h);
  }
  scene.width = std::ceil(right + t.margin);
  scene.height = std::ceil(bottom + t.margin);
  return scene;
}

}  // namespace metareview::render
