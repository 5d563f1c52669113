#include "render/forest_layout.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "render/axis.h"
#include "render/rob_layout.h"

namespace metareview::render {
namespace {

// ---------------------------------------------------------------------------------------
// forest_layout(): rows, columns, axis, then elements.

struct Row {
  enum class Kind { Title, Study, Pooled, Prediction, TotalEvents, Note, Gap };
  Kind kind;
  int block = -1;  ///< index into AnalysisView::blocks; -1 for the total block
  const present::StudyRow* study = nullptr;
  const present::PooledRow* pooled = nullptr;
  const present::Block* source = nullptr;
  bool first_pooled = false;
  std::string text;  ///< title, note line
  double top = 0, height = 0;
  std::vector<std::string> lines;               ///< study label or title, wrapped
  std::vector<std::vector<std::string>> extra;  ///< per extra column, wrapped
};

struct Columns {
  double study_x = 0, study_w = 0;
  std::vector<double> data_right;  ///< right edge of each data column
  std::vector<double> data_w;
  double weight_common_right = 0, weight_random_right = 0, weight_w = 0;
  std::vector<double> extra_x, extra_w;  ///< left edge and width of each extra column
  double effect_x = 0, effect_w = 0;
  double plot_x = 0, plot_w = 0;
  double rob_x = 0, rob_cell = 0, rob_overall_w = 0;  ///< risk-of-bias dots right of the plot
  bool rob_overall = false;  ///< some row has an overall judgment (RoB 1 as imported has none)
  std::size_t rob_domains = 0;
};

class ForestLayout {
 public:
  /// `shrink`: points taken off the plot column a set width gives (what stuck out before).
  ForestLayout(const present::AnalysisView& in, const TextMeasurer& m, const ForestOptions& o, double shrink = 0)
      : in_(in), m_(m), o_(o), t_(figure_theme(o.figure)), shrink_(shrink) {}
  Scene run();

 private:
  double fs() const { return t_.font_size; }
  double small() const { return t_.small_font_size; }
  double width(const std::string& s, FontWeight w, double size) const { return m_.width(s, size, w); }
  /// Log ratios on their log scale, everything else as shown.
  double axis_value(const present::Number& n) const { return in_.log_axis() ? n.value : n.shown; }
  double weight(const present::StudyRow& s) const {
    const auto& w = by_random_ ? s.weight_random : s.weight_common;
    return w ? w->value : 0.0;
  }
  /// Lines of `s` wrapped at `max_width`: a word wider than that breaks after its hyphens
  /// ("Frimodt-" / "Moller"); a word that still does not fit widens the column to its own
  /// width, so nothing is ever cut off.
  std::vector<std::string> wrapped(const std::string& s, double max_width, FontWeight w) const {
    std::string text;
    double widest = max_width;
    std::size_t start = 0;
    while (start <= s.size()) {
      const std::size_t end = std::min(s.find(' ', start), s.size());
      std::string word = s.substr(start, end - start);
      if (width(word, w, fs()) > max_width)
        for (std::size_t i = word.find('-'); i != std::string::npos && i + 1 < word.size(); i = word.find('-', i + 2))
          word.insert(i + 1, " ");
      for (std::size_t a = 0; a <= word.size();) {
        const std::size_t b = std::min(word.find(' ', a), word.size());
        widest = std::max(widest, width(word.substr(a, b - a), w, fs()));
        a = b + 1;
      }
      text += (start ? " " : "") + word;
      start = end + 1;
    }
    return wrap(m_, text, widest, fs(), w);
  }
  /// Arm labels over their columns are shortened, never wrapped, at the default label width
  /// or the set one when wider.
  double arm_label_width() const { return std::max(t_.max_label_width, Theme{}.max_label_width); }
  double line_step() const { return fs() * 1.2; }
  const core::RobAssessment* rob_of(const present::StudyRow& s) const {
    const auto i = static_cast<std::size_t>(s.source_row);
    return s.source_row >= 0 && i < o_.risk_of_bias.size() ? o_.risk_of_bias[i] : nullptr;
  }
  void build_rows();
  void measure_columns();
  void make_axis_();
  void place_rows();
  void emit_header();
  void emit_row(const Row& r);
  void emit_bottom();
  double emit_rob_legend(double y);
  void rob_dot(const std::string& judgment, double cx, double cy, int index, const char* role);
  /// Baseline of the first line of `r`: wrapped rows grow downwards, their numbers and
  /// graphics stay on the first line.
  double baseline(const Row& r, double size) const {
    const double h = std::min(r.height, t_.row_height);
    return r.top + (h + m_.ascent(size, FontWeight::Normal) - m_.descent(size, FontWeight::Normal)) / 2;
  }
  double centre(const Row& r) const { return r.top + std::min(r.height, t_.row_height) / 2; }
  void text(std::string s, double x, double y, Anchor a, double size, FontWeight w, const std::string& role, int index) {
    scene_.add(make_text(m_, std::move(s), {x, y}, a, size, w, role, index, t_.text));
  }
  double x_of(double axis_v) const { return axis_.map(axis_v, c_.plot_x, c_.plot_w); }
  void draw_interval(double lo, double hi, double cy, const std::string& role, int index);

