#include "render/axis.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"

namespace metareview::render {
namespace {

// Axes are labelled with core::format_fixed (at most 17 decimals) and ticks are counted in
// integers: within these limits every tick and label exists, and every cast is defined.
constexpr double kLinearLimit = 1e15;  ///< |value| on a linear axis
constexpr double kNarrowest = 1e-12;   ///< narrowest labelled range of a linear axis
const double kLogLimit = std::log(1e15) * (1 + 1e-12);  ///< |ln ratio| on a log axis (1e15 and 1e-15 included)

/// exp(v) for a message, or "exp(v)" when that is 0 or infinite in a double.
std::string ratio_text(double v) {
  const double r = std::exp(v);
  return r > 0 && std::isfinite(r) ? core::format_shortest(r) : "exp(" + core::format_shortest(v) + ")";
}

// Log axes: tick i is m * 10^e with i = 3e + {0, 1, 2} for m = {1, 2, 5}; tick -i is the
// reciprocal of tick i (0.5 <-> 2, 0.2 <-> 5), so symmetric ranges are index ranges.
double log_tick_value(int i) {
  const int e = static_cast<int>(std::floor(i / 3.0));
  static constexpr double kMantissa[] = {1, 2, 5};
  return kMantissa[i - 3 * e] * std::pow(10.0, e);
}

std::string log_tick_label(double v) {
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(v) + 1e-9)));
  return core::format_fixed(v, decimals);
}

Axis make_log_axis(double lo, double hi, bool around_null, bool symmetric) {
  if (!(lo >= -kLogLimit && hi <= kLogLimit))
    throw Error("render::make_axis: cannot draw the ratio " + ratio_text(hi > kLogLimit ? hi : lo) +
                " on a log axis: it reaches from 1e-15 to 1e15");
  Axis a;
  a.log = true;
  // Smallest index range whose ticks cover [lo, hi].
  int ilo = 0, ihi = 0;
  while (std::log(log_tick_value(ilo)) > lo + 1e-9) --ilo;
  while (std::log(log_tick_value(ilo + 1)) <= lo + 1e-9) ++ilo;
  while (std::log(log_tick_value(ihi)) < hi - 1e-9) ++ihi;
  while (std::log(log_tick_value(ihi - 1)) >= hi - 1e-9) --ihi;
  if (around_null) ilo = std::min(ilo, -1), ihi = std::max(ihi, 1);
  if (around_null && symmetric) {
    ihi = std::max(ihi, -ilo);
    ilo = -ihi;
  }
  if (ilo == ihi) --ilo, ++ihi;
  int step = 1;
  if (ihi - ilo > 8) {  // more than 9 ticks: powers of ten only
    ilo = 3 * static_cast<int>(std::floor(ilo / 3.0));
    ihi = 3 * static_cast<int>(std::ceil(ihi / 3.0));
    step = 3;
  }
  a.lo = std::log(log_tick_value(ilo));
  a.hi = std::log(log_tick_value(ihi));
  for (int i = ilo; i <= ihi; i += step) {
    a.ticks.push_back(std::log(log_tick_value(i)));
    a.labels.push_back(log_tick_label(log_tick_value(i)));
  }
  return a;
}

// A step of 1, 2, 2.5 or 5 times a power of ten giving about four intervals.
double nice_step(double range) {
  const double raw = range / 4;
  const double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0})
    if (m * p >= raw * (1 - 1e-9)) return m * p;
  return 10 * p;
}

Axis make_linear_axis(double lo, double hi, std::optional<double> centre, bool symmetric) {
  Axis a;
  if (centre) lo = std::min(lo, *centre), hi = std::max(hi, *centre);
  if (centre && symmetric) {
    const double m = std::max(std::fabs(lo - *centre), std::fabs(hi - *centre));
    lo = *centre - m, hi = *centre + m;
  }
  if (!(lo >= -kLinearLimit && hi <= kLinearLimit))
    throw Error("render::make_axis: cannot draw the value " + core::format_shortest(hi > kLinearLimit ? hi : lo) +
                ": a plot's axis reaches from -1e15 to 1e15");
  // A range too narrow to label (under 1e-12, or no difference at all) is drawn one unit
  // wide about its middle; its values then fall on one point, as they nearly do.
  if (hi - lo < kNarrowest) {
    const double mid = lo + (hi - lo) / 2;
    lo = mid - 0.5, hi = mid + 0.5;
  }
  const double step = nice_step(hi - lo);
  long first = static_cast<long>(std::floor(lo / step + 1e-9));
  long last = static_cast<long>(std::ceil(hi / step - 1e-9));
  if (centre) {  // one tick past the null on each side
    const long c = static_cast<long>(std::lround(*centre / step));
    first = std::min(first, c - 1), last = std::max(last, c + 1);
  }
  const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
  const int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9))) +
                       (std::fabs(mantissa - 2.5) < 1e-9 ? 1 : 0);
  a.lo = static_cast<double>(first) * step;
  a.hi = static_cast<double>(last) * step;
  for (long i = first; i <= last; ++i) {
    a.ticks.push_back(static_cast<double>(i) * step);
    a.labels.push_back(core::format_fixed(static_cast<double>(i) * step, decimals));
  }
  return a;
}

}  // namespace

