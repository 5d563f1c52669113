#include "render/funnel_layout.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/error.h"
#include "core/format.h"
#include "render/axis.h"
#include "render/plot2d.h"
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

FunnelInput trimfill_funnel_input(const effect::EffectTable& es, const methods::Trimfill& t,
                                  const FunnelOptions& options) {
  if (t.fill_yi.size() != t.fill_vi.size())
    throw Error("render::trimfill_funnel_input: " + std::to_string(t.fill_yi.size()) + " filled effects but " +
                std::to_string(t.fill_vi.size()) + " variances");
  FunnelInput in;
  in.measure = es.measure;
  in.log_axis = core::is_log_ratio(es.measure);
  in.estimate = t.estimate;
  in.level = t.spec.level;
  in.contour = options.contour;
  in.null = core::null_value(es.measure).value_or(t.estimate);
  in.x_label = x_label_for(es.measure);
  for (const std::size_t i : es.usable_rows()) in.points.push_back({es.yi[i], std::sqrt(es.vi[i]), false, static_cast<int>(i)});
  for (std::size_t j = 0; j < t.fill_yi.size(); ++j) in.points.push_back({t.fill_yi[j], std::sqrt(t.fill_vi[j]), true, -1});
  return in;
}

namespace {

// Axes: standard errors from 0 (top) to a rounded maximum; effects covering the points, the
// funnel at its widest and, for contours, the null.
Plot2d funnel_frame(const FunnelInput& in, double crit, const TextMeasurer& m, const Theme& t) {
  double se_max = 0;
  for (const auto& p : in.points) se_max = std::max(se_max, p.sei);
  Axis y_axis = make_axis(0, se_max, false);
  se_max = y_axis.hi;
  double lo = in.estimate - crit * se_max, hi = in.estimate + crit * se_max;
  for (const auto& p : in.points) lo = std::min(lo, p.yi), hi = std::max(hi, p.yi);
  // The regression line starts at its limit estimate (SE 0); below it may leave the frame.
  if (in.regression) lo = std::min(lo, in.regression->intercept), hi = std::max(hi, in.regression->intercept);
  if (in.contour) lo = std::min(lo, in.null), hi = std::max(hi, in.null);
  return Plot2d(make_axis(lo, hi, in.log_axis), std::move(y_axis), m, t, {kPlotWidth, kPlotHeight, true});
}

// Ref: Peters et al. (2008), J Clin Epidemiol 61:991: regions where a study would be
// significant at 10%, 5%, 1% around the null; drawn outermost first.
void draw_contours(Scene& scene, const FunnelInput& in, const Plot2d& plot, const Theme& t) {
  const double se_max = plot.y_axis().hi;
  const Rect area = plot.area();
  Rect back = area;
  back.role = "contour-01";
  back.fill = t.contour_01;
  scene.add(back);
  const std::pair<double, Color> bands[] = {{99, t.contour_05}, {95, t.contour_10}, {90, Color{1, 1, 1}}};
  const char* roles[] = {"contour-05", "contour-10", "contour-inner"};
  for (int i = 0; i < 3; ++i) {
    const double z = stats::z_crit(bands[i].first);
    Polygon p;
    p.role = roles[i];
    p.points = clip_polygon({{plot.X(in.null), plot.Y(0)},
                             {plot.X(in.null + z * se_max), plot.Y(se_max)},
                             {plot.X(in.null - z * se_max), plot.Y(se_max)}},
                            area.x, area.y, area.x + area.w, area.y + area.h);
    p.fill = bands[i].second;
    scene.add(p);
  }
}

// The pseudo confidence limits and the estimate.
void draw_funnel(Scene& scene, const FunnelInput& in, double crit, const Plot2d& plot, const Theme& t) {
  const double se_max = plot.y_axis().hi;
  const Stroke dashed{t.line, t.line_width, {3, 2}};
  for (int side = -1; side <= 1; side += 2) {
    Line l;
    l.role = "funnel-limit";
    l.index = side < 0 ? 0 : 1;
    l.a = {plot.X(in.estimate), plot.Y(0)};
    l.b = {plot.X(in.estimate + side * crit * se_max), plot.Y(se_max)};
    l.stroke = dashed;
    scene.add(l);
  }
  Line centre;
  centre.role = "funnel-estimate";
  centre.a = {plot.X(in.estimate), plot.Y(0)}, centre.b = {plot.X(in.estimate), plot.Y(se_max)};
  centre.stroke = {t.line, t.line_width, {}};
  scene.add(centre);
}

Stroke regression_stroke(const Theme& t) { return {t.line, 1.2 * t.line_width, {6, 2, 1.5, 2}}; }

// Egger's line from SE 0 to the foot of the funnel, clipped to the effect axis: on the
// segment sei in [0, se_max], keep the part where intercept + slope * sei lies on the axis.
void draw_regression(Scene& scene, const FunnelLine& r, const Plot2d& plot, const Theme& t) {
  const Axis& x = plot.x_axis();
  double s0 = 0, s1 = plot.y_axis().hi;
  if (r.slope != 0) {
    const double a = (x.lo - r.intercept) / r.slope, b = (x.hi - r.intercept) / r.slope;
    s0 = std::max(s0, std::min(a, b)), s1 = std::min(s1, std::max(a, b));
  }
  if (!(s0 < s1)) return;  // the line never crosses the plot
  Line l;
  l.role = "regression-line";
  l.a = {plot.X(r.intercept + r.slope * s0), plot.Y(s0)};
  l.b = {plot.X(r.intercept + r.slope * s1), plot.Y(s1)};
  l.stroke = regression_stroke(t);
  scene.add(l);
}

// Plot2d's legend has square and marker keys; a line key is its square key redrawn as a
// stroke through the square's middle.
void line_key(Scene& scene, Plot2d::Legend& legend, const Stroke& stroke, const std::string& text, int index) {
  legend.swatch(scene, Color{1, 1, 1}, text, index);
  for (auto it = scene.elements.rbegin(); it != scene.elements.rend(); ++it) {
    const auto* key = std::get_if<Rect>(&*it);
    if (!key || key->role != "legend-key") continue;
    Line l;
    l.role = "legend-key";
    l.index = index;
    l.a = {key->x - 2, key->y + key->h / 2}, l.b = {key->x + key->w + 2, key->y + key->h / 2};
    l.stroke = stroke;
    *it = l;
    return;
  }
}

void draw_legend(Scene& scene, const FunnelInput& in, const Plot2d& plot, const Theme& t) {
  Plot2d::Legend legend = plot.legend();
  if (in.contour) {
    const std::pair<Color, const char*> keys[] = {{Color{1, 1, 1}, "p > 0.10"},
                                                   {t.contour_10, "0.10 > p > 0.05"},
                                                   {t.contour_05, "0.05 > p > 0.01"},
                                                   {t.contour_01, "p < 0.01"}};
    for (int i = 0; i < 4; ++i) legend.swatch(scene, keys[i].first, keys[i].second, i);
  }
  if (std::any_of(in.points.begin(), in.points.end(), [](const FunnelPoint& p) { return p.filled; })) {
    legend.marker(scene, false, kPointRadius, "Observed studies", 4);
    legend.marker(scene, true, kPointRadius, "Filled (imputed) studies", 5);
  }
  if (in.regression) line_key(scene, legend, regression_stroke(t), "Egger's regression line", 6);
}

}  // namespace

Scene funnel_layout(const FunnelInput& in, const TextMeasurer& m, const Theme& t) {
  if (in.points.empty()) throw Error("render::funnel_layout: no studies to plot");
  const double crit = stats::z_crit(in.level);
  const Plot2d plot = funnel_frame(in, crit, m, t);
  Scene scene;
  if (in.contour) draw_contours(scene, in, plot, t);
  draw_funnel(scene, in, crit, plot, t);
  if (in.regression) draw_regression(scene, *in.regression, plot, t);
  for (const auto& p : in.points)
    plot.scatter(scene, {p.yi, p.sei, p.filled, p.filled ? "filled-study" : "study-point", p.source_row}, kPointRadius);
  for (auto& e : scene.elements)  // the theme's point colour (black in grey, blue in colour)
    if (auto* c = std::get_if<Circle>(&e); c && c->role == "study-point") c->fill = t.point;
  plot.draw_frame_and_axes(scene, in.x_label, in.y_label, in.log_axis ? std::optional<double>(0.0) : std::nullopt);
  draw_legend(scene, in, plot, t);
  plot.fit(scene);
  return scene;
}

}  // namespace metareview::render
