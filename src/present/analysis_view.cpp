#include "present/analysis_view.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/format.h"
#include "core/measure_info.h"
#include "effect/transform.h"
#include "model/prediction.h"
#include "stats/distributions.h"

namespace metareview::present {
namespace {

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

/// A prediction interval is shown from model::kMinStudiesForPrediction studies on.
bool shows_prediction(const model::Fit& f) { return model::prediction_not_shown(f.k, f.spec.pi_dist).empty(); }

// ---------------------------------------------------------------------------------------
// Numbers as shown.

/// A number with no display scale of its own.
Number plain(double v, std::string text) { return {v, v, std::move(text)}; }

Number percent(double v) { return plain(v, core::format_percent(v)); }

/// A value on the analysis scale, back-transformed for display with `ni` (PFT).
Number effect_number(const AnalysisView& view, double v, double ni) {
  const double shown = effect::back_transform_one(view.measure, v, ni);
  return {v, shown, core::format_fixed(shown, view.decimals)};
}

Estimate estimate(const AnalysisView& view, double est, double lb, double ub, double ni) {
  Estimate e{effect_number(view, est, ni), effect_number(view, lb, ni), effect_number(view, ub, ni), ""};
  e.text = core::format_ci(e.est.shown, e.lb.shown, e.ub.shown, view.decimals);
  return e;
}

Estimate not_estimable() {
  Estimate e;
  e.text = "Not estimable";
  return e;
}

bool any_finite(const std::vector<effect::StudyInput>& rows, double effect::StudyInput::*field) {
  return std::any_of(rows.begin(), rows.end(), [&](const effect::StudyInput& r) { return std::isfinite(r.*field); });
}

Cell cell(double v, bool count) {
  if (!std::isfinite(v)) return {};
  return {v, count ? core::format_count(v) : core::format_plain(v)};
}

// ---------------------------------------------------------------------------------------
// Study rows.

// Per-arm columns and cell texts for the measure, as extracted.
void add_columns(AnalysisView& in, const effect::EffectTable& es) {
  using Kind = Column::Kind;
  using SI = effect::StudyInput;
  struct Spec {
    Column column;
    double SI::*field;
    bool count;
  };
  std::vector<Spec> specs;
  const core::Measure m = es.measure;
  switch (core::measure_info(m).family) {
    case core::InputFamily::TwoByTwo:
      specs = {{{"Events", 1, Kind::Events, "ai"}, &SI::ai, true}, {{"Total", 1, Kind::Count, "n1i"}, &SI::n1i, true},
               {{"Events", 2, Kind::Events, "ci"}, &SI::ci, true}, {{"Total", 2, Kind::Count, "n2i"}, &SI::n2i, true}};
      break;
    case core::InputFamily::Continuous:
      specs = {{{"Mean", 1, Kind::Text, "m1i"}, &SI::m1i, false}, {{"SD", 1, Kind::Text, "sd1i"}, &SI::sd1i, false},
               {{"Total", 1, Kind::Count, "n1i"}, &SI::n1i, true},  {{"Mean", 2, Kind::Text, "m2i"}, &SI::m2i, false},
               {{"SD", 2, Kind::Text, "sd2i"}, &SI::sd2i, false},   {{"Total", 2, Kind::Count, "n2i"}, &SI::n2i, true}};
      break;
    case core::InputFamily::Proportion:
      specs = {{{"Events", 0, Kind::Events, "xi"}, &SI::xi, true}, {{"Total", 0, Kind::Count, "ni"}, &SI::ni, true}};
      break;
    case core::InputFamily::TimeToEvent:
    case core::InputFamily::Generic: break;
  }
  for (const auto& s : specs) in.columns.push_back(s.column);
  for (std::size_t i = 0; i < es.k(); ++i) {
    auto& cells = in.blocks[0].studies[i].cells;
    for (const auto& s : specs) cells.push_back(cell(es.input[i].*s.field, s.count));
  }
  if (!specs.empty()) return;

  // Time-to-event and generic rows: what was reported, whichever form it took.
  const bool hr = core::measure_info(m).family == core::InputFamily::TimeToEvent;
  const std::string name = hr ? "HR" : "Estimate";
  if (any_finite(es.input, &SI::hr)) {
    in.columns.push_back({"Reported " + name + " [CI]", 0, Kind::Text, "hr"});
    for (std::size_t i = 0; i < es.k(); ++i) {
      const auto& r = es.input[i];
      Cell c;
      if (std::isfinite(r.hr)) {
        c = {r.hr, core::format_plain(r.hr) + " [" + core::format_plain(r.hr_ci_lb) + ", " + core::format_plain(r.hr_ci_ub) + "]"};
        if (r.hr_level != 95.0) c.text += " (" + core::format_plain(r.hr_level) + "%)";
      }
      in.blocks[0].studies[i].cells.push_back(c);
    }
  }
  if (any_finite(es.input, &SI::o_minus_e)) {
    in.columns.push_back({"O\xE2\x88\x92" "E", 0, Kind::Text, "o_minus_e"});
    in.columns.push_back({"V", 0, Kind::Text, "v"});
    for (std::size_t i = 0; i < es.k(); ++i) {
      in.blocks[0].studies[i].cells.push_back(cell(es.input[i].o_minus_e, false));
      in.blocks[0].studies[i].cells.push_back(cell(es.input[i].v, false));
    }
  }
  if (in.columns.empty()) {
    in.columns.push_back({hr ? "log[HR]" : "Estimate", 0, Kind::Text, ""});
    in.columns.push_back({"SE", 0, Kind::Text, ""});
    for (std::size_t i = 0; i < es.k(); ++i) {
      const double se = std::sqrt(es.vi[i]);
      in.blocks[0].studies[i].cells.push_back({es.yi[i], core::format_fixed(es.yi[i], 4)});
      in.blocks[0].studies[i].cells.push_back({se, core::format_fixed(se, 4)});
    }
  }
}

void check_fit(const model::Fit* f, const char* which, std::size_t k) {
  if (!f) return;
  if (f->weights.size() != k)
    throw Error(std::string("present::analysis_view: the ") + which + " fit has " + std::to_string(f->weights.size()) +
                " weights but the effect table has " + std::to_string(k) + " rows");
  if (f->beta.empty() || f->ci_lb.empty() || f->ci_ub.empty())
    throw Error(std::string("present::analysis_view: the ") + which + " fit has no pooled estimate");
}

// ---------------------------------------------------------------------------------------
// Pooled rows, heterogeneity and tests.

// Ref: metafor's transf.ipft.hm: back-transform a pooled FT value with the harmonic mean n.
double harmonic_mean_n(const std::vector<StudyRow>& studies) {
  double sum = 0;
  int n = 0;
  for (const auto& s : studies)
    if (std::isfinite(s.ni) && s.ni > 0) sum += 1 / s.ni, ++n;
  return n > 0 ? n / sum : kNaN;
}

// The forest plot's line (RevMan's wording).
std::string heterogeneity_note(const model::Fit& f) {
  if (f.Q_df < 1) return "Heterogeneity: not applicable";
  std::string s = "Heterogeneity: ";
  if (f.tau2) s += "Tau\xC2\xB2 = " + core::format_tau2(*f.tau2) + "; ";
  s += "Chi\xC2\xB2 = " + core::format_fixed(f.Q, 2) + ", df = " + core::format_count(f.Q_df) + " (" +
       core::format_p_clause(f.Q_p) + ")";
  if (f.I2) s += "; I\xC2\xB2 = " + core::format_percent(*f.I2);
  return s;
}

// The report's wording, with the intervals of tau² and I².
Heterogeneity heterogeneity(const model::Fit& f) {
  Heterogeneity h;
  h.applicable = f.Q_df >= 1;
  if (f.tau2) h.tau2 = plain(*f.tau2, core::format_tau2(*f.tau2));
  if (f.tau) h.tau = plain(*f.tau, core::format_tau2(*f.tau));
  if (f.tau2_ci_null)
    h.tau2_ci = "not estimable (both Q-profile bounds below 0)";
  else if (f.tau2_ci_lb && f.tau2_ci_ub)
    h.tau2_ci = '[' + core::format_tau2(*f.tau2_ci_lb) + ", " + core::format_tau2(*f.tau2_ci_ub) + ']';
  if (f.I2) h.I2 = percent(*f.I2);
  if (f.I2_ci_lb && f.I2_ci_ub) h.I2_ci = '[' + core::format_percent(*f.I2_ci_lb) + ", " + core::format_percent(*f.I2_ci_ub) + ']';
  if (f.H2) h.H2 = plain(*f.H2, core::format_fixed(*f.H2, 2));
  h.Q = plain(f.Q, core::format_fixed(f.Q, 2));
  h.df = plain(f.Q_df, core::format_count(f.Q_df));
  h.p = plain(f.Q_p, core::format_p(f.Q_p));
  if (!h.applicable) {
    h.line = "Heterogeneity: not applicable (one study)";
    return h;
  }
  h.line = "Heterogeneity: ";
  if (f.tau2) h.line += "\u03C4\u00B2 = " + h.tau2.text + (h.tau2_ci.empty() || f.tau2_ci_null ? "" : " " + h.tau2_ci) + "; ";
  if (f.I2) h.line += "I\u00B2 = " + h.I2.text + (h.I2_ci.empty() ? "" : " " + h.I2_ci) + "; ";
  h.line += "Q = " + h.Q.text + ", df = " + h.df.text + " (" + core::format_p_clause(f.Q_p) + ")";
  return h;
}

std::string overall_test_note(const model::Fit& f, const std::string& which) {
  std::string s = "Test for overall effect";
  if (!which.empty()) s += " (" + which + ")";
  s += ": ";
  if (f.df)
    s += "t = " + core::format_fixed(std::fabs(f.zval.at(0)), 2) + ", df = " + core::format_plain(*f.df);
  else
    s += "Z = " + core::format_fixed(std::fabs(f.zval.at(0)), 2);
  return s + " (" + core::format_p_clause(f.pval.at(0)) + ")";
}

std::string statistic_text(const model::Fit& f) {
  if (f.zval.empty()) return "";
  if (f.df) return "t = " + core::format_fixed(f.zval[0], 2) + ", df = " + core::format_plain(*f.df);
  return "z = " + core::format_fixed(f.zval[0], 2);
}

/// A warning when the fit's Hartung-Knapp CI is narrower than the Wald CI of the same
/// estimate (scaling factor s2w < (z / t)^2), else "". The Wald SE is the fit's SE without
/// the factor: se / sqrt(s2w).
// Ref: Jackson, Law, Rücker, Schwarzer (2017), Stat Med 36:3923 (HK can be narrower than Wald);
// Knapp, Hartung (2003), Stat Med 22:2693 (the ad hoc floor max(1, s2w)).
std::string narrow_hartung_knapp_note(const AnalysisView& view, const model::Fit& f, double ni) {
  if (!f.df || !f.s2w || !(*f.s2w > 0) || f.se.empty() || f.ci_lb.empty() || f.ci_ub.empty()) return "";
  const double b = f.beta.at(0), half = stats::z_crit(view.level) * f.se[0] / std::sqrt(*f.s2w);
  if (!(f.ci_ub[0] - f.ci_lb[0] < 2 * half)) return "";
  const auto shown = [&](double x) { return effect_number(view, x, ni).shown; };
  return "Warning: Hartung-Knapp CI " + core::format_interval(shown(f.ci_lb[0]), shown(f.ci_ub[0]), view.decimals) +
         " narrower than the Wald CI " + core::format_interval(shown(b - half), shown(b + half), view.decimals) +
         " (Jackson et al. 2017); the ad hoc variant (adhoc) keeps it at least as wide";
}

// The report says when a Hartung-Knapp ad hoc rule changed the interval (issue 17).
std::string knha_adhoc_note(const model::Fit& f) {
  if (!f.knha_adhoc_applied) return "";
  switch (f.spec.knha_adhoc) {
    case model::KnhaAdhoc::Floor:
      return "The Hartung-Knapp scaling factor was below 1 and was set to 1 (ad hoc rule), which widened the CI";
    case model::KnhaAdhoc::IQWiG:
      return "The Hartung-Knapp CI was narrower than the DerSimonian-Laird z CI, so its scaling factor was set "
             "to 1 (IQWiG's ad hoc rule)";
    case model::KnhaAdhoc::Ci:
      return "The Hartung-Knapp CI was narrower than the z CI of the same model, so the z CI and z test are "
             "reported (ad hoc rule, Jackson et al. 2017)";
    case model::KnhaAdhoc::None: break;
  }
  return "";
}

// Diamonds, totals and notes of one block from its fits.
void summarise(const AnalysisView& view, Block& block, const std::vector<StudyRow>& studies, const model::Fit* common,
               const model::Fit* random, const std::string& single_label, bool with_prediction) {
  const double ni = harmonic_mean_n(studies);
  auto pooled = [&](const model::Fit& f, bool is_random, std::string label) {
    PooledRow p;
    p.label = std::move(label);
    p.random = is_random;
    p.effect = estimate(view, f.beta.at(0), f.ci_lb.at(0), f.ci_ub.at(0), ni);
    if (is_random && with_prediction && shows_prediction(f) && f.pi_lb && f.pi_ub) {
      Interval pi{effect_number(view, *f.pi_lb, ni), effect_number(view, *f.pi_ub, ni), ""};
      pi.text = core::format_interval(pi.lb.shown, pi.ub.shown, view.decimals);
      p.prediction = std::move(pi);
    }
    p.ni = ni;
    double w = 0;
    for (const auto& s : studies) w += (is_random ? s.weight_random : s.weight_common).value_or(Number{0, 0, ""}).value;
    p.weight = percent(w);
    p.statistic = statistic_text(f);
    if (!f.pval.empty()) p.p = plain(f.pval[0], core::format_p(f.pval[0]));
    p.k = plain(f.k, core::format_count(f.k));
    return p;
  };
  const bool both = common && random;
  if (common) block.pooled.push_back(pooled(*common, false, both ? "Common effect model" : single_label));
  if (random) block.pooled.push_back(pooled(*random, true, both ? "Random effects model" : single_label));

  for (std::size_t j = 0; j < view.columns.size(); ++j) {
    const Column& c = view.columns[j];
    double sum = 0;
    bool any = false;
    if (c.kind != Column::Kind::Text)
      for (const auto& s : studies)
        if (j < s.cells.size() && !s.cells[j].text.empty()) sum += s.cells[j].value, any = true;
    const Cell total = any ? cell(sum, true) : Cell{};
    block.total_cells.push_back(c.kind == Column::Kind::Count ? total : Cell{});
    block.event_cells.push_back(c.kind == Column::Kind::Events ? total : Cell{});
  }
  if (std::all_of(block.event_cells.begin(), block.event_cells.end(), [](const Cell& c) { return c.text.empty(); }))
    block.event_cells.clear();

  const model::Fit& primary = random ? *random : *common;
  block.heterogeneity = heterogeneity(primary);
  block.notes.push_back(heterogeneity_note(primary));
  for (const model::Fit* f : {common, random})
    if (f)
      if (std::string w = narrow_hartung_knapp_note(view, *f, ni); !w.empty()) block.notes.push_back(std::move(w));
  if (random)
    if (std::string w = knha_adhoc_note(*random); !w.empty()) block.notes.push_back(std::move(w));
  // A single-arm proportion has no null: its z test against a logit of 0 (a proportion of 0.5)
  // answers nothing a reader asked (issue 12), so it is not printed.
  if (!core::null_value(view.measure)) return;
  if (common) block.notes.push_back(overall_test_note(*common, both ? "common effect" : ""));
  if (random) block.notes.push_back(overall_test_note(*random, both ? "random effects" : ""));
}

std::vector<const StudyRow*> sorted(const Block& block, SortOrder order, bool by_random) {
  std::vector<const StudyRow*> out;
  for (const auto& s : block.studies) out.push_back(&s);
  auto weight = [&](const StudyRow* s) {
    const auto& w = by_random ? s->weight_random : s->weight_common;
    return w ? w->value : 0.0;
  };
  switch (order) {
    case SortOrder::AsGiven: break;
    case SortOrder::Effect:
      // A strict weak order needs a total one: not-estimable rows (NaN) go last, as with weight.
      std::stable_sort(out.begin(), out.end(), [](auto a, auto b) {
        const double x = a->effect.est.value, y = b->effect.est.value;
        if (std::isfinite(x) != std::isfinite(y)) return std::isfinite(x);
        return std::isfinite(x) && x < y;
      });
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

}  // namespace

std::string estimate_label(core::Measure m) {
  const core::MeasureInfo& info = core::measure_info(m);
  // A proportion is shown back-transformed whatever scale it was pooled on: the code (PLO,
  // PFT) names that scale, not the number a reader sees. Generic effects have no short name.
  const bool titled = info.family == core::InputFamily::Proportion || info.family == core::InputFamily::Generic;
  return std::string(titled ? info.title : info.code);
}

std::string ViewOptions::validate(std::size_t k) const {
  if (!flags.empty() && flags.size() != k)
    return "view options: flags has " + std::to_string(flags.size()) + " entries for " + std::to_string(k) + " studies";
  if (decimals < 0 || decimals > 6) return "view options: decimals must be in 0..6, got " + std::to_string(decimals);
  if (axis_limits && !(axis_limits->first < axis_limits->second))
    return "view options: axis limits must be increasing, got " + core::format_plain(axis_limits->first) + " and " +
           core::format_plain(axis_limits->second);
  return "";
}

void apply_labels(AnalysisView& v, const ViewOptions& o) {
  v.effect_header = std::string(core::measure_info(v.measure).title);
  v.method_header = level_text(v.level);
  v.label_experimental = o.label_experimental;
  v.label_control = o.label_control;
  v.footnotes = o.footnotes;
  if (core::null_value(v.measure)) {
    v.favours_left = o.favours_left.value_or("Favours " + o.label_experimental);
    v.favours_right = o.favours_right.value_or("Favours " + o.label_control);
  }
}

AnalysisView analysis_view(const effect::EffectTable& es, const model::Fit* common, const model::Fit* random,
                           const ViewOptions& options) {
  if (!common && !random) throw Error("present::analysis_view: no fit given (need a common-effect or random-effects fit)");
  if (const std::string problem = options.validate(es.k()); !problem.empty())
    throw Error(problem);  // the user's options (axis limits...): no internal function name
  check_fit(common, "common-effect", es.k());
  check_fit(random, "random-effects", es.k());

  AnalysisView in;
  in.measure = es.measure;
  in.level = (random ? random : common)->spec.level;
  in.decimals = options.decimals;
  apply_labels(in, options);
  in.method_header = (common && random) ? level_text(in.level)
                                        : method_name(random ? *random : *common) + ", " + level_text(in.level);
  in.show_weight_common = common != nullptr;
  in.show_weight_random = random != nullptr;
  in.sort = options.sort;
  in.symmetric_axis = options.symmetric_axis;
  in.axis_limits = options.axis_limits;

  const double crit = stats::z_crit(in.level);
  in.blocks.emplace_back();
  for (std::size_t i = 0; i < es.k(); ++i) {
    const auto& row = es.input[i];
    StudyRow s;
    s.label = row.study;
    s.subgroup = row.subgroup;
    s.year = row.year;
    s.source_row = static_cast<int>(i);
    s.ni = i < es.ni.size() ? es.ni[i] : kNaN;
    const double yi = es.included.empty() || es.included[i] ? es.yi[i] : kNaN;
    const double se = std::sqrt(es.vi[i]);
    s.estimable = std::isfinite(yi);
    // Ref: metafor forest.rma, yi -/+ z(level) * sqrt(vi)
    s.effect = s.estimable ? estimate(in, yi, yi - crit * se, yi + crit * se, s.ni) : not_estimable();
    if (common) s.weight_common = percent(common->weights[i]);
    if (random) s.weight_random = percent(random->weights[i]);
    if (!options.flags.empty()) s.flag = options.flags[i];
    in.blocks[0].studies.push_back(std::move(s));
  }
  add_columns(in, es);
  summarise(in, in.total, in.blocks[0].studies, common, random, "Total (" + level_text(in.level) + ")", true);
  const model::Fit& primary = random ? *random : *common;
  in.k = plain(primary.k, core::format_count(primary.k));
  const std::string label = estimate_label(in.measure);
  for (const auto& p : in.total.pooled)
    if (p.random == (random != nullptr)) in.headline = label + " " + p.effect.text;
  // Both models pooled: a single number would not say which model it is, so both are shown,
  // in the order the forest plot draws their diamonds.
  if (common && random) {
    const PooledRow& c = in.total.pooled.at(0);
    const PooledRow& r = in.total.pooled.at(1);
    in.headline = "Common effect: " + label + " " + c.effect.text + "; random effects: " + label + " " + r.effect.text;
  }
  return in;
}

AnalysisView analysis_view(const effect::EffectTable& es, const model::SubgroupFits& fits, const ViewOptions& options) {
  AnalysisView view = analysis_view(es, fits.common ? &*fits.common : nullptr, fits.random ? &*fits.random : nullptr, options);
  add_subgroups(view, fits.subgroups, fits.test ? &*fits.test : nullptr);
  return view;
}

void add_subgroups(AnalysisView& view, const std::vector<model::SubgroupFit>& subgroups, const model::SubgroupTest* test) {
  for (const auto& g : subgroups) {
    if (!g.common && !g.random) continue;
    add_subgroup(view, g.name, g.common ? &*g.common : nullptr, g.random ? &*g.random : nullptr);
  }
  if (test) set_subgroup_test(view, *test);
}

void add_subgroup(AnalysisView& in, const std::string& title, const model::Fit* common, const model::Fit* random) {
  if (!common && !random) throw Error("present::add_subgroup: no fit given for subgroup '" + title + "'");
  if (in.blocks.empty() || !in.blocks[0].title.empty())
    throw Error("present::add_subgroup: the view has no ungrouped studies left (subgroup '" + title + "')");
  Block block;
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
  if (block.studies.empty()) throw Error("present::add_subgroup: no study is in subgroup '" + title + "'");
  const std::size_t k = block.studies.size();
  for (const model::Fit* f : {common, random})
    if (f && f->weights.size() != k)
      throw Error("present::add_subgroup: the fit for subgroup '" + title + "' has " + std::to_string(f->weights.size()) +
                  " weights but " + std::to_string(k) + " studies are in the subgroup");
  summarise(in, block, block.studies, common, random, "Subtotal (" + level_text(in.level) + ")", false);
  in.study_header = "Study or Subgroup";
  in.blocks.push_back(std::move(block));
}

void set_subgroup_test(AnalysisView& in, const model::SubgroupTest& test) {
  constexpr std::size_t kStudiesForSubgroupTest = 10;
  SubgroupTestView t;
  t.Q = plain(test.Q, core::format_fixed(test.Q, 2));
  t.df = plain(test.df, core::format_plain(test.df));
  t.p = plain(test.p, core::format_p(test.p));
  const std::string rest = ", df = " + t.df.text + " (" + core::format_p_clause(test.p) + ")";
  // With one study per subgroup the test compares studies, not what the subgroups stand for
  // (Cochrane Handbook 10.11.2: few studies per subgroup make such comparisons unreliable).
  std::size_t groups = 0, single = 0, studies = 0;
  for (const Block& b : in.blocks)
    if (!b.title.empty()) ++groups, single += b.studies.size() == 1, studies += b.studies.size();
  std::string caveat;
  if (single == groups && groups > 0)
    caveat = "; every subgroup holds one study, so this compares studies, not subgroups";
  else if (single > 0)
    caveat = "; " + core::format_count(static_cast<double>(single)) + " of " +
             core::format_count(static_cast<double>(groups)) + (single == 1 ? " subgroups holds" : " subgroups hold") +
             " a single study, so the test partly compares single studies";
  // Cochrane Handbook 10.11.5.1: useful findings are unlikely with fewer than about ten studies
  // per characteristic investigated.
  else if (studies < kStudiesForSubgroupTest)
    caveat = "; " + core::format_count(static_cast<double>(studies)) +
             " studies in all: too few for a reliable comparison of subgroups (Cochrane Handbook 10.11.5.1)";
  t.note = "Test for subgroup differences: Chi\xC2\xB2 = " + t.Q.text + rest + caveat;
  t.text = "Test for subgroup differences: Q = " + t.Q.text + rest + caveat;
  in.total.notes.push_back(t.note);
  in.subgroup_test = std::move(t);
}

std::vector<const StudyRow*> drawn_order(const AnalysisView& in, const Block& block) {
  return sorted(block, in.sort, in.show_weight_random || !in.show_weight_common);
}

}  // namespace metareview::present
