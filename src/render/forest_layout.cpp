#include "render/forest_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/format.h"
#include "effect/transform.h"
#include "render/axis.h"
#include "stats/distributions.h"

namespace metareview::render {
namespace {

constexpr std::array<std::pair<SortOrder, std::string_view>, 4> kSortOrders{{
    {SortOrder::AsGiven, "given"}, {SortOrder::Effect, "effect"}, {SortOrder::Weight, "weight"}, {SortOrder::Year, "year"}}};

// ---------------------------------------------------------------------------------------
// forest_input(): from an EffectTable and fits to formatted rows.

std::string effect_name(core::Measure m) {
  switch (m) {
    case core::Measure::HR: return "Hazard Ratio";
    case core::Measure::OR: return "Odds Ratio";
    case core::Measure::RR: return "Risk Ratio";
    case core::Measure::RD: return "Risk Difference";
    case core::Measure::MD: return "Mean Difference";
    case core::Measure::SMD: return "Std. Mean Difference";
    case core::Measure::PR:
    case core::Measure::PLO:
    case core::Measure::PAS:
    case core::Measure::PFT: return "Proportion";
    case core::Measure::GEN: return "Effect";
  }
  return "Effect";
}

// RevMan's method names ("IV, Random"), with "Common" for what RevMan 5 calls "Fixed".
std::string method_name(const model::Fit& f) {
  switch (f.spec.method) {
    case model::Method::FE: return "IV, Common";
    case model::Method::MH: return "M-H, Common";
    case model::Method::PETO: return "Peto, Common";
    default: return "IV, Random";
  }
}

std::string level_text(double level) { return core::format_plain(level) + "% CI"; }

bool any_finite(const std::vector<effect::StudyInput>& rows, double effect::StudyInput::*field) {
  return std::any_of(rows.begin(), rows.end(), [&](const effect::StudyInput& r) { return std::isfinite(r.*field); });
}

std::string cell(double v, bool count) {
  if (!std::isfinite(v)) return "";
  return count ? core::format_count(v) : core::format_plain(v);
}

// Per-arm columns and cell texts for the measure, as extracted.
void add_columns(ForestInput& in, const effect::EffectTable& es) {
  using Kind = ForestColumn::Kind;
  using SI = effect::StudyInput;
  struct Spec {
    ForestColumn column;
    double SI::*field;
    bool count;
  };
  std::vector<Spec> specs;
  const core::Measure m = es.measure;
  if (core::is_binary_two_group(m)) {
    specs = {{{"Events", 1, Kind::Events}, &SI::ai, true}, {{"Total", 1, Kind::Count}, &SI::n1i, true},
             {{"Events", 2, Kind::Events}, &SI::ci, true}, {{"Total", 2, Kind::Count}, &SI::n2i, true}};
  } else if (m == core::Measure::MD || m == core::Measure::SMD) {
    specs = {{{"Mean", 1, Kind::Text}, &SI::m1i, false}, {{"SD", 1, Kind::Text}, &SI::sd1i, false},
             {{"Total", 1, Kind::Count}, &SI::n1i, true},  {{"Mean", 2, Kind::Text}, &SI::m2i, false},
             {{"SD", 2, Kind::Text}, &SI::sd2i, false},   {{"Total", 2, Kind::Count}, &SI::n2i, true}};
  } else if (core::is_proportion(m)) {
    specs = {{{"Events", 0, Kind::Events}, &SI::xi, true}, {{"Total", 0, Kind::Count}, &SI::ni, true}};
  }
  for (const auto& s : specs) in.columns.push_back(s.column);
  for (std::size_t i = 0; i < es.k(); ++i) {
    auto& cells = in.blocks[0].studies[i].cells;
    for (const auto& s : specs) cells.push_back(cell(es.input[i].*s.field, s.count));
  }
  if (!specs.empty()) return;

  // Time-to-event and generic rows: what was reported, whichever form it took.
  const std::string name = m == core::Measure::HR ? "HR" : "Estimate";
  if (any_finite(es.input, &SI::hr)) {
    in.columns.push_back({"Reported " + name + " [CI]", 0, Kind::Text});
    for (std::size_t i = 0; i < es.k(); ++i) {
      const auto& r = es.input[i];
      std::string text;
      if (std::isfinite(r.hr)) {
        text = core::format_plain(r.hr) + " [" + core::format_plain(r.hr_ci_lb) + ", " + core::format_plain(r.hr_ci_ub) + "]";
        if (r.hr_level != 95.0) text += " (" + core::format_plain(r.hr_level) + "%)";
      }
      in.blocks[0].studies[i].cells.push_back(text);
    }
  }
  if (any_finite(es.input, &SI::o_minus_e)) {
    in.columns.push_back({"O\xE2\x88\x92" "E", 0, Kind::Text});
    in.columns.push_back({"V", 0, Kind::Text});
    for (std::size_t i = 0; i < es.k(); ++i) {
      in.blocks[0].studies[i].cells.push_back(cell(es.input[i].o_minus_e, false));
      in.blocks[0].studies[i].cells.push_back(cell(es.input[i].v, false));
    }
  }
  if (in.columns.empty()) {
    in.columns.push_back({m == core::Measure::HR ? "log[HR]" : "Estimate", 0, Kind::Text});
    in.columns.push_back({"SE", 0, Kind::Text});
    for (std::size_t i = 0; i < es.k(); ++i) {
      in.blocks[0].studies[i].cells.push_back(core::format_fixed(es.yi[i], 4));
      in.blocks[0].studies[i].cells.push_back(core::format_fixed(std::sqrt(es.vi[i]), 4));
    }
  }
}

void check_fit(const model::Fit* f, const char* which, std::size_t k) {
  if (!f) return;
  if (f->weights.size() != k)
    throw Error(std::string("render::forest_input: the ") + which + " fit has " + std::to_string(f->weights.size()) +
                " weights but the effect table has " + std::to_string(k) + " rows");
  if (f->beta.empty() || f->ci_lb.empty() || f->ci_ub.empty())
    throw Error(std::string("render::forest_input: the ") + which + " fit has no pooled estimate");
}

// Ref: metafor's transf.ipft.hm: back-transform a pooled FT value with the harmonic mean n.
double harmonic_mean_n(const std::vector<ForestStudy>& studies) {
  double sum = 0;
  int n = 0;
  for (const auto& s : studies)
    if (std::isfinite(s.ni) && s.ni > 0) sum += 1 / s.ni, ++n;
  return n > 0 ? n / sum : std::numeric_limits<double>::quiet_NaN();
}

std::string heterogeneity_line(const model::Fit& f) {
  if (f.Q_df < 1) return "Heterogeneity: not applicable";
  std::string s = "Heterogeneity: ";
  if (f.tau2) s += "Tau\xC2\xB2 = " + core::format_tau2(*f.tau2) + "; ";
  s += "Chi\xC2\xB2 = " + core::format_fixed(f.Q, 2) + ", df = " + core::format_count(f.Q_df) + " (" +
       core::format_p_clause(f.Q_p) + ")";
  if (f.I2) s += "; I\xC2\xB2 = " + core::format_percent(*f.I2);
  return s;
}

std::string overall_test_line(const model::Fit& f, const std::string& which) {
  std::string s = "Test for overall effect";
  if (!which.empty()) s += " (" + which + ")";
  s += ": ";
  if (f.df)
    s += "t = " + core::format_fixed(std::fabs(f.zval.at(0)), 2) + ", df = " + core::format_plain(*f.df);
  else
    s += "Z = " + core::format_fixed(std::fabs(f.zval.at(0)), 2);
  return s + " (" + core::format_p_clause(f.pval.at(0)) + ")";
}

// Diamonds, totals and notes of one block from its fits.
void summarise(ForestBlock& block, const std::vector<ForestStudy>& studies, const std::vector<ForestColumn>& columns,
               const model::Fit* common, const model::Fit* random, const std::string& single_label,
               bool with_prediction) {
  const double ni = harmonic_mean_n(studies);
  auto pooled = [&](const model::Fit& f, bool is_random, std::string label) {
    ForestPooled p;
    p.label = std::move(label);
    p.random = is_random;
    p.est = f.beta.at(0);
    p.ci_lb = f.ci_lb.at(0);
    p.ci_ub = f.ci_ub.at(0);
    if (is_random && with_prediction) p.pi_lb = f.pi_lb, p.pi_ub = f.pi_ub;
    p.ni = ni;
    double w = 0;
    for (const auto& s : studies) w += (is_random ? s.weight_random : s.weight_common).value_or(0);
    p.weight = w;
    return p;
  };
  const bool both = common && random;
  if (common) block.pooled.push_back(pooled(*common, false, both ? "Common effect model" : single_label));
  if (random) block.pooled.push_back(pooled(*random, true, both ? "Random effects model" : single_label));

  for (std::size_t j = 0; j < columns.size(); ++j) {
    const ForestColumn& c = columns[j];
    double sum = 0;
    bool any = false;
    if (c.kind != ForestColumn::Kind::Text)
      for (const auto& s : studies)
        if (j < s.cells.size() && !s.cells[j].empty()) sum += std::stod(s.cells[j]), any = true;
    const std::string total = any ? core::format_count(sum) : "";
    block.total_cells.push_back(c.kind == ForestColumn::Kind::Count ? total : "");
    block.event_cells.push_back(c.kind == ForestColumn::Kind::Events ? total : "");
  }
  if (std::all_of(block.event_cells.begin(), block.event_cells.end(), [](const std::string& s) { return s.empty(); }))
    block.event_cells.clear();

  block.notes.push_back(heterogeneity_line(random ? *random : *common));
  if (common) block.notes.push_back(overall_test_line(*common, both ? "common effect" : ""));
  if (random) block.notes.push_back(overall_test_line(*random, both ? "random effects" : ""));
}

// ---------------------------------------------------------------------------------------
// forest_layout(): rows, columns, axis, then elements.

struct Row {
  enum class Kind { Title, Study, Pooled, Prediction, TotalEvents, Note, Gap };
  Kind kind;
  int block = -1;  ///< index into ForestInput::blocks; -1 for the total block
  const ForestStudy* study = nullptr;
  const ForestPooled* pooled = nullptr;
  const ForestBlock* source = nullptr;
  bool first_pooled = false;
  std::string text;  ///< title, note line
  double top = 0, height = 0;
};

std::vector<const ForestStudy*> sorted(const ForestBlock& block, SortOrder order, bool by_random) {
  std::vector<const ForestStudy*> out;
  for (const auto& s : block.studies) out.push_back(&s);
  auto weight = [&](const ForestStudy* s) {
    return (by_random ? s->weight_random : s->weight_common).value_or(0);
  };
  switch (order) {
    case SortOrder::AsGiven: break;
    case SortOrder::Effect:
      std::stable_sort(out.begin(), out.end(), [](auto a, auto b) { return a->yi < b->yi; });
      break;
    case SortOrder::Weight:
      std::stable_sort(out.begin(), out.end(), [&](auto a, auto b) { return weight(a) > weight(b); });
      break;
    case SortOrder::Year:
      std::stable_sort(out.begin(), out.end(), [](auto a, auto b) {
        return a->year.value_or(std::numeric_limits<int>::max()) < b->year.value_or(std::numeric_limits<int>::max());
      });
      break;
  }
  return out;
}

bool by_random_weights(const ForestInput& in) { return in.show_weight_random || !in.show_weight_common; }

struct Columns {
  double study_x = 0, study_w = 0;
  std::vector<double> data_right;  ///< right edge of each data column
  std::vector<double> data_w;
  double weight_common_right = 0, weight_random_right = 0, weight_w = 0;
  double effect_x = 0, effect_w = 0;
  double plot_x = 0, plot_w = 0;
};

class ForestLayout {
 public:
  ForestLayout(const ForestInput& in, const TextMeasurer& m, const Theme& t) : in_(in), m_(m), t_(t) {}
  Scene run();

