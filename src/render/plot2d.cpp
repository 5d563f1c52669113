#include "render/plot2d.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace metareview::render {
namespace {

constexpr double kLegendGap = 12;      ///< data rectangle to legend keys
constexpr double kLegendKey = 9;       ///< side of a legend swatch
constexpr double kLegendLine = 13;     ///< one legend entry
constexpr double kLegendTextGap = 14;  ///< key's left edge to its text

}  // namespace

Plot2d::Plot2d(Axis x, Axis y, const TextMeasurer& measure, const Theme& theme, Plot2dOptions options)
    : Plot2d(std::move(x), std::move(y), measure, theme, options, Point{}) {}

Plot2d::Plot2d(Axis x, Axis y, const TextMeasurer& measure, const Theme& theme, Plot2dOptions options, Point origin)
    : x_(std::move(x)), y_(std::move(y)), m_(measure), t_(theme), options_(options), origin_(origin) {
  const double fs = t_.small_font_size;
  const FontWeight N = FontWeight::Normal;
  double label_w = 0;
  for (const auto& l : y_.labels) label_w = std::max(label_w, m_.width(l, fs, N));
  // The y title above the axis, clear of the half-height tick label at the top.
  const double title_h = 1.5 * (m_.ascent(fs, N) + m_.descent(fs, N)) + 2;
  left_ = origin_.x + t_.margin + label_w + t_.tick_length + 3;
  top_ = origin_.y + t_.margin + title_h;
}

Rect Plot2d::area() const {
  Rect r;
  r.x = left_, r.y = top_, r.w = options_.width, r.h = options_.height;
  return r;
}

Circle Plot2d::marker(Point centre, bool open, double radius, std::string role, int index) const {
  Circle c;
  c.role = std::move(role);
  c.index = index;
  c.centre = centre;
  c.radius = radius;
  c.fill = open ? Color{1, 1, 1} : t_.line;
  c.stroke = Stroke{t_.line, t_.line_width, {}};
  return c;
}

void Plot2d::scatter(Scene& scene, const Marker& m, double radius) const {
  scene.add(marker({X(m.x), Y(m.y)}, m.open, radius, m.role, m.index));
}

void Plot2d::draw_frame_and_axes(Scene& scene, const std::string& x_title, const std::string& y_title,
                                 std::optional<double> keep) const {
  const double fs = t_.small_font_size;
  const FontWeight N = FontWeight::Normal;
  const double px = left_, py = top_, pw = options_.width, ph = options_.height;
  Rect frame = area();
  frame.role = "frame";
  frame.stroke = Stroke{t_.line, t_.line_width, {}};
  scene.add(frame);

  for (std::size_t i = 0; i < y_.ticks.size(); ++i) {
    const double y = Y(y_.ticks[i]);
    Line tick;
    tick.role = "y-tick";
    tick.index = static_cast<int>(i);
    tick.a = {px - t_.tick_length, y}, tick.b = {px, y};
    tick.stroke = {t_.line, t_.line_width, {}};
    scene.add(tick);
    const double baseline = y + (m_.ascent(fs, N) - m_.descent(fs, N)) / 2;
    scene.add(make_text(m_, y_.labels[i], {px - t_.tick_length - 2, baseline}, Anchor::End, fs, N, "y-tick-label",
                        static_cast<int>(i), t_.text));
  }
  scene.add(make_text(m_, y_title, {origin_.x + t_.margin, origin_.y + t_.margin + m_.ascent(fs, N)},
                      Anchor::Start, fs, N, "y-title", -1, t_.text));
  const double labels_bottom = draw_horizontal_axis(scene, x_, px, pw, py + ph, m_, t_, keep);
  scene.add(make_text(m_, x_title, {px + pw / 2, labels_bottom + 3 + m_.ascent(fs, N)}, Anchor::Middle, fs, N,
                      "x-title", -1, t_.text));
}

Plot2d::Legend::Legend(const Plot2d& plot)
    : plot_(plot), x_(plot.left_ + plot.options_.width + kLegendGap), y_(plot.top_ + 2) {}

void Plot2d::Legend::text(Scene& scene, const std::string& s, int index) {
  const double fs = plot_.t_.small_font_size;
  const FontWeight N = FontWeight::Normal;
  const double baseline = y_ + kLegendKey / 2 + (plot_.m_.ascent(fs, N) - plot_.m_.descent(fs, N)) / 2;
  scene.add(make_text(plot_.m_, s, {x_ + kLegendTextGap, baseline}, Anchor::Start, fs, N, "legend", index,
                      plot_.t_.text));
  y_ += kLegendLine;
}

void Plot2d::Legend::swatch(Scene& scene, Color fill, const std::string& s, int index) {
  Rect key;
  key.role = "legend-key";
  key.index = index;
  key.x = x_, key.y = y_, key.w = kLegendKey, key.h = kLegendKey;
  key.fill = fill;
  key.stroke = Stroke{plot_.t_.line, plot_.t_.line_width / 2, {}};
  scene.add(key);
  text(scene, s, index);
}

void Plot2d::Legend::marker(Scene& scene, bool open, double radius, const std::string& s, int index) {
  scene.add(plot_.marker({x_ + kLegendKey / 2, y_ + kLegendKey / 2}, open, radius, "legend-key", index));
  text(scene, s, index);
}

void Plot2d::Legend::line(Scene& scene, const Stroke& stroke, const std::string& s, int index) {
  Line key;
  key.role = "legend-key";
  key.index = index;
  key.a = {x_, y_ + kLegendKey / 2}, key.b = {x_ + kLegendKey, y_ + kLegendKey / 2};
  key.stroke = stroke;
  scene.add(key);
  text(scene, s, index);
}

void Plot2d::fit(Scene& scene) const {
  double right = left_ + options_.width, bottom = 0;
  for (const Text* tx : scene.all<Text>()) {
    const Rect b = tx->box();
    right = std::max(right, b.x + b.w), bottom = std::max(bottom, b.y + b.h);
  }
  scene.width = std::ceil(right + t_.margin);
  scene.height = std::ceil(bottom + t_.margin);
}

}  // namespace metareview::render
