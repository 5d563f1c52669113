#include "render/gosh_layout.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "core/error.h"
#include "render/axis.h"
#include "render/plot2d.h"

namespace metareview::render {
namespace {

constexpr double kSide = 260;        ///< the scatter's data square
constexpr double kHistogram = 60;    ///< height of the top histogram, width of the right one
constexpr double kGap = 6;           ///< scatter to histogram
constexpr double kPointRadius = 1.1;
const Color kPoint{0.25, 0.25, 0.25};
const Color kBar{0.6, 0.6, 0.6};

/// Counts of `v` in kGoshBins equal bins over the axis [lo, hi].
std::vector<std::size_t> histogram(const std::vector<double>& v, const Axis& a) {
  std::vector<std::size_t> n(kGoshBins, 0);
  const double w = (a.hi - a.lo) / static_cast<double>(kGoshBins);
  for (const double x : v) {
    const auto b = static_cast<std::size_t>(std::clamp((x - a.lo) / w, 0.0, static_cast<double>(kGoshBins - 1)));
    ++n[b];
  }
  return n;
}

}  // namespace

GoshInput gosh_input(const methods::Gosh& g, core::Measure measure) {
  GoshInput in;
  for (const methods::GoshFit& f : g.fits)
    if (f.ok) in.estimate.push_back(f.estimate), in.I2.push_back(f.I2);
  if (core::is_log_ratio(measure)) in.x_label = "Estimate (log " + std::string(core::to_string(measure)) + ")";
  return in;
}

Scene gosh_layout(const GoshInput& in, const TextMeasurer& m, const Theme& t) {
  const std::size_t n = std::min(in.estimate.size(), in.I2.size());
  if (n == 0) throw Error("gosh plot: no subset was fitted successfully, nothing to draw");
  const auto [elo, ehi] = std::minmax_element(in.estimate.begin(), in.estimate.begin() + static_cast<long>(n));
  double lo = *elo, hi = *ehi;
  if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
  Plot2dOptions o;
  o.width = o.height = kSide;
  const Point origin{0, kHistogram + kGap};
  // I2 is a percentage: its axis is 0 to 100 whatever the data, so plots compare.
  Axis i2_axis;
  i2_axis.lo = 0, i2_axis.hi = 100;
  for (const int v : {0, 25, 50, 75, 100}) i2_axis.ticks.push_back(v), i2_axis.labels.push_back(std::to_string(v));
  const Plot2d plot(make_axis(lo, hi, false), std::move(i2_axis), m, t, o, origin);
  const Rect area = plot.area();
  Scene scene;

  if (n <= kGoshMaxPoints) {
    for (std::size_t i = 0; i < n; ++i) {
      Circle c;
      c.role = "subset-point";
      c.centre = {plot.X(in.estimate[i]), plot.Y(in.I2[i])};
      c.radius = kPointRadius;
      c.fill = kPoint;
      scene.add(c);
    }
  } else {
    // A fixed grid: the file's size no longer grows with the number of subsets. Shade by
    // log count, so both the dense core and single outlying subsets stay visible.
    std::vector<std::size_t> cells(kGoshGrid * kGoshGrid, 0);
    const auto cell = [](double f) {
      return static_cast<std::size_t>(std::clamp(f * static_cast<double>(kGoshGrid), 0.0, kGoshGrid - 1.0));
    };
    for (std::size_t i = 0; i < n; ++i) {
      const double fx = (plot.X(in.estimate[i]) - area.x) / area.w, fy = (plot.Y(in.I2[i]) - area.y) / area.h;
      ++cells[cell(fy) * kGoshGrid + cell(fx)];
    }
    const double most = std::log1p(static_cast<double>(*std::max_element(cells.begin(), cells.end())));
    const double side = kSide / static_cast<double>(kGoshGrid);
    for (std::size_t r = 0; r < kGoshGrid; ++r)
      for (std::size_t c = 0; c < kGoshGrid; ++c) {
        const std::size_t count = cells[r * kGoshGrid + c];
        if (count == 0) continue;
        const double shade = 0.8 * (1 - std::log1p(static_cast<double>(count)) / most);
        Rect b;
        b.role = "subset-cell";
        b.index = static_cast<int>(count);
        b.x = area.x + static_cast<double>(c) * side, b.y = area.y + static_cast<double>(r) * side;
        b.w = b.h = side;
        b.fill = Color{shade, shade, shade};
        scene.add(b);
      }
  }

  // Marginal histograms, bars scaled to the fullest bin of each.
  const std::vector<double> est(in.estimate.begin(), in.estimate.begin() + static_cast<long>(n));
  const std::vector<double> i2(in.I2.begin(), in.I2.begin() + static_cast<long>(n));
  const auto top = histogram(est, plot.x_axis()), right = histogram(i2, plot.y_axis());
  const double top_max = static_cast<double>(*std::max_element(top.begin(), top.end()));
  const double right_max = static_cast<double>(*std::max_element(right.begin(), right.end()));
  const double bw = area.w / static_cast<double>(kGoshBins), bh = area.h / static_cast<double>(kGoshBins);
  for (std::size_t b = 0; b < kGoshBins; ++b) {
    if (top[b]) {
      Rect r;
      r.role = "estimate-bar";
      r.index = static_cast<int>(top[b]);
      r.h = kHistogram * static_cast<double>(top[b]) / top_max;
      r.x = area.x + static_cast<double>(b) * bw, r.y = area.y - kGap - r.h, r.w = bw;
      r.fill = kBar;
      r.stroke = Stroke{t.line, t.line_width / 2, {}};
      scene.add(r);
    }
    if (right[b]) {
      Rect r;
      r.role = "I2-bar";
      r.index = static_cast<int>(right[b]);
      r.w = kHistogram * static_cast<double>(right[b]) / right_max;
      r.x = area.x + area.w + kGap, r.y = area.y + area.h - static_cast<double>(b + 1) * bh, r.h = bh;
      r.fill = kBar;
      r.stroke = Stroke{t.line, t.line_width / 2, {}};
      scene.add(r);
    }
  }
  plot.draw_frame_and_axes(scene, in.x_label, "I² (%)");
  plot.fit(scene);
  scene.width = std::max(scene.width, std::ceil(area.x + area.w + kGap + kHistogram + t.margin));
  return scene;
}

}  // namespace metareview::render
