#pragma once
// Numeric axes shared by the forest and funnel plots: readable ticks chosen from the data
// (1-2-5 ratios on log axes, 1-2-2.5-5 steps on linear ones) and their drawing.
#include <optional>
#include <string>
#include <vector>

#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// An axis over [lo, hi] in axis units (natural log of the ratio on a log axis).
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  std::vector<double> ticks;        ///< axis units, ascending
  std::vector<std::string> labels;  ///< display values ("0.2", "1", "5" on a log axis)

  /// Position of axis value `v` on a span starting at `x0` of length `length`.
  double map(double v, double x0, double length) const { return x0 + (v - lo) / (hi - lo) * length; }
  bool contains(double v) const { return v >= lo - 1e-12 && v <= hi + 1e-12; }
};

/// An axis covering [data_lo, data_hi] (axis units). With `centre` (the null of a forest
/// plot) the axis reaches at least one tick past it on each side, so both "favours" labels
/// have room; with `symmetric` too, it is symmetric about it (as RevMan draws). At most 9
/// ticks: wider log axes show powers of ten only. Throws metareview::Error when the range
/// is not finite.
Axis make_axis(double data_lo, double data_hi, bool log, std::optional<double> centre = std::nullopt,
               bool symmetric = false);

/// An axis from `lo` to `hi` exactly, display values (ratios as ratios on a log axis), as a
/// user set it: ticks at `at` (display values inside the limits, ascending), or when empty
/// the 1-2-5 (log) or 1-2-2.5-5 (linear) ticks make_axis() would choose that fall inside,
/// with the limits themselves when fewer than two do. Labels are the shortest exact text of
/// each value ("0.25"). Throws metareview::Error when the limits are not increasing (or not
/// above 0 on a log axis).
Axis fixed_axis(double lo, double hi, const std::vector<double>& at, bool log);

/// A horizontal axis at y (line, ticks down, labels under them) over [x0, x0 + length].
/// Tick labels that would touch are thinned (every other one dropped, keeping `keep` if
/// given). Returns the y of the bottom of the tick labels.
double draw_horizontal_axis(Scene& scene, const Axis& axis, double x0, double length, double y,
                            const TextMeasurer& measure, const Theme& theme, std::optional<double> keep = std::nullopt);

}  // namespace metareview::render