Axis make_axis(double data_lo, double data_hi, bool log, std::optional<double> centre, bool symmetric) {
  if (!std::isfinite(data_lo) || !std::isfinite(data_hi) || data_lo > data_hi)
    throw Error("render::make_axis: invalid data range [" + core::format_significant(data_lo, 6) + ", " +
                core::format_significant(data_hi, 6) + "]");
  if (log) return make_log_axis(data_lo, data_hi, centre.has_value(), symmetric);
  return make_linear_axis(data_lo, data_hi, centre, symmetric);
}

Axis fixed_axis(double lo, double hi, const std::vector<double>& at, bool log) {
  if (!(lo < hi) || (log && !(lo > 0)))
    throw Error("render::fixed_axis: invalid axis limits " + core::format_shortest(lo) + " to " +
                core::format_shortest(hi));
  const auto unit = [&](double v) { return log ? std::log(v) : v; };
  Axis a;
  a.log = log;
  a.lo = unit(lo), a.hi = unit(hi);
  if (!at.empty()) {
    for (double v : at) {
      a.ticks.push_back(unit(v));
      a.labels.push_back(core::format_shortest(v));
    }
    return a;
  }
  const Axis chosen = make_axis(a.lo, a.hi, log);
  for (std::size_t i = 0; i < chosen.ticks.size(); ++i)
    if (a.contains(chosen.ticks[i])) a.ticks.push_back(chosen.ticks[i]), a.labels.push_back(chosen.labels[i]);
  if (a.ticks.size() < 2) {
    a.ticks = {a.lo, a.hi};
    a.labels = {core::format_shortest(lo), core::format_shortest(hi)};
  }
  return a;
}

double draw_horizontal_axis(Scene& scene, const Axis& axis, double x0, double length, double y,
                            const TextMeasurer& measure, const Theme& theme, std::optional<double> keep) {
  Line base;
  base.role = "axis";
  base.a = {x0, y};
  base.b = {x0 + length, y};
  base.stroke = {theme.line, theme.line_width, {}};
  scene.add(base);

  // Keep every tick whose label leaves a gap to its kept neighbours; if any would touch,
  // keep every other tick (anchored on `keep`, the null) until none do.
  std::vector<std::size_t> shown(axis.ticks.size());
  for (std::size_t i = 0; i < shown.size(); ++i) shown[i] = i;
  const double fs = theme.small_font_size;
  const double gap = measure.width("  ", fs, FontWeight::Normal);
  for (int stride = 1; stride < static_cast<int>(axis.ticks.size()); ++stride) {
    std::size_t anchor = 0;
    if (keep)
      for (std::size_t i = 0; i < axis.ticks.size(); ++i)
        if (std::fabs(axis.ticks[i] - *keep) < 1e-9) anchor = i;
    shown.clear();
    for (std::size_t i = 0; i < axis.ticks.size(); ++i)
      if ((static_cast<int>(i) - static_cast<int>(anchor)) % stride == 0) shown.push_back(i);
    bool fits = true;
    for (std::size_t j = 1; j < shown.size(); ++j) {
      const double xa = axis.map(axis.ticks[shown[j - 1]], x0, length);
      const double xb = axis.map(axis.ticks[shown[j]], x0, length);
      const double half = (measure.width(axis.labels[shown[j - 1]], fs, FontWeight::Normal) +
                           measure.width(axis.labels[shown[j]], fs, FontWeight::Normal)) / 2;
      if (xb - xa < half + gap) fits = false;
    }
    if (fits) break;
  }
  double bottom = y;
  for (std::size_t i : shown) {
    const double x = axis.map(axis.ticks[i], x0, length);
    Line tick;
    tick.role = "tick";
    tick.index = static_cast<int>(i);
    tick.a = {x, y};
    tick.b = {x, y + theme.tick_length};
    tick.stroke = {theme.line, theme.line_width, {}};
    scene.add(tick);
    const double baseline = y + theme.tick_length + 2 + measure.ascent(fs, FontWeight::Normal);
    Text label = make_text(measure, axis.labels[i], {x, baseline}, Anchor::Middle, fs, FontWeight::Normal,
                           "tick-label", static_cast<int>(i), theme.text);
    bottom = std::max(bottom, baseline + label.descent);
    scene.add(std::move(label));
  }
  return bottom;
}

}  // namespace metareview::render