  const present::AnalysisView& in_;
  const TextMeasurer& m_;
  const ForestOptions& o_;
  const Theme t_;
  const double shrink_;
  Scene scene_;
  std::vector<Row> rows_;
  Columns c_;
  Axis axis_;
  std::optional<double> null_;
  double header_top_ = 0, body_top_ = 0, body_bottom_ = 0;
  bool by_random_ = false;
};

void ForestLayout::build_rows() {
  by_random_ = in_.show_weight_random || !in_.show_weight_common;
  auto add_summary = [&](const present::Block& b, int index) {
    bool first = true;
    for (const auto& p : b.pooled) {
      rows_.push_back({Row::Kind::Pooled, index, nullptr, &p, &b, first, "", 0, 0, {}, {}});
      first = false;
      if (p.prediction && o_.figure.prediction) rows_.push_back({Row::Kind::Prediction, index, nullptr, &p, &b, false, "", 0, 0, {}, {}});
    }
    if (!b.event_cells.empty()) rows_.push_back({Row::Kind::TotalEvents, index, nullptr, nullptr, &b, false, "", 0, 0, {}, {}});
  };
  for (std::size_t bi = 0; bi < in_.blocks.size(); ++bi) {
    const present::Block& b = in_.blocks[bi];
    if (b.studies.empty() && b.pooled.empty()) continue;
    const int index = static_cast<int>(bi);
    if (!b.title.empty()) rows_.push_back({Row::Kind::Title, index, nullptr, nullptr, &b, false, b.title, 0, 0, {}, {}});
    for (const present::StudyRow* s : present::drawn_order(in_, b))
      rows_.push_back({Row::Kind::Study, index, s, nullptr, &b, false, "", 0, 0, {}, {}});
    add_summary(b, index);
    for (const auto& n : b.notes) rows_.push_back({Row::Kind::Note, index, nullptr, nullptr, &b, false, n, 0, 0, {}, {}});
    if (!b.title.empty()) rows_.push_back({Row::Kind::Gap, index, nullptr, nullptr, &b, false, "", 0, 0, {}, {}});
  }
  add_summary(in_.total, -1);
  for (Row& r : rows_) {
    if (r.kind == Row::Kind::Title) r.lines = wrapped(r.text, t_.max_label_width, FontWeight::Bold);
    if (r.kind != Row::Kind::Study) continue;
    // The flag goes on the last line, never alone on a line of its own.
    const std::string flag = r.study->flag.empty() ? "" : " " + r.study->flag;
    r.lines = wrapped(r.study->label, t_.max_label_width - width(flag, FontWeight::Normal, fs()), FontWeight::Normal);
    if (r.lines.empty()) r.lines.emplace_back();
    r.lines.back() += flag;
    for (const ExtraColumn& c : o_.columns) {
      const auto i = static_cast<std::size_t>(r.study->source_row);
      const std::string cell = r.study->source_row >= 0 && i < c.cells.size() ? c.cells[i] : "";
      r.extra.push_back(cell.empty() ? std::vector<std::string>{} : wrapped(cell, ForestOptions::kExtraColumnWidth, FontWeight::Normal));
    }
  }
}

void ForestLayout::measure_columns() {
  const FontWeight N = FontWeight::Normal, B = FontWeight::Bold;
  // Study column.
  double w = width(in_.study_header, B, fs());
  for (const auto& r : rows_) {
    for (const auto& line : r.lines) w = std::max(w, width(line, r.kind == Row::Kind::Title ? B : N, fs()));
    if (r.kind == Row::Kind::Pooled) w = std::max(w, width(r.pooled->label, B, fs()));
    if (r.kind == Row::Kind::Prediction) w = std::max(w, width("Prediction interval", N, fs()));
    if (r.kind == Row::Kind::TotalEvents) w = std::max(w, width("Total events", N, fs()));
  }
  c_.study_x = t_.margin;
  c_.study_w = w;
  double x = c_.study_x + w;

  // Extra columns (N, follow-up), left to right as asked.
  for (std::size_t j = 0; j < o_.columns.size(); ++j) {
    double cw = width(o_.columns[j].header, B, fs());
    for (const auto& r : rows_)
      if (r.kind == Row::Kind::Study)
        for (const auto& line : r.extra[j]) cw = std::max(cw, width(line, N, fs()));
    x += 2 * t_.column_gap;
    c_.extra_x.push_back(x);
    c_.extra_w.push_back(cw);
    x += cw;
  }

  // Per-arm columns, grouped under their arm label.
  const std::size_t nc = in_.columns.size();
  c_.data_w.assign(nc, 0);
  for (std::size_t j = 0; j < nc; ++j) {
    double cw = width(in_.columns[j].header, B, fs());
    for (const auto& r : rows_) {
      if (r.kind == Row::Kind::Study && j < r.study->cells.size()) cw = std::max(cw, width(r.study->cells[j].text, N, fs()));
      if (r.kind == Row::Kind::Pooled && r.first_pooled && j < r.source->total_cells.size())
        cw = std::max(cw, width(r.source->total_cells[j].text, B, fs()));
      if (r.kind == Row::Kind::TotalEvents && j < r.source->event_cells.size())
        cw = std::max(cw, width(r.source->event_cells[j].text, N, fs()));
    }
    c_.data_w[j] = cw;
  }
  for (int g = 1; g <= 2; ++g) {
    std::size_t first = nc, last = 0;
    for (std::size_t j = 0; j < nc; ++j)
      if (in_.columns[j].group == g) first = std::min(first, j), last = j;
    if (first == nc) continue;
    double span = 0;
    for (std::size_t j = first; j <= last; ++j) span += c_.data_w[j] + (j > first ? t_.column_gap : 0);
    const std::string& label = g == 1 ? in_.label_experimental : in_.label_control;
    const double lw = width(ellipsize(m_, label, arm_label_width(), fs(), B), B, fs());
    if (lw > span) c_.data_w[first] += lw - span;
  }
  c_.data_right.assign(nc, 0);
  for (std::size_t j = 0; j < nc; ++j) {
    const bool new_group = j == 0 || in_.columns[j].group != in_.columns[j - 1].group;
    x += (new_group ? 2 : 1) * t_.column_gap + c_.data_w[j];
    c_.data_right[j] = x;
  }

  // Weights.
  const bool both = in_.show_weight_common && in_.show_weight_random;
  c_.weight_w = width(both ? "Random" : "Weight", B, fs());
  c_.weight_w = std::max(c_.weight_w, width("100.0%", B, fs()));
  if (in_.show_weight_common) x += 2 * t_.column_gap + c_.weight_w, c_.weight_common_right = x;
  if (in_.show_weight_random) x += (both ? 1 : 2) * t_.column_gap + c_.weight_w, c_.weight_random_right = x;

  // Effect [CI] text.
  double ew = std::max(width(in_.effect_header, B, fs()), width(in_.method_header, B, fs()));
  for (const auto& r : rows_) {
    if (r.kind == Row::Kind::Study)
      ew = std::max(ew, width(r.study->effect.text, N, fs()));
    if (r.kind == Row::Kind::Pooled)
      ew = std::max(ew, width(r.pooled->effect.text, B, fs()));
    if (r.kind == Row::Kind::Prediction)
      ew = std::max(ew, width(r.pooled->prediction->text, N, fs()));
  }
  c_.effect_x = x + 2 * t_.column_gap;
  c_.effect_w = ew;
  c_.plot_x = c_.effect_x + ew + 2 * t_.column_gap;
  c_.plot_w = t_.plot_width;

  // Risk of bias: as many domain columns as the longest tool used has (RoB 2: 5, ROBINS-I: 7).
  double rob_w = 0;
  for (const auto& r : rows_)
    if (r.kind == Row::Kind::Study)
      if (const core::RobAssessment* a = rob_of(*r.study); a && a->applicable()) {
        c_.rob_domains = std::max(c_.rob_domains, a->domains.size());
        c_.rob_overall = c_.rob_overall || !a->overall.judgment.empty();
      }
  if (c_.rob_domains > 0) {
    c_.rob_cell = std::max(fs() * 1.5, width("D7", B, fs()) + 4);
    c_.rob_overall_w = c_.rob_overall ? width("Overall", B, fs()) + 4 : 0;
    rob_w = 2 * t_.column_gap + static_cast<double>(c_.rob_domains) * c_.rob_cell + c_.rob_overall_w;
  }
  // A set width gives the plot column what the table and the dots leave.
  if (o_.figure.width) {
    const double needed = c_.plot_x + rob_w + t_.margin;
    const double plot_w = *o_.figure.width - needed - shrink_;
    if (plot_w < ForestOptions::kMinPlotWidth)
      throw Error("width: " + core::format_shortest(*o_.figure.width) + " pt leaves no room for the plot; this table needs at least " +
                  core::format_fixed(std::ceil(needed + ForestOptions::kMinPlotWidth), 0) + " pt");
    c_.plot_w = plot_w;
  }
  c_.rob_x = c_.plot_x + c_.plot_w + 2 * t_.column_gap;
}

// Default limits. metafor 3.8-1's forest.rma takes its axis from pretty() over every study's
// CI (alim <- range(pretty(c(min(ci.lb), max(ci.ub))))), so one small study with a huge
// interval squeezes all others into a sliver; RevMan leaves the scale to the author, and the
// Cochrane Handbook (5.1, 11.3.2.1) asks for one on which "the point estimates (and most, if
// not all, of the confidence intervals) are visible". So the core range is the null, the
// pooled estimates with their confidence and prediction intervals, and the point estimates
// of the bulk of studies: those whose interval is at most kBulkWidth times the median study
// interval (on the analysis scale). Bulk intervals extend the core by at most its own width
// on each side; the point estimates of the other studies are added last, so every square is
// drawn. Whatever runs past the axis ends in an arrow.
constexpr double kBulkWidth = 3;

void ForestLayout::make_axis_() {
  null_ = core::null_value(in_.measure);
  std::vector<double> widths;
  for (const auto& r : rows_)
    if (r.kind == Row::Kind::Study) {
      const double w = axis_value(r.study->effect.ub) - axis_value(r.study->effect.lb);
      if (std::isfinite(w)) widths.push_back(w);
    }
  double median = INFINITY;
  if (!widths.empty()) {
    std::sort(widths.begin(), widths.end());
    const std::size_t n = widths.size();
    median = n % 2 ? widths[n / 2] : (widths[n / 2 - 1] + widths[n / 2]) / 2;
  }
  const auto in_bulk = [&](const present::StudyRow& s) {
    const double w = axis_value(s.effect.ub) - axis_value(s.effect.lb);
    return !std::isfinite(w) || w <= kBulkWidth * median;
  };
  double core_lo = INFINITY, core_hi = -INFINITY, full_lo = INFINITY, full_hi = -INFINITY;
  auto core_add = [&](double v) {
    if (std::isfinite(v)) core_lo = std::min(core_lo, v), core_hi = std::max(core_hi, v);
  };
  auto full_add = [&](double v) {
    if (std::isfinite(v)) full_lo = std::min(full_lo, v), full_hi = std::max(full_hi, v);
  };
  for (const auto& r : rows_) {
    if (r.kind == Row::Kind::Study) {
      if (!in_bulk(*r.study)) continue;
      core_add(axis_value(r.study->effect.est));
      full_add(axis_value(r.study->effect.lb));
      full_add(axis_value(r.study->effect.ub));
    } else if (r.kind == Row::Kind::Pooled || r.kind == Row::Kind::Prediction) {
      const present::PooledRow& p = *r.pooled;
      for (const present::Number& v : {p.effect.est, p.effect.lb, p.effect.ub}) core_add(axis_value(v));
      if (p.prediction && o_.figure.prediction) core_add(axis_value(p.prediction->lb)), core_add(axis_value(p.prediction->ub));
    }
  }
  if (null_) core_add(*null_);
  if (!std::isfinite(core_lo)) core_lo = core_hi = null_.value_or(0.5);
  const double extra = std::max(core_hi - core_lo, in_.log_axis() ? std::log(2.0) : 1e-9);
  double lo = std::isfinite(full_lo) ? std::max(std::min(core_lo, full_lo), core_lo - extra) : core_lo;
  double hi = std::isfinite(full_hi) ? std::min(std::max(core_hi, full_hi), core_hi + extra) : core_hi;
  for (const auto& r : rows_)
    if (r.kind == Row::Kind::Study && !in_bulk(*r.study))
      if (const double v = axis_value(r.study->effect.est); std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  const core::FigureOptions& f = o_.figure;
  if (f.xlim || !f.at.empty()) {  // the user's limits and ticks, exactly
    // Not value_or: its argument is evaluated even when xlim is set, and at may be empty.
    const auto limits = f.xlim ? *f.xlim : std::make_pair(f.at.front(), f.at.back());
    axis_ = fixed_axis(limits.first, limits.second, f.at, in_.log_axis());
    return;
  }
  if (in_.axis_limits) {
    const double a = in_.log_axis() ? std::log(in_.axis_limits->first) : in_.axis_limits->first;
    const double b = in_.log_axis() ? std::log(in_.axis_limits->second) : in_.axis_limits->second;
    axis_ = make_axis(a, b, in_.log_axis());
  } else {
    axis_ = make_axis(lo, hi, in_.log_axis(), null_, in_.symmetric_axis);
  }
  if (!null_ && in_.measure != core::Measure::PR) {  // back-transformed proportions stay within [0, 1]
    Axis a = axis_;
    a.ticks.clear(), a.labels.clear();
    for (std::size_t i = 0; i < axis_.ticks.size(); ++i)
      if (axis_.ticks[i] >= -1e-12 && axis_.ticks[i] <= 1 + 1e-12) a.ticks.push_back(axis_.ticks[i]), a.labels.push_back(axis_.labels[i]);
    if (a.ticks.size() >= 2) a.lo = a.ticks.front(), a.hi = a.ticks.back(), axis_ = a;
  }
}

void ForestLayout::place_rows() {
  const double note_height = m_.ascent(small(), FontWeight::Normal) + m_.descent(small(), FontWeight::Normal) + 1.5;
  // Notes inside the table wrap to the width of the text columns.
  const double note_width = c_.plot_x - t_.column_gap - c_.study_x;
  std::vector<Row> placed;
  double y = body_top_;
  for (const Row& r : rows_) {
    if (r.kind == Row::Kind::Note) {
      for (auto& line : wrap(m_, r.text, note_width, small(), FontWeight::Normal)) {
        Row n = r;
        n.text = line;
        n.top = y, n.height = note_height;
        y += note_height;
        placed.push_back(n);
      }
      continue;
    }
    Row p = r;
    p.top = y;
    p.height = r.kind == Row::Kind::Gap ? t_.row_height / 2 : t_.row_height;
    std::size_t lines = r.lines.size();
    for (const auto& cell : r.extra) lines = std::max(lines, cell.size());
    if (lines > 1) p.height += static_cast<double>(lines - 1) * line_step();
    y += p.height;
    placed.push_back(p);
  }
  rows_ = std::move(placed);
  body_bottom_ = y;
}

void ForestLayout::emit_header() {
  const FontWeight B = FontWeight::Bold;
  const double row_a = header_top_ + m_.ascent(fs(), B);  // baselines
  const double rule_a = row_a + m_.descent(fs(), B) + 1;  // under the arm labels
  const double row_b = rule_a + 1 + m_.ascent(fs(), B);
  const Stroke thin{t_.line, t_.line_width / 2, {}};
  for (int g = 1; g <= 2; ++g) {
    double left = INFINITY, right = -INFINITY;
    for (std::size_t j = 0; j < in_.columns.size(); ++j)
      if (in_.columns[j].group == g)
        left = std::min(left, c_.data_right[j] - c_.data_w[j]), right = std::max(right, c_.data_right[j]);
    if (!std::isfinite(left)) continue;
    const std::string& label = g == 1 ? in_.label_experimental : in_.label_control;
    text(ellipsize(m_, label, arm_label_width(), fs(), B), (left + right) / 2, row_a, Anchor::Middle, fs(), B,
         "group-header", g);
    Line rule;
    rule.role = "group-rule";
    rule.index = g;
    rule.a = {left, rule_a}, rule.b = {right, rule_a};
    rule.stroke = thin;
    scene_.add(rule);
  }
  const bool both = in_.show_weight_common && in_.show_weight_random;
  if (both) {
    const double left = c_.weight_common_right - c_.weight_w, right = c_.weight_random_right;
    text("Weight", (left + right) / 2, row_a, Anchor::Middle, fs(), B, "group-header", 3);
    Line rule;
    rule.role = "group-rule";
    rule.index = 3;
    rule.a = {left, rule_a}, rule.b = {right, rule_a};
    rule.stroke = thin;
    scene_.add(rule);
  }
  const std::string plot_effect = ellipsize(m_, in_.effect_header, c_.plot_w, fs(), B);
  const std::string plot_method = ellipsize(m_, in_.method_header, c_.plot_w, fs(), B);
  text(in_.effect_header, c_.effect_x + c_.effect_w / 2, row_a, Anchor::Middle, fs(), B, "header", 0);
  text(plot_effect, c_.plot_x + c_.plot_w / 2, row_a, Anchor::Middle, fs(), B, "header", 1);

  text(in_.study_header, c_.study_x, row_b, Anchor::Start, fs(), B, "header", 2);
  for (std::size_t j = 0; j < o_.columns.size(); ++j)
    text(o_.columns[j].header, o_.columns[j].numeric ? c_.extra_x[j] + c_.extra_w[j] : c_.extra_x[j], row_b,
         o_.columns[j].numeric ? Anchor::End : Anchor::Start, fs(), B, "extra-header", static_cast<int>(j));
  double rule_right = c_.plot_x + c_.plot_w;
  if (c_.rob_domains > 0) {
    const double left = c_.rob_x, right = c_.rob_x + static_cast<double>(c_.rob_domains) * c_.rob_cell + c_.rob_overall_w;
    text("Risk of bias", (left + right) / 2, row_a, Anchor::Middle, fs(), B, "rob-header", -1);
    for (std::size_t d = 0; d < c_.rob_domains; ++d)
      text("D" + std::to_string(d + 1), left + (static_cast<double>(d) + 0.5) * c_.rob_cell, row_b, Anchor::Middle, fs(),
           B, "rob-header", static_cast<int>(d));
    if (c_.rob_overall)
      text("Overall", right - c_.rob_overall_w / 2, row_b, Anchor::Middle, fs(), B, "rob-header",
           static_cast<int>(c_.rob_domains));
    rule_right = right;
  }
  for (std::size_t j = 0; j < in_.columns.size(); ++j)
    text(in_.columns[j].header, c_.data_right[j], row_b, Anchor::End, fs(), B, "column-header", static_cast<int>(j));
  if (in_.show_weight_common)
    text(both ? "Common" : "Weight", c_.weight_common_right, row_b, Anchor::End, fs(), B, "header", 3);
  if (in_.show_weight_random)
    text(both ? "Random" : "Weight", c_.weight_random_right, row_b, Anchor::End, fs(), B, "header", 4);
  text(in_.method_header, c_.effect_x + c_.effect_w / 2, row_b, Anchor::Middle, fs(), B, "header", 5);
  text(plot_method, c_.plot_x + c_.plot_w / 2, row_b, Anchor::Middle, fs(), B, "header", 6);

  const double rule_b = row_b + m_.descent(fs(), B) + 2;
  Line rule;
  rule.role = "header-rule";
  rule.a = {c_.study_x, rule_b}, rule.b = {rule_right, rule_b};
  rule.stroke = {t_.line, t_.line_width, {}};
  scene_.add(rule);
  body_top_ = rule_b + 3;
}

// A CI whisker clipped to the axis, with an arrow where the axis cuts it.
// An interval wholly off the axis (set limits can leave one out) is an arrow alone at the
// end it lies beyond, so the row never looks empty.
void ForestLayout::draw_interval(double lo, double hi, double cy, const std::string& role, int index) {
  const double a = std::max(lo, axis_.lo), b = std::min(hi, axis_.hi);
  auto arrow = [&](double tip, double dir) {
    Polygon p;
    p.role = "ci-arrow";
    p.index = index;
    p.points = {{tip, cy}, {tip - dir * 4, cy - 2.2}, {tip - dir * 4, cy + 2.2}};
    p.fill = t_.line;
    scene_.add(p);
  };
  if (a <= b) {
    Line l;
    l.role = role;
    l.index = index;
    l.a = {x_of(a), cy}, l.b = {x_of(b), cy};
    l.stroke = {t_.line, t_.line_width, {}};
    scene_.add(l);
  }
  if (lo < axis_.lo && hi >= axis_.lo) arrow(x_of(axis_.lo), -1);
  if (hi > axis_.hi && lo <= axis_.hi) arrow(x_of(axis_.hi), 1);
  if (hi < axis_.lo) arrow(x_of(axis_.lo), -1);
  if (lo > axis_.hi) arrow(x_of(axis_.hi), 1);
}

void ForestLayout::emit_row(const Row& r) {
  const FontWeight N = FontWeight::Normal, B = FontWeight::Bold;
  const double cy = centre(r);
  const double base = baseline(r, fs());
  const double effect_mid = c_.effect_x + c_.effect_w / 2;
  switch (r.kind) {
    case Row::Kind::Title:
      for (std::size_t i = 0; i < r.lines.size(); ++i)
        text(r.lines[i], c_.study_x, base + static_cast<double>(i) * line_step(), Anchor::Start, fs(), B, "block-title",
             r.block);
      break;
    case Row::Kind::Study: {
      const present::StudyRow& s = *r.study;
      const int index = s.source_row;
      for (std::size_t i = 0; i < r.lines.size(); ++i)
        text(r.lines[i], c_.study_x, base + static_cast<double>(i) * line_step(), Anchor::Start, fs(), N, "study-label",
             index);
      for (std::size_t j = 0; j < r.extra.size(); ++j)
        for (std::size_t i = 0; i < r.extra[j].size(); ++i)
          text(r.extra[j][i], o_.columns[j].numeric ? c_.extra_x[j] + c_.extra_w[j] : c_.extra_x[j],
               base + static_cast<double>(i) * line_step(), o_.columns[j].numeric ? Anchor::End : Anchor::Start, fs(), N,
               "extra-cell", index);
      if (const core::RobAssessment* a = rob_of(s); a && a->applicable()) {
        for (std::size_t d = 0; d < a->domains.size(); ++d)
          rob_dot(a->domains[d].judgment, c_.rob_x + (static_cast<double>(d) + 0.5) * c_.rob_cell, cy, index, "rob-dot");
        if (!a->overall.judgment.empty())  // RoB 1 gives an overall judgment only where the file does
          rob_dot(a->overall.judgment,
                c_.rob_x + static_cast<double>(c_.rob_domains) * c_.rob_cell + c_.rob_overall_w / 2, cy, index,
                "rob-overall-dot");
      }
      for (std::size_t j = 0; j < s.cells.size() && j < in_.columns.size(); ++j)
        if (!s.cells[j].text.empty()) text(s.cells[j].text, c_.data_right[j], base, Anchor::End, fs(), N, "cell", index);
      if (in_.show_weight_common && s.weight_common)
        text(s.weight_common->text, c_.weight_common_right, base, Anchor::End, fs(), N, "weight", index);
      if (in_.show_weight_random && s.weight_random)
        text(s.weight_random->text, c_.weight_random_right, base, Anchor::End, fs(), N, "weight", index);
      if (!s.estimable) {
        text(s.effect.text, effect_mid, base, Anchor::Middle, fs(), N, "effect-text", index);
        break;
      }
      text(s.effect.text, effect_mid, base, Anchor::Middle, fs(), N, "effect-text", index);
      draw_interval(axis_value(s.effect.lb), axis_value(s.effect.ub), cy, "study-ci", index);
      const double est = axis_value(s.effect.est);
      const double w = weight(s);
      double heaviest = 0;
      for (const auto& row : rows_)
        if (row.kind == Row::Kind::Study) heaviest = std::max(heaviest, weight(*row.study));
      // Studies shown but not pooled have no weight: one middle-sized square each.
      const bool unweighted = heaviest <= 0;
      if (axis_.contains(est) && (w > 0 || unweighted)) {
        // Area proportional to the weight: side = max side * sqrt(w / heaviest w).
        const double side = unweighted ? (t_.min_square + t_.max_square) / 2
                                       : std::max(t_.min_square, t_.max_square * std::sqrt(w / heaviest));
        Rect sq;
        sq.role = "study-square";
        sq.index = index;
        sq.x = x_of(est) - side / 2, sq.y = cy - side / 2, sq.w = side, sq.h = side;
        sq.fill = t_.square;
        scene_.add(sq);
      }
      break;
    }
    case Row::Kind::Pooled: {
      const present::PooledRow& p = *r.pooled;
      text(p.label, c_.study_x, base, Anchor::Start, fs(), B, "pooled-label", r.block);
      if (r.first_pooled)
        for (std::size_t j = 0; j < r.source->total_cells.size() && j < in_.columns.size(); ++j)
          if (!r.source->total_cells[j].text.empty())
            text(r.source->total_cells[j].text, c_.data_right[j], base, Anchor::End, fs(), B, "total-cell", r.block);
      const double right = p.random ? c_.weight_random_right : c_.weight_common_right;
      if (p.weight && (p.random ? in_.show_weight_random : in_.show_weight_common))
        text(p.weight->text, right, base, Anchor::End, fs(), B, "weight", r.block);
      text(p.effect.text, effect_mid, base, Anchor::Middle, fs(), B, "pooled-text", r.block);
      const double h = t_.diamond_height / 2;
      if (axis_value(p.effect.ub) < axis_.lo || axis_value(p.effect.lb) > axis_.hi) {  // wholly off the axis
        draw_interval(axis_value(p.effect.lb), axis_value(p.effect.ub), cy, "pooled-ci", r.block);
        break;
      }
      auto clamp = [&](const present::Number& v) { return x_of(std::clamp(axis_value(v), axis_.lo, axis_.hi)); };
      Polygon d;
      d.role = p.random ? "diamond-random" : "diamond-common";
      d.index = r.block;
      d.points = {{clamp(p.effect.lb), cy}, {clamp(p.effect.est), cy - h}, {clamp(p.effect.ub), cy}, {clamp(p.effect.est), cy + h}};
      const bool hollow = !p.random && in_.total.pooled.size() > 1;
      d.fill = hollow ? t_.common_diamond : t_.diamond;
      d.stroke = Stroke{t_.diamond, t_.line_width, {}};
      scene_.add(d);
      break;
    }
    case Row::Kind::Prediction: {
      const present::PooledRow& p = *r.pooled;
      text("Prediction interval", c_.study_x, base, Anchor::Start, fs(), N, "prediction-label", r.block);
      text(p.prediction->text, effect_mid, base, Anchor::Middle, fs(), N, "prediction-text", r.block);
      const double a = std::max(axis_value(p.prediction->lb), axis_.lo), b = std::min(axis_value(p.prediction->ub), axis_.hi);
      if (a > b) {  // wholly off the axis
        draw_interval(axis_value(p.prediction->lb), axis_value(p.prediction->ub), cy, "prediction-interval", r.block);
        break;
      }
      Rect bar;
      bar.role = "prediction-interval";
      bar.index = r.block;
      bar.x = x_of(a), bar.y = cy - 2, bar.w = x_of(b) - x_of(a), bar.h = 4;
      bar.fill = t_.prediction;
      bar.stroke = Stroke{t_.line, t_.line_width / 2, {}};
      scene_.add(bar);
      break;
    }
    case Row::Kind::TotalEvents:
      text("Total events", c_.study_x, base, Anchor::Start, fs(), N, "total-events-label", r.block);
      for (std::size_t j = 0; j < r.source->event_cells.size() && j < in_.columns.size(); ++j)
        if (!r.source->event_cells[j].text.empty())
          text(r.source->event_cells[j].text, c_.data_right[j], base, Anchor::End, fs(), N, "total-events", r.block);
      break;
    case Row::Kind::Note:
      text(r.text, c_.study_x, baseline(r, small()), Anchor::Start, small(), N, "note", r.block);
      break;
    case Row::Kind::Gap: break;
  }
}

void ForestLayout::emit_bottom() {
  const double axis_y = body_bottom_ + 3;
  const double fsz = small();
  // Favours labels under the tick labels, either side of the null.
  const double labels_bottom = draw_horizontal_axis(scene_, axis_, c_.plot_x, c_.plot_w, axis_y, m_, t_, null_);
  double region_left = c_.plot_x;
  for (const Text* tl : scene_.find<Text>("tick-label")) region_left = std::min(region_left, tl->left());
  double bottom = labels_bottom;
  if (null_ && (!in_.favours_left.empty() || !in_.favours_right.empty())) {
    // With limits that leave out the null, the labels meet at the nearer axis end.
    const double xn = x_of(std::clamp(*null_, axis_.lo, axis_.hi));
    const double base = labels_bottom + 2 + m_.ascent(fsz, FontWeight::Normal);
    if (!in_.favours_left.empty()) {
      Text l = make_text(m_, in_.favours_left, {xn - 5, base}, Anchor::End, fsz, FontWeight::Normal, "favours", 0, t_.text);
      region_left = std::min(region_left, l.left());
      scene_.add(std::move(l));
    }
    if (!in_.favours_right.empty())
      text(in_.favours_right, xn + 5, base, Anchor::Start, fsz, FontWeight::Normal, "favours", 1);
    bottom = base + m_.descent(fsz, FontWeight::Normal);
  }

  // Overall notes and footnotes: beside the axis when there is room, else under it.
  std::vector<std::string> lines = in_.total.notes;
  lines.insert(lines.end(), in_.footnotes.begin(), in_.footnotes.end());
  if (lines.empty()) {
    emit_rob_legend(bottom + 8);
    return;
  }
  double max_w = region_left - 2 * t_.column_gap - c_.study_x;
  double y = axis_y;
  if (max_w < 180) {
    max_w = std::max(c_.plot_x + c_.plot_w - c_.study_x, 180.0);
    y = bottom + 4;
  }
  const double h = m_.ascent(fsz, FontWeight::Normal) + m_.descent(fsz, FontWeight::Normal) + 1.5;
  const std::size_t notes = in_.total.notes.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == notes && i > 0) y += h / 2;  // footnotes set apart from the tests
    for (const auto& line : wrap(m_, lines[i], max_w, fsz, FontWeight::Normal)) {
      text(line, c_.study_x, y + m_.ascent(fsz, FontWeight::Normal), Anchor::Start, fsz, FontWeight::Normal,
           i < notes ? "note" : "footnote", -1);
      y += h;
    }
  }
  emit_rob_legend(std::max(y, bottom) + 8);
}

void ForestLayout::rob_dot(const std::string& judgment, double cx, double cy, int index, const char* role) {
  const RobStyle st = rob_style(judgment, m_);
  const double r = std::min(c_.rob_cell, t_.row_height) * 0.38;
  scene_.add(Circle{{role, index}, {cx, cy}, r, st.fill, Stroke{t_.line, 0.4, {}}});
  const double size = small();
  const double shift = (m_.ascent(size, FontWeight::Bold) - m_.descent(size, FontWeight::Bold)) / 2;
  scene_.add(make_text(m_, st.symbol, {cx, cy + shift}, Anchor::Middle, size, FontWeight::Bold,
                       std::string(role) + "-symbol", index, st.ink));
}

// Under the figure, per tool used: its name, what D1..Dn stand for, and its judgments as
// the dots draw them (robvis' key, as the traffic-light figure has it).
double ForestLayout::emit_rob_legend(double y) {
  if (c_.rob_domains == 0) return y;
  std::vector<const core::RobTool*> tools;
  for (const core::RobTool& tool : core::rob_tools())
    for (const auto& r : rows_)
      if (r.kind == Row::Kind::Study)
        if (const core::RobAssessment* a = rob_of(*r.study);
            a && a->applicable() && a->tool == tool.code && (tools.empty() || tools.back() != &tool))
          tools.push_back(&tool);
  const double fsz = small();
  const double right = c_.rob_x + static_cast<double>(c_.rob_domains) * c_.rob_cell + c_.rob_overall_w;
  const double max_w = std::max(right - c_.study_x, 180.0);
  const double h = m_.ascent(fsz, FontWeight::Normal) + m_.descent(fsz, FontWeight::Normal) + 1.5;
  for (const core::RobTool* tool : tools) {
    std::string key = "Risk of bias, " + std::string(tool->name) + ":";
    for (std::size_t d = 0; d < tool->domains.size(); ++d)
      key += (d ? "; D" : " D") + std::to_string(d + 1) + " " + std::string(tool->domains[d].name);
    key += ".";
    for (const auto& line : wrap(m_, key, max_w, fsz, FontWeight::Normal)) {
      text(line, c_.study_x, y + m_.ascent(fsz, FontWeight::Normal), Anchor::Start, fsz, FontWeight::Normal,
           "rob-key", -1);
      y += h;
    }
    bool unjudged = false;  // a RoB 1 domain left out, drawn as no information
    for (const auto& r : rows_)
      if (r.kind == Row::Kind::Study)
        if (const core::RobAssessment* a = rob_of(*r.study); a && a->tool == tool->code)
          unjudged = unjudged || a->leaves_domain_unjudged();
    y = rob_detail::judgment_legend(scene_, m_, t_, *tool, c_.study_x, y + 2, true, unjudged) + 4;
  }
  return y;
}

Scene ForestLayout::run() {
  build_rows();
  measure_columns();
  make_axis_();
  header_top_ = t_.margin;
  emit_header();
  place_rows();

  // Reference lines first, so squares and diamonds are drawn over them.
  const double axis_y = body_bottom_ + 3;
  if (null_ && axis_.contains(*null_)) {
    Line l;
    l.role = "null-line";
    l.a = {x_of(*null_), body_top_}, l.b = {x_of(*null_), axis_y};
    l.stroke = {t_.line, t_.line_width, {}};
    scene_.add(l);
  }
  const present::PooledRow* overall = nullptr;
  for (const auto& p : in_.total.pooled)
    if (!overall || p.random) overall = &p;
  if (overall) {
    double diamond_top = body_bottom_;
    for (const auto& r : rows_)
      if (r.kind == Row::Kind::Pooled && r.pooled == overall) diamond_top = r.top + r.height / 2 - t_.diamond_height / 2;
    const double v = axis_value(overall->effect.est);
    if (axis_.contains(v)) {
      Line l;
      l.role = "pooled-line";
      l.a = {x_of(v), body_top_}, l.b = {x_of(v), diamond_top};
      l.stroke = {t_.pooled_line, t_.line_width, {1.5, 1.5}};
      scene_.add(l);
    }
  }
  for (const auto& r : rows_) emit_row(r);
  emit_bottom();

  double right = 0, bottom = 0;
  for (const auto& e : scene_.elements) {
    std::visit(
        [&](const auto& el) {
          using T = std::decay_t<decltype(el)>;
          if constexpr (std::is_same_v<T, Text>) {
            const Rect b = el.box();
            right = std::max(right, b.x + b.w), bottom = std::max(bottom, b.y + b.h);
          } else if constexpr (std::is_same_v<T, Line>) {
            right = std::max({right, el.a.x, el.b.x}), bottom = std::max({bottom, el.a.y, el.b.y});
          } else if constexpr (std::is_same_v<T, Rect>) {
            right = std::max(right, el.x + el.w), bottom = std::max(bottom, el.y + el.h);
          } else if constexpr (std::is_same_v<T, Polygon>) {
            for (const auto& p : el.points) right = std::max(right, p.x), bottom = std::max(bottom, p.y);
          } else {
            right = std::max(right, el.centre.x + el.radius), bottom = std::max(bottom, el.centre.y + el.radius);
          }
        },
        e);
  }
  scene_.width = std::ceil(std::max(right + t_.margin, o_.figure.width.value_or(0.0)));
  scene_.height = std::ceil(bottom + t_.margin);
  return std::move(scene_);
}

}  // namespace

Scene forest_layout(const present::AnalysisView& in, const TextMeasurer& measure, const ForestOptions& options) {
  if (const std::string e = options.figure.validate(in.log_axis()); !e.empty()) throw Error(e);
  Scene s = ForestLayout(in, measure, options).run();
  // A set width is the figure's: when a tick label or favours label sticks out past the plot
  // column, lay out again with the column that much narrower.
  if (options.figure.width && s.width > *options.figure.width)
    s = ForestLayout(in, measure, options, s.width - *options.figure.width).run();
  return s;
}

}  // namespace metareview::render