 private:
  double fs() const { return t_.font_size; }
  double small() const { return t_.small_font_size; }
  double width(const std::string& s, FontWeight w, double size) const { return m_.width(s, size, w); }
  double shown(double v, double ni) const { return effect::back_transform_one(in_.measure, v, ni); }
  double axis_value(double v, double ni) const { return in_.log_axis() ? v : shown(v, ni); }
  std::string effect_text(double est, double lb, double ub, double ni) const {
    return core::format_ci(shown(est, ni), shown(lb, ni), shown(ub, ni), in_.decimals);
  }
  std::string label_text(const ForestStudy& s) const;
  void build_rows();
  void measure_columns();
  void make_axis_();
  void place_rows();
  void emit_header();
  void emit_row(const Row& r);
  void emit_bottom();
  double baseline(const Row& r, double size) const {
    return r.top + (r.height + m_.ascent(size, FontWeight::Normal) - m_.descent(size, FontWeight::Normal)) / 2;
  }
  void text(std::string s, double x, double y, Anchor a, double size, FontWeight w, const std::string& role, int index) {
    scene_.add(make_text(m_, std::move(s), {x, y}, a, size, w, role, index, t_.text));
  }
  double x_of(double axis_v) const { return axis_.map(axis_v, c_.plot_x, c_.plot_w); }
  void draw_interval(double lo, double hi, double cy, const std::string& role, int index);

