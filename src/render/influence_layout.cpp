#include "render/influence_layout.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "methods/method_columns.h"
#include "render/axis.h"
#include "render/plot2d.h"

namespace metareview::render {
namespace {

constexpr double kPanelWidth = 210, kPanelHeight = 80;
constexpr double kColumnGap = 24, kRowPitch = kPanelHeight + 46;
constexpr double kPointRadius = 2.2;
const Color kInfluential{0.85, 0.1, 0.1};  // metafor's bg.infl = "red"

struct Reference {
  double y;
  bool dotted;  ///< metafor: dashed for the centre, dotted for the cut-offs
};

struct Panel {
  const char* column;  ///< methods::influence_result()'s name
  const char* title;   ///< metafor's main
  std::vector<Reference> refs;
  std::vector<double> always;  ///< values the y axis always covers (metafor's ylim)
  bool log = false;            ///< a log y axis (metafor: cov.r with logcov = TRUE, its default)
};

// Ref: metafor 3.8-1 plot.infl.rma.uni.r, the abline()s of each panel, for an intercept-only
// model (p = m = 1): rstudent +/- qnorm(0.975); dffits +/- 3 sqrt(p / (k - p)); cook.d
// qchisq(0.5, m); cov.r 1 (on a log axis, plot(..., log = "y")); tau2.del and QE.del the full
// fit's; hat p/k and 3p/k; weight 100/k.
std::vector<Panel> panels(const InfluenceInput& in, double k) {
  const double z = 1.959963984540054, dff = 3 * std::sqrt(1 / (k - 1)), chi = 0.454936423119572;
  std::vector<Panel> out;
  out.push_back({"rstudent", "rstudent", {{0, false}, {-z, true}, {z, true}}, {-2, 2}});
  out.push_back({"dffits", "dffits", {{0, false}, {-dff, true}, {dff, true}}, {}});
  out.push_back({"cook_d", "cook.d", {{chi, true}}, {0}});
  out.push_back({"cov_r", "cov.r", {{1, false}}, {}, true});
  out.push_back({"tau2_del", "tau2.del", {}, {0}});
  if (in.tau2) out.back().refs.push_back({*in.tau2, false});
  out.push_back({"QE_del", "QE.del", {{in.QE, false}}, {0}});
  out.push_back({"hat", "hat", {{1 / k, false}, {3 / k, true}}, {0}});
  out.push_back({"weight", "weight", {{100 / k, false}}, {0}});
  return out;
}

const std::vector<std::optional<double>>& values(const InfluenceInput& in, const std::string& name, std::size_t k) {
  for (const auto& [n, v] : in.columns)
    if (n == name) {
      if (v.size() != k) throw InternalError("influence plot: column '" + name + "' has the wrong length");
      return v;
    }
  throw InternalError("influence plot: no column '" + name + "'");
}

}  // namespace

InfluenceInput influence_input(const methods::MethodResult& r, const model::Fit& full) {
  InfluenceInput in;
  for (const char* name : {"rstudent", "dffits", "cook_d", "cov_r", "tau2_del", "QE_del", "hat", "weight"})
    in.columns.emplace_back(name, methods::result_column(r, name));
  for (const auto& v : methods::result_column(r, "inf")) in.inf.push_back(v.value_or(0) != 0);
  for (const std::size_t row : r.rows) in.source_rows.push_back(static_cast<int>(row));
  in.tau2 = full.tau2;
  in.QE = full.Q;
  return in;
}

Scene influence_layout(const InfluenceInput& in, const TextMeasurer& m, const Theme& t) {
  const std::size_t k = in.inf.size();
  if (k == 0 || in.source_rows.size() != k) throw InternalError("influence plot: no studies or rows do not match");
  // Every study's index is a tick (metafor labels each one); draw_horizontal_axis thins
  // labels that would touch.
  Axis x;
  x.lo = 0.5, x.hi = static_cast<double>(k) + 0.5;
  for (std::size_t i = 1; i <= k; ++i) x.ticks.push_back(static_cast<double>(i)), x.labels.push_back(std::to_string(i));

  Scene scene;
  const std::vector<Panel> ps = panels(in, static_cast<double>(k));
  std::vector<Axis> ys;
  std::vector<bool> empty;
  for (const Panel& p : ps) {
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& v : values(in, p.column, k))
      if (v && std::isfinite(*v) && (!p.log || *v > 0)) lo = std::min(lo, *v), hi = std::max(hi, *v);
    // A statistic with no value (tau2.del of a common-effect fit): an empty panel without
    // ticks, as metafor draws it.
    empty.push_back(!std::isfinite(lo));
    if (empty.back()) {
      Axis none;
      ys.push_back(none);
      continue;
    }
    for (const double a : p.always) lo = std::min(lo, a), hi = std::max(hi, a);
    for (const Reference& r : p.refs) lo = std::min(lo, r.y), hi = std::max(hi, r.y);
    if (p.log) lo = std::log(lo), hi = std::log(hi);  // a log axis is in log units
    if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    ys.push_back(make_axis(lo, hi, p.log));
  }
  // Data rectangles of a column share their left edge: each panel starts where its widest
  // y tick label leaves room.
  double offset[2] = {0, 0};
  for (std::size_t i = 0; i < ps.size(); ++i)
    offset[i % 2] = std::max(offset[i % 2], Plot2d(x, ys[i], m, t).area().x);
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::size_t col = i % 2, row = i / 2;
    Plot2dOptions o;
    o.width = kPanelWidth, o.height = kPanelHeight;
    const double column_left = col == 0 ? offset[0] : offset[0] + kPanelWidth + kColumnGap + offset[1];
    const Point origin{column_left - Plot2d(x, ys[i], m, t).area().x, static_cast<double>(row) * kRowPitch};
    const Plot2d plot(x, ys[i], m, t, o, origin);
    const Rect area = plot.area();
    // A value's height: on a log axis its log (a non-positive value has no point there).
    const auto drawn = [&](const std::optional<double>& v) -> std::optional<double> {
      if (!v || (ps[i].log && *v <= 0)) return std::nullopt;
      return plot.Y(ps[i].log ? std::log(*v) : *v);
    };
    for (const Reference& r : empty[i] ? std::vector<Reference>{} : ps[i].refs) {
      Line l;
      l.role = "reference";
      l.index = static_cast<int>(i);
      l.a = {area.x, *drawn(r.y)}, l.b = {area.x + area.w, *drawn(r.y)};
      l.stroke = {t.grid, t.line_width, r.dotted ? std::vector<double>{1, 2} : std::vector<double>{4, 2}};
      scene.add(l);
    }
    const auto& v = values(in, ps[i].column, k);
    // The line joins consecutive studies with a value (metafor's lines(): a gap at an NA).
    for (std::size_t j = 0; j + 1 < k; ++j)
      if (drawn(v[j]) && drawn(v[j + 1])) {
        Line l;
        l.role = "trace";
        l.index = static_cast<int>(i);
        l.a = {plot.X(static_cast<double>(j + 1)), *drawn(v[j])};
        l.b = {plot.X(static_cast<double>(j + 2)), *drawn(v[j + 1])};
        l.stroke = {t.line, t.line_width / 2, {}};
        scene.add(l);
      }
    for (std::size_t j = 0; j < k; ++j)
      if (drawn(v[j])) {
        Circle c = plot.marker({plot.X(static_cast<double>(j + 1)), *drawn(v[j])}, false, kPointRadius,
                               in.inf[j] ? "influential-point" : "study-point", in.source_rows[j]);
        if (in.inf[j]) c.fill = kInfluential;
        scene.add(c);
      }
    if (empty[i]) {
      const double fs = t.small_font_size, mid = (m.ascent(fs, FontWeight::Normal) - m.descent(fs, FontWeight::Normal)) / 2;
      scene.add(make_text(m, "No values", {area.x + area.w / 2, area.y + area.h / 2 + mid}, Anchor::Middle, fs,
                          FontWeight::Normal, "no-values", static_cast<int>(i), t.text));
    }
    plot.draw_frame_and_axes(scene, "", ps[i].title);
    plot.fit(scene);  // the last panel's fit covers every text of every panel
  }
  return scene;
}

}  // namespace metareview::render
