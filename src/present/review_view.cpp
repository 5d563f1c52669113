#include "present/review_view.h"

#include <cmath>
#include <cstdlib>
#include <string_view>
#include <tuple>

#include "core/format.h"
#include "effect/transform.h"
#include "stats/distributions.h"

namespace metareview::present {
namespace {

const core::Study* included_study(const review::ReviewResult& r, const std::string& id) {
  for (const core::Study* s : r.included)
    if (s->id == id) return s;
  return nullptr;
}

/// The label of the arm `which` (experimental or control) that every row's outcome shares,
/// or "" when they differ or one is unknown.
std::string shared_arm_label(const review::AnalysisResult& a, const review::ReviewResult& r, bool experimental) {
  std::string label;
  for (const auto& row : a.rows) {
    const core::Study* s = included_study(r, row.study);
    const core::Outcome* o = s ? s->outcome(row.outcome) : nullptr;
    const core::Arm* arm = o ? s->arm(experimental ? o->experimental : o->control) : nullptr;
    if (!arm || arm->label.empty() || (!label.empty() && arm->label != label)) return "";
    label = arm->label;
  }
  return label;
}

std::string footnote(review::ImplausiblePolicy p) {
  const std::string flag = "\u2020 Implausible by the evidence check (a printed number that a study of this size "
                           "cannot produce); ";
  switch (p) {
    case review::ImplausiblePolicy::Include: return flag + "pooled as reported.";
    case review::ImplausiblePolicy::Exclude: return flag + "not pooled.";
    case review::ImplausiblePolicy::FloorSe: return flag + "not pooled as reported; see the sensitivity analysis.";
  }
  return flag;
}

/// Rows of an analysis that pooled nothing: each study's own effect, as far as it has one.
AnalysisView unpooled_view(const review::AnalysisResult& a, const ViewOptions& o) {
  AnalysisView v;
  v.measure = a.es.measure;
  v.level = a.analysis->settings.model.level;
  v.pooled = false;
  // The headers, labels and footnotes a pooled view has, so one study still reads as a forest.
  apply_labels(v, o);
  // Ref: metafor forest.rma, yi -/+ z(level) * sqrt(vi).
  const double crit = stats::z_crit(v.level);
  auto number = [&](double x, double ni) {
    const double shown = effect::back_transform_one(v.measure, x, ni);
    return Number{x, shown, core::format_fixed(shown, v.decimals)};
  };
  std::size_t usable = 0;
  Block block;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const review::RowInfo& row = a.rows[i];
    StudyRow s;
    s.label = row.label;
    s.flag = row.flag;
    s.subgroup = row.subgroup;
    s.year = row.year;
    s.source_row = static_cast<int>(i);
    s.ni = a.es.ni[i];
    const double yi = a.es.yi[i], se = std::sqrt(a.es.vi[i]);
    s.estimable = a.es.included[i] && std::isfinite(yi) && std::isfinite(se);
    usable += s.estimable;
    if (s.estimable) {
      s.effect = {number(yi, s.ni), number(yi - crit * se, s.ni), number(yi + crit * se, s.ni), ""};
      s.effect.text = core::format_ci(s.effect.est.shown, s.effect.lb.shown, s.effect.ub.shown, v.decimals);
    } else {
      s.effect.text = "Not estimable";
    }
    block.studies.push_back(std::move(s));
  }
  // One study is its own result: the headline shows it, marked as one study.
  if (usable == 1)
    for (const StudyRow& s : block.studies)
      if (s.estimable) v.headline = estimate_label(v.measure) + " " + s.effect.text + " (one study)";
  v.blocks.push_back(std::move(block));
  v.k = {static_cast<double>(usable), static_cast<double>(usable), core::format_count(static_cast<double>(usable))};
  return v;
}

/// The text a study file printed for escalc argument `name` of `row` ("0.90"), or "" when
/// the row has none or the printed text is not exactly `value` (a number converted on the way).
std::string printed(const review::RowInfo& row, std::string_view name, double value) {
  for (const auto& p : row.pooled)
    if (p.name == name) {
      char* end = nullptr;
      const double x = std::strtod(p.printed.c_str(), &end);
      return end == p.printed.c_str() + p.printed.size() && x == value ? p.printed : "";
    }
  return "";
}

/// Cells as the studies printed them: "0.90" stays 0.90 (the view formats the double, 0.9).
void keep_printed(AnalysisView& v, const review::AnalysisResult& a) {
  for (Block& b : v.blocks)
    for (StudyRow& s : b.studies) {
      if (s.source_row < 0 || static_cast<std::size_t>(s.source_row) >= a.rows.size()) continue;
      const review::RowInfo& row = a.rows[static_cast<std::size_t>(s.source_row)];
      for (std::size_t j = 0; j < v.columns.size() && j < s.cells.size(); ++j) {
        Cell& c = s.cells[j];
        const std::string& field = v.columns[j].field;
        if (field.empty() || c.text.empty()) continue;
        const std::string text = printed(row, field, c.value);
        if (text.empty()) continue;
        if (field != "hr") {
          c.text = text;
          continue;
        }
        // "hr [lb, ub]" and an optional " (99%)": the bounds as printed too.
        std::string lb, ub;
        for (const auto& p : row.pooled) {
          if (p.name == "hr_ci_lb") lb = p.printed;
          if (p.name == "hr_ci_ub") ub = p.printed;
        }
        const std::size_t close = c.text.find(']');
        if (!lb.empty() && !ub.empty() && close != std::string::npos)
          c.text = text + " [" + lb + ", " + ub + "]" + c.text.substr(close + 1);
      }
    }
}

}  // namespace

std::pair<std::string, std::string> arm_labels(const review::AnalysisResult& a, const review::ReviewResult& r) {
  const review::Analysis& an = *a.analysis;
  std::string e = an.label_experimental.empty() ? shared_arm_label(a, r, true) : an.label_experimental;
  std::string c = an.label_control.empty() ? shared_arm_label(a, r, false) : an.label_control;
  return {e.empty() ? "Experimental" : e, c.empty() ? "Control" : c};
}

AnalysisView analysis_view(const review::AnalysisResult& a, const review::ReviewResult& r) {
  const review::Analysis& an = *a.analysis;
  ViewOptions o;
  o.sort = review::parse_sort_order(an.sort).value_or(SortOrder::AsGiven);
  std::tie(o.label_experimental, o.label_control) = arm_labels(a, r);
  if (!an.favours_left.empty()) o.favours_left = an.favours_left;
  if (!an.favours_right.empty()) o.favours_right = an.favours_right;
  bool flagged = false, in_doubt = false;
  for (const auto& row : a.rows) {
    o.flags.push_back(row.flag);
    flagged = flagged || row.flag == "\u2020";
    in_doubt = in_doubt || row.flag == "\u2021";
  }
  if (flagged)
    o.footnotes.push_back(a.sensitivity_label.empty()
                              ? footnote(an.implausible)
                              : "\u2020 Implausible by the evidence check; here with its standard error raised (see the row's note).");
  if (in_doubt)
    o.footnotes.push_back("\u2021 The publication's other results fail the evidence checks; this result passed them "
                          "and is used as reported.");
  AnalysisView view = a.common || a.random
                          ? analysis_view(a.es, a.common ? &*a.common : nullptr, a.random ? &*a.random : nullptr, o)
                          : unpooled_view(a, o);
  if (a.common || a.random) add_subgroups(view, a.subgroups, a.subgroup_test ? &*a.subgroup_test : nullptr);
  keep_printed(view, a);
  return view;
}

}  // namespace metareview::present