  const ForestInput& in_;
  const TextMeasurer& m_;
  const Theme& t_;
  Scene scene_;
  std::vector<Row> rows_;
  Columns c_;
  Axis axis_;
  std::optional<double> null_;
  double header_top_ = 0, body_top_ = 0, body_bottom_ = 0;
  bool by_random_ = false;
};

std::string ForestLayout::label_text(const ForestStudy& s) const {
  const std::string flag = s.flag.empty() ? "" : " " + s.flag;
  const double room = t_.max_label_width - width(flag, FontWeight::Normal, fs());
  return ellipsize(m_, s.label, room, fs(), FontWeight::Normal) + flag;
}

void ForestLayout::build_rows() {
  by_random_ = by_random_weights(in_);
  auto add_summary = [&](const ForestBlock& b, int index) {
    bool first = true;
    for (const auto& p : b.pooled) {
      rows_.push_back({Row::Kind::Pooled, index, nullptr, &p, &b, first, "", 0, 0});
      first = false;
      if (p.pi_lb && p.pi_ub) rows_.push_back({Row::Kind::Prediction, index, nullptr, &p, &b, false, "", 0, 0});
    }
    if (!b.event_cells.empty()) rows_.push_back({Row::Kind::TotalEvents, index, nullptr, nullptr, &b, false, "", 0, 0});
  };
  for (std::size_t bi = 0; bi < in_.blocks.size(); ++bi) {
    const ForestBlock& b = in_.blocks[bi];
    if (b.studies.empty() && b.pooled.empty()) continue;
    const int index = static_cast<int>(bi);
    if (!b.title.empty()) rows_.push_back({Row::Kind::Title, index, nullptr, nullptr, &b, false, b.title, 0, 0});
    for (const ForestStudy* s : sorted(b, in_.sort, by_random_))
      rows_.push_back({Row::Kind::Study, index, s, nullptr, &b, false, "", 0, 0});
    add_summary(b, index);
    for (const auto& n : b.notes) rows_.push_back({Row::Kind::Note, index, nullptr, nullptr, &b, false, n, 0, 0});
    if (!b.title.empty()) rows_.push_back({Row::Kind::Gap, index, nullptr, nullptr, &b, false, "", 0, 0});
  }
  add_summary(in_.total, -1);
}

void ForestLayout::measure_columns() {
  const FontWeight N = FontWeight::Normal, B = FontWeight::Bold;
  // Study column.
  double w = width(in_.study_header, B, fs());
  for (const auto& r : rows_) {
    if (r.kind == Row::Kind::Study) w = std::max(w, width(label_text(*r.study), N, fs()));
    if (r.kind == Row::Kind::Title)
      w = std::max(w, width(ellipsize(m_, r.text, t_.max_label_width, fs(), B), B, fs()));
    if (r.kind == Row::Kind::Pooled) w = std::max(w, width(r.pooled->label, B, fs()));
    if (r.kind == Row::Kind::Prediction) w = std::max(w, width("Prediction interval", N, fs()));
    if (r.kind == Row::Kind::TotalEvents) w = std::max(w, width("Total events", N, fs()));
  }
  c_.study_x = t_.margin;
  c_.study_w = w;
  double x = c_.study_x + w;

  // Per-arm columns, grouped under their arm label.
  const std::size_t nc = in_.columns.size();
  c_.data_w.assign(nc, 0);
  for (std::size_t j = 0; j < nc; ++j) {
    double cw = width(in_.columns[j].header, B, fs());
    for (const auto& r : rows_) {
      if (r.kind == Row::Kind::Study && j < r.study->cells.size()) cw = std::max(cw, width(r.study->cells[j], N, fs()));
      if (r.kind == Row::Kind::Pooled && r.first_pooled && j < r.source->total_cells.size())
        cw = std::max(cw, width(r.source->total_cells[j], B, fs()));
      if (r.kind == Row::Kind::TotalEvents && j < r.source->event_cells.size())
        cw = std::max(cw, width(r.source->event_cells[j], N, fs()));
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
    const double lw = width(ellipsize(m_, label, t_.max_label_width, fs(), B), B, fs());
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
      ew = std::max(ew, width(std::isfinite(r.study->yi) ? effect_text(r.study->yi, r.study->ci_lb, r.study->ci_ub, r.study->ni)
                                                         : "Not estimable", N, fs()));
    if (r.kind == Row::Kind::Pooled)
      ew = std::max(ew, width(effect_text(r.pooled->est, r.pooled->ci_lb, r.pooled->ci_ub, r.pooled->ni), B, fs()));
    if (r.kind == Row::Kind::Prediction)
      ew = std::max(ew, width(core::format_interval(shown(*r.pooled->pi_lb, r.pooled->ni),
                                                    shown(*r.pooled->pi_ub, r.pooled->ni), in_.decimals),
                              N, fs()));
  }
  c_.effect_x = x + 2 * t_.column_gap;
  c_.effect_w = ew;
  c_.plot_x = c_.effect_x + ew + 2 * t_.column_gap;
  c_.plot_w = t_.plot_width;
}

void ForestLayout::make_axis_() {
  null_ = core::null_value(in_.measure);
  // Core range: point estimates, pooled intervals and the null; study intervals extend it
  // by at most the core's width on each side (beyond that, whiskers end in arrows).
  double core_lo = INFINITY, core_hi = -INFINITY, full_lo = INFINITY, full_hi = -INFINITY;
  auto core_add = [&](double v) {
    if (std::isfinite(v)) core_lo = std::min(core_lo, v), core_hi = std::max(core_hi, v);
  };
  auto full_add = [&](double v) {
    if (std::isfinite(v)) full_lo = std::min(full_lo, v), full_hi = std::max(full_hi, v);
  };
  for (const auto& r : rows_) {
    if (r.kind == Row::Kind::Study) {
      core_add(axis_value(r.study->yi, r.study->ni));
      full_add(axis_value(r.study->ci_lb, r.study->ni));
      full_add(axis_value(r.study->ci_ub, r.study->ni));
    } else if (r.kind == Row::Kind::Pooled || r.kind == Row::Kind::Prediction) {
      const ForestPooled& p = *r.pooled;
      for (double v : {p.est, p.ci_lb, p.ci_ub, p.pi_lb.value_or(NAN), p.pi_ub.value_or(NAN)}) core_add(axis_value(v, p.ni));
    }
  }
  if (null_) core_add(*null_);
  if (!std::isfinite(core_lo)) core_lo = core_hi = null_.value_or(0.5);
  const double extra = std::max(core_hi - core_lo, in_.log_axis() ? std::log(2.0) : 1e-9);
  const double lo = std::isfinite(full_lo) ? std::max(std::min(core_lo, full_lo), core_lo - extra) : core_lo;
  const double hi = std::isfinite(full_hi) ? std::min(std::max(core_hi, full_hi), core_hi + extra) : core_hi;
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
    text(ellipsize(m_, label, t_.max_label_width, fs(), B), (left + right) / 2, row_a, Anchor::Middle, fs(), B,
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
  rule.a = {c_.study_x, rule_b}, rule.b = {c_.plot_x + c_.plot_w, rule_b};
  rule.stroke = {t_.line, t_.line_width, {}};
  scene_.add(rule);
  body_top_ = rule_b + 3;
}

// A CI whisker clipped to the axis, with an arrow where the axis cuts it.
void ForestLayout::draw_interval(double lo, double hi, double cy, const std::string& role, int index) {
  const double a = std::max(lo, axis_.lo), b = std::min(hi, axis_.hi);
  if (a > b) return;
  Line l;
  l.role = role;
  l.index = index;
  l.a = {x_of(a), cy}, l.b = {x_of(b), cy};
  l.stroke = {t_.line, t_.line_width, {}};
  scene_.add(l);
  auto arrow = [&](double tip, double dir) {
    Polygon p;
    p.role = "ci-arrow";
    p.index = index;
    p.points = {{tip, cy}, {tip - dir * 4, cy - 2.2}, {tip - dir * 4, cy + 2.2}};
    p.fill = t_.line;
    scene_.add(p);
  };
  if (lo < axis_.lo) arrow(x_of(axis_.lo), -1);
  if (hi > axis_.hi) arrow(x_of(axis_.hi), 1);
}

void ForestLayout::emit_row(const Row& r) {
  const FontWeight N = FontWeight::Normal, B = FontWeight::Bold;
  const double cy = r.top + r.height / 2;
  const double base = baseline(r, fs());
  const double effect_mid = c_.effect_x + c_.effect_w / 2;
  switch (r.kind) {
    case Row::Kind::Title:
      text(ellipsize(m_, r.text, t_.max_label_width, fs(), B), c_.study_x, base, Anchor::Start, fs(), B, "block-title",
           r.block);
      break;
    case Row::Kind::Study: {
      const ForestStudy& s = *r.study;
      const int index = s.source_row;
      text(label_text(s), c_.study_x, base, Anchor::Start, fs(), N, "study-label", index);
      for (std::size_t j = 0; j < s.cells.size() && j < in_.columns.size(); ++j)
        if (!s.cells[j].empty()) text(s.cells[j], c_.data_right[j], base, Anchor::End, fs(), N, "cell", index);
      if (in_.show_weight_common && s.weight_common)
        text(core::format_percent(*s.weight_common), c_.weight_common_right, base, Anchor::End, fs(), N, "weight", index);
      if (in_.show_weight_random && s.weight_random)
        text(core::format_percent(*s.weight_random), c_.weight_random_right, base, Anchor::End, fs(), N, "weight", index);
      if (!std::isfinite(s.yi)) {
        text("Not estimable", effect_mid, base, Anchor::Middle, fs(), N, "effect-text", index);
        break;
      }
      text(effect_text(s.yi, s.ci_lb, s.ci_ub, s.ni), effect_mid, base, Anchor::Middle, fs(), N, "effect-text", index);
      draw_interval(axis_value(s.ci_lb, s.ni), axis_value(s.ci_ub, s.ni), cy, "study-ci", index);
      const double est = axis_value(s.yi, s.ni);
      const double w = (by_random_ ? s.weight_random : s.weight_common).value_or(0);
      if (axis_.contains(est) && w > 0) {
        // Area proportional to the weight: side = max side * sqrt(w / heaviest w).
        double heaviest = 0;
        for (const auto& row : rows_)
          if (row.kind == Row::Kind::Study)
            heaviest = std::max(heaviest, (by_random_ ? row.study->weight_random : row.study->weight_common).value_or(0));
        const double side = std::max(t_.min_square, t_.max_square * std::sqrt(w / heaviest));
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
      const ForestPooled& p = *r.pooled;
      text(p.label, c_.study_x, base, Anchor::Start, fs(), B, "pooled-label", r.block);
      if (r.first_pooled)
        for (std::size_t j = 0; j < r.source->total_cells.size() && j < in_.columns.size(); ++j)
          if (!r.source->total_cells[j].empty())
            text(r.source->total_cells[j], c_.data_right[j], base, Anchor::End, fs(), B, "total-cell", r.block);
      const double right = p.random ? c_.weight_random_right : c_.weight_common_right;
      if (p.weight && (p.random ? in_.show_weight_random : in_.show_weight_common))
        text(core::format_percent(*p.weight), right, base, Anchor::End, fs(), B, "weight", r.block);
      text(effect_text(p.est, p.ci_lb, p.ci_ub, p.ni), effect_mid, base, Anchor::Middle, fs(), B, "pooled-text", r.block);
      const double h = t_.diamond_height / 2;
      auto clamp = [&](double v) { return x_of(std::clamp(axis_value(v, p.ni), axis_.lo, axis_.hi)); };
      Polygon d;
      d.role = p.random ? "diamond-random" : "diamond-common";
      d.index = r.block;
      d.points = {{clamp(p.ci_lb), cy}, {clamp(p.est), cy - h}, {clamp(p.ci_ub), cy}, {clamp(p.est), cy + h}};
      const bool hollow = !p.random && in_.total.pooled.size() > 1;
      d.fill = hollow ? t_.common_diamond : t_.diamond;
      d.stroke = Stroke{t_.diamond, t_.line_width, {}};
      scene_.add(d);
      break;
    }
    case Row::Kind::Prediction: {
      const ForestPooled& p = *r.pooled;
      text("Prediction interval", c_.study_x, base, Anchor::Start, fs(), N, "prediction-label", r.block);
      text(core::format_interval(shown(*p.pi_lb, p.ni), shown(*p.pi_ub, p.ni),
                                 in_.decimals),
           effect_mid, base, Anchor::Middle, fs(), N, "prediction-text", r.block);
      const double a = std::max(axis_value(*p.pi_lb, p.ni), axis_.lo), b = std::min(axis_value(*p.pi_ub, p.ni), axis_.hi);
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
        if (!r.source->event_cells[j].empty())
          text(r.source->event_cells[j], c_.data_right[j], base, Anchor::End, fs(), N, "total-events", r.block);
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
    const double xn = x_of(*null_);
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
  if (lines.empty()) return;
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
  const ForestPooled* overall = nullptr;
  for (const auto& p : in_.total.pooled)
    if (!overall || p.random) overall = &p;
  if (overall) {
    double diamond_top = body_bottom_;
    for (const auto& r : rows_)
      if (r.kind == Row::Kind::Pooled && r.pooled == overall) diamond_top = r.top + r.height / 2 - t_.diamond_height / 2;
    const double v = axis_value(overall->est, overall->ni);
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
  scene_.width = std::ceil(right + t_.margin);
  scene_.height = std::ceil(bottom + t_.margin);
  return std::move(scene_);
}

}  // namespace

std::optional<SortOrder> parse_sort_order(std::string_view code) {
  for (const auto& [order, c] : kSortOrders)
    if (c == code) return order;
  return std::nullopt;
}

std::string valid_sort_orders() {
  std::string out;
  for (const auto& [order, c] : kSortOrders) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

std::string ForestOptions::validate(std::size_t k) const {
  if (!flags.empty() && flags.size() != k)
    return "forest options: flags has " + std::to_string(flags.size()) + " entries for " + std::to_string(k) + " studies";
  if (decimals < 0 || decimals > 6) return "forest options: decimals must be in 0..6, got " + std::to_string(decimals);
  if (axis_limits && !(axis_limits->first < axis_limits->second))
    return "forest options: axis limits must be increasing, got " + core::format_plain(axis_limits->first) + " and " +
           core::format_plain(axis_limits->second);
  return "";
}

ForestInput forest_input(const effect::EffectTable& es, const model::Fit* common, const model::Fit* random,
                         const ForestOptions& options) {
  if (!common && !random) throw Error("render::forest_input: no fit given (need a common-effect or random-effects fit)");
  if (const std::string problem = options.validate(es.k()); !problem.empty())
    throw Error("render::forest_input: " + problem);
  check_fit(common, "common-effect", es.k());
  check_fit(random, "random-effects", es.k());

  ForestInput in;
  in.measure = es.measure;
  in.level = (random ? random : common)->spec.level;
  in.decimals = options.decimals;
  in.effect_header = effect_name(es.measure);
  in.method_header = (common && random) ? level_text(in.level)
                                        : method_name(random ? *random : *common) + ", " + level_text(in.level);
  in.label_experimental = options.label_experimental;
  in.label_control = options.label_control;
  in.show_weight_common = common != nullptr;
  in.show_weight_random = random != nullptr;
  in.sort = options.sort;
  in.symmetric_axis = options.symmetric_axis;
  in.axis_limits = options.axis_limits;
  in.footnotes = options.footnotes;
  if (core::null_value(es.measure)) {
    in.favours_left = options.favours_left.value_or("Favours " + options.label_experimental);
    in.favours_right = options.favours_right.value_or("Favours " + options.label_control);
  }

  const double crit = stats::z_crit(in.level);
  in.blocks.emplace_back();
  for (std::size_t i = 0; i < es.k(); ++i) {
    const auto& row = es.input[i];
    ForestStudy s;
    s.label = row.study;
    s.subgroup = row.subgroup;
    s.year = row.year;
    s.source_row = static_cast<int>(i);
    s.yi = es.included.empty() || es.included[i] ? es.yi[i] : std::numeric_limits<double>::quiet_NaN();
    const double se = std::sqrt(es.vi[i]);
    s.ci_lb = s.yi - crit * se;  // Ref: metafor forest.rma, yi -/+ z(level) * sqrt(vi)
    s.ci_ub = s.yi + crit * se;
    s.ni = i < es.ni.size() ? es.ni[i] : std::numeric_limits<double>::quiet_NaN();
    if (common) s.weight_common = common->weights[i];
    if (random) s.weight_random = random->weights[i];
    if (!options.flags.empty()) s.flag = options.flags[i];
    in.blocks[0].studies.push_back(std::move(s));
  }
  add_columns(in, es);
  summarise(in.total, in.blocks[0].studies, in.columns, common, random, "Total (" + level_text(in.level) + ")", true);
  return in;
}

void add_subgroup(ForestInput& in, const std::string& title, const model::Fit* common, const model::Fit* random) {
  if (!common && !random) throw Error("render::add_subgroup: no fit given for subgroup '" + title + "'");
  if (in.blocks.empty() || !in.blocks[0].title.empty())
    throw Error("render::add_subgroup: the input has no ungrouped studies left (subgroup '" + title + "')");
  ForestBlock block;
  block.title = title;
  auto& rest = in.blocks[0].studies;
  for (auto it = rest.begin(); it != rest.end();) {
    if (it->subgroup == title) {
      block.studies.push_back(std::move(*it));
      it = rest.erase(it);
    } else {
      ++it;
    }
  }
  if (block.studies.empty()) throw Error("render::add_subgroup: no study is in subgroup '" + title + "'");
  const std::size_t k = block.studies.size();
  for (const model::Fit* f : {common, random})
    if (f && f->weights.size() != k)
      throw Error("render::add_subgroup: the fit for subgroup '" + title + "' has " + std::to_string(f->weights.size()) +
                  " weights but " + std::to_string(k) + " studies are in the subgroup");
  summarise(block, block.studies, in.columns, common, random, "Subtotal (" + level_text(in.level) + ")", false);
  in.study_header = "Study or Subgroup";
  in.blocks.push_back(std::move(block));
}

void set_subgroup_test(ForestInput& in, const SubgroupTest& test) {
  in.total.notes.push_back("Test for subgroup differences: Chi\xC2\xB2 = " + core::format_fixed(test.Q, 2) +
                           ", df = " + core::format_plain(test.df) + " (" + core::format_p_clause(test.p) + ")");
}

std::vector<const ForestStudy*> drawn_order(const ForestInput& in, const ForestBlock& block) {
  return sorted(block, in.sort, by_random_weights(in));
}

Scene forest_layout(const ForestInput& in, const TextMeasurer& measure, const Theme& theme) {
  return ForestLayout(in, measure, theme).run();
}

}  // namespace metareview::render
