#include "render/baujat_layout.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "render/axis.h"
#include "render/plot2d.h"

namespace metareview::render {
namespace {

constexpr double kPointRadius = 2.5;
constexpr double kLabelGap = 2;  ///< point edge to label

}  // namespace

Scene baujat_layout(const std::vector<BaujatPointInput>& points, bool common, const TextMeasurer& m, const Theme& t) {
  double x_hi = 0, y_hi = 0;
  bool any = false;
  for (const auto& p : points)
    if (p.y) x_hi = std::max(x_hi, p.x), y_hi = std::max(y_hi, *p.y), any = true;
  if (!any) throw Error("baujat plot: no study has an influence value to draw (every refit failed)");
  // Both statistics are squares (>= 0): the axes start at 0, as metafor's do.
  Plot2dOptions o;
  o.width = 300, o.height = 240;
  // Headroom of a tenth past the largest values, so labels of the outermost studies fit inside.
  const Plot2d plot(make_axis(0, x_hi > 0 ? 1.1 * x_hi : 1, false), make_axis(0, y_hi > 0 ? 1.1 * y_hi : 1, false), m, t, o);
  Scene scene;
  const Rect area = plot.area();
  std::vector<Rect> taken;  // points and labels placed so far
  for (const auto& p : points)
    if (p.y) {
      Rect r;
      r.x = plot.X(p.x) - kPointRadius, r.y = plot.Y(*p.y) - kPointRadius, r.w = r.h = 2 * kPointRadius;
      taken.push_back(r);
      plot.scatter(scene, {p.x, *p.y, false, "study-point", p.source_row}, kPointRadius);
    }
  const double fs = t.small_font_size;
  const FontWeight N = FontWeight::Normal;
  const double asc = m.ascent(fs, N), desc = m.descent(fs, N);
  const auto overlap = [](const Rect& a, const Rect& b) {
    const double w = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
    const double h = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
    return w > 0 && h > 0 ? w * h : 0.0;
  };
  for (const auto& p : points) {
    if (!p.y) continue;
    const double cx = plot.X(p.x), cy = plot.Y(*p.y), mid = cy + (asc - desc) / 2;
    const double d = kPointRadius + kLabelGap, up = cy - d - desc, down = cy + d + asc, line = asc + desc;
    // Right, left, above, below, the corners, then one or two lines further up or down: the spot whose label covers the least of
    // the points and labels placed so far wins (the first of equals); a spot outside the
    // data rectangle counts as covering a label's worth more.
    const std::vector<std::pair<Point, Anchor>> spots{
        {{cx + d, mid}, Anchor::Start},  {{cx - d, mid}, Anchor::End},   {{cx, up}, Anchor::Middle},
        {{cx, down}, Anchor::Middle},    {{cx + d, up}, Anchor::Start},  {{cx - d, up}, Anchor::End},
        {{cx + d, down}, Anchor::Start}, {{cx - d, down}, Anchor::End},
        // One and two lines further out, for clusters of points.
        {{cx + d, up - line}, Anchor::Start}, {{cx - d, up - line}, Anchor::End},
        {{cx + d, down + line}, Anchor::Start}, {{cx - d, down + line}, Anchor::End},
        {{cx + d, up - 2 * line}, Anchor::Start}, {{cx - d, up - 2 * line}, Anchor::End},
        {{cx + d, down + 2 * line}, Anchor::Start}, {{cx - d, down + 2 * line}, Anchor::End}};
    std::optional<Text> chosen;
    double best = 0;
    for (const auto& [pos, anchor] : spots) {
      Text tx = make_text(m, p.label, pos, anchor, fs, N, "study-label", p.source_row, t.text);
      const Rect b = tx.box();
      double cost = b.w * b.h - overlap(b, area);
      for (const Rect& r : taken) {
        // A label may touch its own point, never another's.
        const bool own = std::abs(r.x + kPointRadius - cx) < 1e-9 && std::abs(r.y + kPointRadius - cy) < 1e-9 &&
                         r.w == 2 * kPointRadius;
        if (!own) cost += overlap(b, r);
      }
      if (!chosen || cost < best - 1e-9) chosen = tx, best = cost;
    }
    const Rect b = chosen->box();
    taken.push_back(b);
    // A label a line away from its point gets a thin leader, so it is not read as a neighbour's.
    const Point near{std::clamp(cx, b.x, b.x + b.w), std::clamp(cy, b.y, b.y + b.h)};
    if (std::hypot(near.x - cx, near.y - cy) > d + line / 2) {
      Line leader;
      leader.role = "label-leader";
      leader.index = p.source_row;
      leader.a = {cx, cy}, leader.b = near;
      leader.stroke = {t.grid, t.line_width / 2, {}};
      scene.elements.insert(scene.elements.begin(), leader);  // under the points
    }
    scene.add(*chosen);
  }
  // Ref: metafor 3.8-1 baujat.rma.r (xlab and ylab of an intercept-only model).
  plot.draw_frame_and_axes(scene, common ? "Contribution to Overall Heterogeneity" : "Squared Pearson Residual",
                           "Influence on Overall Result");
  plot.fit(scene);
  return scene;
}

}  // namespace metareview::render
