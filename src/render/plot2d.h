#pragma once
// The frame every x-y figure shares (funnel now; Baujat, GOSH, bubble and L'Abbé plots
// next): a data rectangle with a y axis on its left (ticks outwards, labels right-aligned,
// its title above it), an x axis under it with its title centred below, scatter markers,
// a legend column to its right, and the figure sized to what was drawn. A figure draws its
// own content (limits, regions, lines) with X() and Y() before draw_frame_and_axes().
#include <optional>
#include <string>

#include "render/axis.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// The size of the data rectangle and the direction of the y axis.
struct Plot2dOptions {
  double width = 260, height = 200;  ///< the data rectangle, points
  bool y_downward = false;           ///< the y axis's low end at the top (a funnel's SE 0)
};

/// A scatter marker: a circle, filled with the line colour or open (white).
struct Marker {
  double x = 0, y = 0;  ///< data units
  bool open = false;
  std::string role;
  int index = -1;
};

class Plot2d {
 public:
  /// Places the data rectangle: right of the widest y tick label, below the y title.
  Plot2d(Axis x, Axis y, const TextMeasurer& measure, const Theme& theme, Plot2dOptions options = {});
  /// As above, with the top left of the plot's box at `origin` instead of the page's (one of
  /// several panels or a plot under a marginal histogram in one Scene).
  Plot2d(Axis x, Axis y, const TextMeasurer& measure, const Theme& theme, Plot2dOptions options, Point origin);

  const Axis& x_axis() const { return x_; }
  const Axis& y_axis() const { return y_; }
  /// The data rectangle, in points.
  Rect area() const;
  /// Page position of data value x / y.
  double X(double v) const { return x_.map(v, left_, options_.width); }
  double Y(double v) const {
    return options_.y_downward ? y_.map(v, top_, options_.height) : y_.map(v, top_ + options_.height, -options_.height);
  }

  /// A circle marker of radius `radius` at page position `centre`.
  Circle marker(Point centre, bool open, double radius, std::string role, int index) const;
  /// Adds `m` at its data position.
  void scatter(Scene& scene, const Marker& m, double radius) const;

  /// The frame around the data rectangle, the y ticks, labels and title, and the x axis
  /// (thinned around `keep`, see draw_horizontal_axis) with its title: drawn after the
  /// content, so they stay on top.
  void draw_frame_and_axes(Scene& scene, const std::string& x_title, const std::string& y_title,
                           std::optional<double> keep = std::nullopt) const;

  /// Legend entries, one a line, in a column right of the data rectangle.
  class Legend {
   public:
    explicit Legend(const Plot2d& plot);
    /// A square key of colour `fill`.
    void swatch(Scene& scene, Color fill, const std::string& text, int index);
    /// A marker key (as Plot2d::marker).
    void marker(Scene& scene, bool open, double radius, const std::string& text, int index);
    /// A line key drawn with `stroke` (a fitted line, a dashed interval).
    void line(Scene& scene, const Stroke& stroke, const std::string& text, int index);

   private:
    void text(Scene& scene, const std::string& s, int index);
    const Plot2d& plot_;
    double x_, y_;
  };
  Legend legend() const { return Legend(*this); }

  /// Sets the scene's size: the data rectangle and every text, plus the margin.
  void fit(Scene& scene) const;

 private:
  Axis x_, y_;
  const TextMeasurer& m_;
  const Theme& t_;
  Plot2dOptions options_;
  Point origin_;
  double left_ = 0, top_ = 0;
};

}  // namespace metareview::render
