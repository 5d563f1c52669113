#include "render/bubble_layout.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "core/measure.h"
#include "render/axis.h"
#include "render/plot2d.h"

namespace metareview::render {
namespace {

constexpr double kMaxRadius = 9;    ///< the heaviest study
constexpr double kMinRadius = 1.5;  ///< so the lightest stays visible

constexpr Color kBand{0.88, 0.88, 0.88};  ///< the confidence band, light enough for points on it

Polygon band(const Plot2d& plot, const BubbleLine& l) {
  Polygon p;
  p.role = "ci-band";
  for (std::size_t i = 0; i < l.x.size(); ++i) p.points.push_back({plot.X(l.x[i]), plot.Y(l.ci_ub[i])});
  for (std::size_t i = l.x.size(); i-- > 0;) p.points.push_back({plot.X(l.x[i]), plot.Y(l.ci_lb[i])});
  p.fill = kBand;
  return p;
}

void polyline(Scene& scene, const Plot2d& plot, const std::vector<double>& x, const std::vector<double>& y,
              const std::string& role, const Stroke& stroke) {
  for (std::size_t i = 0; i + 1 < x.size(); ++i) {
    Line l;
    l.role = role;
    l.index = static_cast<int>(i);
    l.a = {plot.X(x[i]), plot.Y(y[i])}, l.b = {plot.X(x[i + 1]), plot.Y(y[i + 1])};
    l.stroke = stroke;
    scene.add(l);
  }
}

}  // namespace

Scene bubble_layout(const BubbleInput& in, const TextMeasurer& m, const Theme& t) {
  if (in.points.empty()) throw Error("render::bubble_layout: no studies to plot");
  const BubbleLine& l = in.line;
  if (l.x.size() < 2) throw Error("render::bubble_layout: the fitted line needs at least two points");
  double x_lo = l.x.front(), x_hi = l.x.back(), y_lo = l.ci_lb.front(), y_hi = l.ci_ub.front(), w_max = 0;
  for (const BubblePoint& p : in.points) {
    x_lo = std::min(x_lo, p.x), x_hi = std::max(x_hi, p.x);
    y_lo = std::min(y_lo, p.yi), y_hi = std::max(y_hi, p.yi);
    w_max = std::max(w_max, p.weight);
  }
  for (std::size_t i = 0; i < l.x.size(); ++i) {
    y_lo = std::min({y_lo, l.ci_lb[i], l.pi_lb.empty() ? l.ci_lb[i] : l.pi_lb[i]});
    y_hi = std::max({y_hi, l.ci_ub[i], l.pi_ub.empty() ? l.ci_ub[i] : l.pi_ub[i]});
  }
  Plot2dOptions o;
  o.width = 300, o.height = 220;
  const Plot2d plot(make_axis(x_lo, x_hi, false), make_axis(y_lo, y_hi, false), m, t, o);
  Scene scene;
  scene.add(band(plot, l));
  const Stroke dashed{t.line, t.line_width, {3, 2}}, solid{t.line, 1.25 * t.line_width, {}};
  if (!l.pi_lb.empty()) {
    polyline(scene, plot, l.x, l.pi_lb, "pi-line", dashed);
    polyline(scene, plot, l.x, l.pi_ub, "pi-line", dashed);
  }
  polyline(scene, plot, l.x, l.pred, "regression-line", solid);
  // Ref: metafor regplot() scales the symbols by the model weights; here a point's area
  // (not its diameter) is in proportion to its weight, the heaviest the largest; the
  // heaviest are drawn first so lighter ones stay visible on top.
  std::vector<std::size_t> order(in.points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return in.points[a].weight > in.points[b].weight; });
  for (const std::size_t i : order) {
    const BubblePoint& p = in.points[i];
    const double r = w_max > 0 ? std::max(kMinRadius, kMaxRadius * std::sqrt(p.weight / w_max)) : kMinRadius;
    Circle c = plot.marker({plot.X(p.x), plot.Y(p.yi)}, false, r, "study-point", p.source_row);
    c.fill = Color{t.point.r + 0.6 * (1 - t.point.r), t.point.g + 0.6 * (1 - t.point.g), t.point.b + 0.6 * (1 - t.point.b)};
    c.stroke = Stroke{t.point, t.line_width, {}};
    scene.add(c);
  }
  plot.draw_frame_and_axes(scene, in.x_label, in.y_label);
  Plot2d::Legend legend = plot.legend();
  const std::string level = core::format_shortest(in.level) + "%";
  legend.line(scene, solid, "Fitted line", 0);
  legend.swatch(scene, kBand, level + " CI", 1);
  if (!l.pi_lb.empty()) legend.line(scene, dashed, level + " prediction interval", 2);
  plot.fit(scene);
  return scene;
}

// 41 values: segments long enough for the PI's dashes.
BubbleInput bubble_input(const model::MetaReg& m, const model::Design& d, const std::string& moderator) {
  const model::Fit& f = m.fit;
  BubbleInput in;
  double lo = 0, hi = 0;
  bool first = true;
  for (std::size_t i = 0; i < f.included.size(); ++i) {
    if (!f.included[i]) continue;
    const double x = d.X(static_cast<Eigen::Index>(i), 1);
    in.points.push_back({x, f.yi[i], f.weights[i], static_cast<int>(i)});
    lo = first ? x : std::min(lo, x), hi = first ? x : std::max(hi, x), first = false;
  }
  constexpr int kSteps = 40;
  for (int s = 0; s <= kSteps; ++s) {
    const double x = lo + (hi - lo) * s / kSteps;
    const model::Prediction p = model::predict(m, Eigen::RowVector2d(1.0, x));
    in.line.x.push_back(x), in.line.pred.push_back(p.pred);
    in.line.ci_lb.push_back(p.ci_lb), in.line.ci_ub.push_back(p.ci_ub);
    if (p.pi_lb) in.line.pi_lb.push_back(*p.pi_lb), in.line.pi_ub.push_back(*p.pi_ub);
  }
  in.x_label = moderator;
  in.y_label = core::is_log_ratio(f.measure) ? "Log " + std::string(core::to_string(f.measure)) : "Observed outcome";
  in.level = f.spec.level;
  return in;
}

}  // namespace metareview::render
