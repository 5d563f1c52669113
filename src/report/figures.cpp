#include "report/figures.h"

#include <regex>

#include "core/format.h"
#include "render/cairo_writer.h"
#include "render/funnel_layout.h"

namespace metareview::report {
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
  const std::string flag = "\u2020 Implausible by the evidence check (the printed interval is narrower than a study "
                           "of this size allows); ";
  switch (p) {
    case review::ImplausiblePolicy::Include: return flag + "pooled as reported.";
    case review::ImplausiblePolicy::Exclude: return flag + "not pooled.";
    case review::ImplausiblePolicy::FloorSe: return flag + "pooled as reported; see the sensitivity analysis.";
  }
  return flag;
}

Figure make_figure(std::string stem, render::Scene scene) {
  Figure f{std::move(stem), std::move(scene), ""};
  f.svg = render::render_bytes(f.scene, render::Format::Svg);
  return f;
}

}  // namespace

std::pair<std::string, std::string> arm_labels(const review::AnalysisResult& a, const review::ReviewResult& r) {
  const review::Analysis& an = *a.analysis;
  std::string e = an.label_experimental.empty() ? shared_arm_label(a, r, true) : an.label_experimental;
  std::string c = an.label_control.empty() ? shared_arm_label(a, r, false) : an.label_control;
  return {e.empty() ? "Experimental" : e, c.empty() ? "Control" : c};
}

std::optional<render::ForestInput> forest_input(const review::AnalysisResult& a, const review::ReviewResult& r) {
  if (!a.common && !a.random) return std::nullopt;
  const review::Analysis& an = *a.analysis;
  render::ForestOptions o;
  o.sort = render::parse_sort_order(an.sort).value_or(render::SortOrder::AsGiven);
  std::tie(o.label_experimental, o.label_control) = arm_labels(a, r);
  if (!an.favours_left.empty()) o.favours_left = an.favours_left;
  if (!an.favours_right.empty()) o.favours_right = an.favours_right;
  bool flagged = false;
  for (const auto& row : a.rows) {
    o.flags.push_back(row.flag);
    flagged = flagged || !row.flag.empty();
  }
  if (flagged) o.footnotes.push_back(footnote(an.implausible));
  const model::Fit* common = a.common ? &*a.common : nullptr;
  const model::Fit* random = a.random ? &*a.random : nullptr;
  render::ForestInput in = render::forest_input(a.es, common, random, o);
  for (const auto& g : a.subgroups) {
    if (!g.common && !g.random) continue;  // no usable study: its rows stay ungrouped
    render::add_subgroup(in, g.name, g.common ? &*g.common : nullptr, g.random ? &*g.random : nullptr);
  }
  if (a.subgroup_test) render::set_subgroup_test(in, *a.subgroup_test);
  return in;
}

AnalysisFigures analysis_figures(const review::AnalysisResult& a, const review::ReviewResult& r,
                                 const render::TextMeasurer& measure, const std::string& stem) {
  AnalysisFigures f;
  f.forest_input = forest_input(a, r);
  if (f.forest_input) f.forest = make_figure(stem + "-forest", render::forest_layout(*f.forest_input, measure));
  // metafor's funnel() centres on the fitted model's estimate: the analysis' primary model.
  const model::Fit* primary = a.random ? &*a.random : a.common ? &*a.common : nullptr;
  if (primary && primary->k >= 3)
    f.funnel = make_figure(stem + "-funnel", render::funnel_layout(render::funnel_input(a.es, *primary), measure));
  for (std::size_t i = 0; i < a.sensitivity.size(); ++i)
    f.sensitivity.push_back(
        analysis_figures(a.sensitivity[i], r, measure, stem + "-sensitivity-" + core::format_count(static_cast<double>(i + 1))));
  return f;
}

std::string inline_svg(const std::string& svg, const std::string& prefix) {
  std::string body = svg;
  if (body.compare(0, 5, "<?xml") == 0) {
    const std::size_t end = body.find("?>");
    body.erase(0, end == std::string::npos ? 0 : body.find_first_not_of("\r\n", end + 2));
  }
  static const std::regex ref(R"((\bid="|href="#|url\(#)([^")]+))");
  return std::regex_replace(body, ref, "$1" + prefix + "-$2");
}

}  // namespace metareview::report
