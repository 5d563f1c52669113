#include "report/figures.h"

#include <cmath>
#include <map>
#include <regex>

#include "core/error.h"
#include "core/format.h"
#include "methods/leave_one_out.h"
#include "present/refit_view.h"
#include "present/review_view.h"
#include "render/cairo_writer.h"
#include "render/forest_layout.h"
#include "render/funnel_layout.h"
#include "render/bubble_layout.h"
#include "render/gosh_layout.h"
#include "render/influence_layout.h"
#include "render/prisma_layout.h"
#include "render/refit_forest_layout.h"
#include "render/rob_layout.h"

namespace metareview::report {
namespace {

// metafor's funnel() centres on the fitted model's estimate: the analysis' primary model.
const model::Fit* primary_fit(const review::AnalysisResult& a) {
  return a.random ? &*a.random : a.common ? &*a.common : nullptr;
}

// ---------------------------------------------------------------------------------------
// The forest plot.

// A forest plot of one study (or of studies not pooled) still shows their effects, as
// RevMan draws a comparison with a single study.
bool has_forest(const review::AnalysisResult&, const present::AnalysisView& view) {
  return view.pooled || view.k.value > 0;  // unpooled: k counts the studies with an effect
}

render::Scene forest(const review::AnalysisResult& a, const review::ReviewResult& r, const present::AnalysisView& view,
                     const render::TextMeasurer& m) {
  return render::forest_layout(view, m, forest_options(a, r));
}

std::string forest_caption(const CaptionFacts& c) {
  if (!c.pooled)
    return "Forest plot: " + c.what + ". Study results (" + c.measure_plural + " with " + c.level +
           "% confidence intervals); nothing is pooled.";
  return "Forest plot: " + c.what + ". " + c.model + " meta-analysis of " + c.measure_plural + " with " + c.level +
         "% confidence intervals.";
}

// ---------------------------------------------------------------------------------------
// The funnel plot.

// Ref: Cochrane Handbook (version 6.4) 13.3.5.4: tests for funnel plot asymmetry, and the
// plot itself, tell asymmetry from chance only with 10 studies or more. Below that a report
// draws one only when the review asks (funnel="always"), and never from fewer than 3.
core::FunnelRule funnel_rule(const review::AnalysisResult& a) {
  return a.analysis ? a.analysis->funnel : core::FunnelRule::Auto;
}

bool has_funnel(const review::AnalysisResult& a, const present::AnalysisView&) {
  const model::Fit* f = primary_fit(a);
  if (!f || f->k < 3) return false;
  switch (funnel_rule(a)) {
    case core::FunnelRule::Always: return true;
    case core::FunnelRule::Never: return false;
    case core::FunnelRule::Auto: break;
  }
  return f->k >= core::kFunnelMinStudies;
}

render::Scene funnel(const review::AnalysisResult& a, const review::ReviewResult&, const present::AnalysisView&,
                     const render::TextMeasurer& m) {
  const render::Theme t = a.analysis ? render::figure_theme(a.analysis->forest) : render::Theme{};
  render::FunnelInput in = render::funnel_input(a.es, *primary_fit(a));
  in.regression = funnel_regression(a);
  return render::funnel_layout(in, m, t);
}

std::string funnel_caption(const CaptionFacts& c) {
  return "Funnel plot: " + c.what + ". Standard errors against " + c.measure_plural +
         ", centred on the pooled estimate, with " + c.level + "% pseudo confidence limits" +
         (c.regression_line ? " and the line of Egger's regression test (the model refitted with the standard error "
                              "as moderator)."
                            : ".");
}

// ---------------------------------------------------------------------------------------
// The risk-of-bias figures: each row with its outcome's assessment (review::RowInfo) and
// its weight in the primary model.

std::vector<render::RobRow> rob_rows(const review::AnalysisResult& a) {
  const model::Fit* f = primary_fit(a);
  std::vector<render::RobRow> rows;
  for (std::size_t i = 0; i < a.rows.size(); ++i) {
    const review::RowInfo& r = a.rows[i];
    std::string label = r.label;
    // The year tells two publications of one trial apart, unless the label gives it already.
    const std::string year = r.year ? std::to_string(*r.year) : "";
    if (!year.empty() && label.find(year) == std::string::npos) {
      label += ' ';
      label += year;
    }
    rows.push_back({label, r.risk_of_bias, f && i < f->weights.size() ? f->weights[i] : 0.0});
  }
  return rows;
}

bool has_rob(const review::AnalysisResult& a, const present::AnalysisView&) {
  return render::any_applicable(rob_rows(a));
}

render::Scene rob_traffic_light(const review::AnalysisResult& a, const review::ReviewResult&,
                                const present::AnalysisView&, const render::TextMeasurer& m) {
  return render::rob_traffic_light_layout(rob_rows(a), m);
}

std::string rob_traffic_light_caption(const CaptionFacts& c) {
  if (c.rob1)
    return "Risk of bias: " + c.what +
           ". Judgments per domain for each study's result in this analysis, and overall where the study file gives "
           "one, with the tool each study file names (RoB 1: the judgments recorded in the RevMan 5 file it was "
           "imported from; a domain it leaves out shows as no information).";
  return "Risk of bias: " + c.what +
         ". Judgments per domain and overall for each study's result in this analysis (RoB 2 for randomised "
         "trials, ROBINS-I for non-randomised studies): desk assessments from the sources in the study files.";
}

// The summary weighs each study by its weight in the pooled model, so it needs one.
bool has_rob_summary(const review::AnalysisResult& a, const present::AnalysisView& view) {
  return primary_fit(a) && has_rob(a, view);
}

render::Scene rob_summary(const review::AnalysisResult& a, const review::ReviewResult&, const present::AnalysisView&,
                          const render::TextMeasurer& m) {
  return render::rob_summary_layout(rob_rows(a), m);
}

std::string rob_summary_caption(const CaptionFacts& c) {
  return "Risk-of-bias summary: " + c.what +
         ". Share of the studies' weight at each judgment, per domain. Weights are the studies' weights in the pooled "
         "model (random effects when fitted, else common effect), rescaled to 100% over the studies each tool assessed.";
}

// ---------------------------------------------------------------------------------------
// The sensitivity forest: the primary analysis and each sensitivity analysis, one row each.

bool has_sensitivity_forest(const review::AnalysisResult& a, const present::AnalysisView&) {
  return !a.sensitivity_analyses.empty();
}

render::Scene sensitivity_forest(const review::AnalysisResult& a, const review::ReviewResult& r,
                                 const present::AnalysisView&, const render::TextMeasurer& m) {
  return render::forest_layout(present::sensitivity_view(a, r), m);
}

std::string sensitivity_forest_caption(const CaptionFacts& c) {
  return "Sensitivity analyses: " + c.what + ". The primary analysis, then each sensitivity analysis: its number of " +
         "studies (k) and the estimate its headline reports (random effects when fitted), with " + c.level +
         "% confidence intervals.";
}

// ---------------------------------------------------------------------------------------
// The outputs an analysis asks for (influence, cumulative, gosh attributes): each refits the
// headline model, as the commands of the same names do.

bool has_influence(const review::AnalysisResult& a, const present::AnalysisView&) {
  return a.influence && primary_fit(a);
}

render::Scene influence_panel(const review::AnalysisResult& a, const review::ReviewResult&,
                              const present::AnalysisView&, const render::TextMeasurer& m) {
  return render::influence_layout(render::influence_input(*a.influence, *primary_fit(a)), m);
}

std::string influence_caption(const CaptionFacts& c) {
  return "Influence diagnostics: " + c.what + ". For each study, as metafor's plot(influence()): externally "
         "standardised residual, DFFITS, Cook's distance, covariance ratio, \u03C4\u00B2 and Q without the study, hat "
         "value and weight; studies metafor's rule flags as influential are filled red.";
}

bool has_cumulative(const review::AnalysisResult& a, const present::AnalysisView&) {
  return a.cumulative && primary_fit(a);
}

render::Scene cumulative_forest(const review::AnalysisResult& a, const review::ReviewResult&,
                                const present::AnalysisView& view, const render::TextMeasurer& m) {
  const methods::Cumulative& c = *a.cumulative;
  present::AnalysisView v = render::refit_view(a.es, *primary_fit(a), methods::refit_table("cumulative", c.spec, c.rows),
                                               render::RefitKind::Cumulative);
  // The analysis' own arm and favours labels, as its forest plot has them.
  v.label_experimental = view.label_experimental, v.label_control = view.label_control;
  v.favours_left = view.favours_left, v.favours_right = view.favours_right;
  return render::forest_layout(v, m);
}

std::string cumulative_caption(const CaptionFacts& c) {
  const std::string order = c.cumulative_order == "year"        ? "by year of publication, oldest first"
                            : c.cumulative_order == "precision" ? "by precision, the most precise first"
                                                                : "in the order the review lists them";
  return "Cumulative meta-analysis: " + c.what + ". The pooled estimate with its " + c.level +
         "% confidence interval as the studies are added " + order + "; the last row is the full analysis.";
}

bool has_gosh(const review::AnalysisResult& a, const present::AnalysisView&) { return a.gosh.has_value(); }

render::Scene gosh_plot(const review::AnalysisResult& a, const review::ReviewResult&, const present::AnalysisView&,
                        const render::TextMeasurer& m) {
  return render::gosh_layout(render::gosh_input(*a.gosh, a.es.measure), m);
}

std::string gosh_caption(const CaptionFacts& c) {
  return "GOSH plot: " + c.what + ". I\u00B2 against the pooled estimate of the model fitted to each of the " +
         c.gosh_fits + " non-empty subsets of the studies, with the distribution of each (Olkin et al. 2012).";
}

// <meta-regression> on one numeric moderator (metafor's regplot()); a factor or several
// moderators have no single line to draw.
bool has_bubble(const review::AnalysisResult& a, const present::AnalysisView&) {
  if (!a.meta_regression || !a.meta_regression->fit) return false;
  const model::Design& d = a.meta_regression->design;
  return d.names.size() == 2 && d.is_factor.size() == 1 && !d.is_factor[0];
}

render::Scene bubble_plot(const review::AnalysisResult& a, const review::ReviewResult&, const present::AnalysisView&,
                          const render::TextMeasurer& m) {
  const review::MetaRegressionResult& r = *a.meta_regression;
  return render::bubble_layout(render::bubble_input(*r.fit, r.design, r.design.names[1]), m);
}

std::string bubble_caption(const CaptionFacts& c) {
  return "Meta-regression bubble plot: " + c.what + ". Each study's estimate against the moderator, the area of "
         "its point in proportion to its weight in the model, with the fitted line and its " + c.level +
         "% confidence band (dashed: the prediction interval of a random-effects model), as metafor's regplot().";
}

Figure make_figure(const FigureKind& kind, const std::string& stem, render::Scene scene) {
  Figure f{std::string(kind.name), stem + std::string(kind.stem_suffix), std::move(scene), ""};
  f.svg = render::render_bytes(f.scene, render::Format::Svg);
  return f;
}

}  // namespace

const std::vector<FigureKind>& figure_kinds() {
  static const std::vector<FigureKind> kinds{
      {"forest", "-forest", has_forest, forest, forest_caption},
      {"funnel", "-funnel", has_funnel, funnel, funnel_caption, 1.0},
      {kSensitivityForest, "-sensitivity-forest", has_sensitivity_forest, sensitivity_forest,
       sensitivity_forest_caption, 1.0},
      {"influence", "-influence", has_influence, influence_panel, influence_caption, 1.0},
      {"cumulative", "-cumulative", has_cumulative, cumulative_forest, cumulative_caption, 1.0},
      {"gosh", "-gosh", has_gosh, gosh_plot, gosh_caption, 1.0},
      {"bubble", "-bubble", has_bubble, bubble_plot, bubble_caption, 1.0},
      {"rob", "-rob", has_rob, rob_traffic_light, rob_traffic_light_caption, 1.0},
      {"rob_summary", "-rob-summary", has_rob_summary, rob_summary, rob_summary_caption, 1.0},
  };
  return kinds;
}

const Figure* AnalysisFigures::find(std::string_view name) const {
  for (const auto& f : figures)
    if (f.name == name) return &f;
  return nullptr;
}

AnalysisFigures analysis_figures(const review::AnalysisResult& a, const review::ReviewResult& r,
                                 const render::TextMeasurer& measure, const std::string& stem) {
  AnalysisFigures f;
  f.view = present::analysis_view(a, r);
  for (const FigureKind& kind : figure_kinds())
    if (kind.applies(a, f.view)) f.figures.push_back(make_figure(kind, stem, kind.layout(a, r, f.view, measure)));
  return f;
}

namespace {

void planned_files(const AnalysisFigures& f, const std::string& writer, std::map<std::string, std::string>& seen) {
  for (const Figure& fig : f.figures)
    for (const char* ext : kFigureExtensions) {
      const std::string name = fig.stem + ext;
      const auto [it, added] = seen.emplace(name, writer);
      if (!added)
        throw Error(it->second + " and " + writer + " would both write " + name +
                    ": rename one of the analyses");
    }
}

}  // namespace

namespace {

const core::Study* find_study(const review::ReviewResult& r, const std::string& id) {
  for (const core::Study* s : r.included)
    if (s && s->id == id) return s;
  return nullptr;
}

double arm_size(const core::Study& s, const core::Outcome& o, const std::string& arm) {
  if (arm.empty()) return NAN;
  if (const core::ArmData* d = o.arm_data(arm)) {
    if (d->n) return d->n->value;
    if (d->total) return d->total->value;
  }
  // A subgroup's result has fewer patients than were randomised: no arm size then.
  if (const core::Arm* x = s.arm(arm); x && x->randomised && o.subgroup.empty()) return x->randomised->value;
  return NAN;
}

// The participants behind a row: the sizes pooled (2x2 tables, arm ns, single arms), else
// the subgroup's or the arms' sizes as the study file prints them; "" when it has none.
std::string participants(const review::AnalysisResult& a, const review::ReviewResult& r, std::size_t i) {
  double n = NAN;
  if (i < a.es.input.size()) {
    const effect::StudyInput& in = a.es.input[i];
    n = std::isfinite(in.n1i) && std::isfinite(in.n2i) ? in.n1i + in.n2i : in.ni;
  }
  const core::Study* s = find_study(r, a.rows[i].study);
  const core::Outcome* o = s ? s->outcome(a.rows[i].outcome) : nullptr;
  if (!std::isfinite(n) && o && o->subgroup_n) n = o->subgroup_n->value;
  if (!std::isfinite(n) && o) {
    n = o->arm.empty() ? arm_size(*s, *o, o->experimental) + arm_size(*s, *o, o->control) : arm_size(*s, *o, o->arm);
  }
  return std::isfinite(n) ? core::format_count(n) : "";
}

}  // namespace

render::ForestOptions forest_options(const review::AnalysisResult& a, const review::ReviewResult& r) {
  render::ForestOptions o;
  if (!a.analysis) return o;
  o.figure = a.analysis->forest;
  for (const core::FigureColumn c : o.figure.columns) {
    if (c == core::FigureColumn::RiskOfBias) {
      for (const review::RowInfo& row : a.rows) o.risk_of_bias.push_back(row.risk_of_bias);
      continue;
    }
    render::ExtraColumn col;
    col.numeric = c == core::FigureColumn::N;
    col.header = col.numeric ? "N" : "Follow-up";
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
      const core::Study* s = find_study(r, a.rows[i].study);
      col.cells.push_back(col.numeric ? participants(a, r, i) : s ? s->follow_up : "");
    }
    o.columns.push_back(std::move(col));
  }
  return o;
}

std::string funnel_note(const review::AnalysisResult& a) {
  const model::Fit* f = primary_fit(a);
  if (!f || f->k < 2) return "";
  const std::string k = core::format_count(f->k);
  switch (funnel_rule(a)) {
    case core::FunnelRule::Never: return "No funnel plot: the review asks for none (funnel=\"never\").";
    case core::FunnelRule::Always:
      return f->k < 3 ? "No funnel plot: " + k + " studies are too few to draw one." : "";
    case core::FunnelRule::Auto: break;
  }
  if (f->k >= core::kFunnelMinStudies) return "";
  return "No funnel plot: with " + k + " studies, fewer than 10, a funnel plot cannot tell asymmetry from chance "
         "(Cochrane Handbook 13.3.5.4). The review may ask for one with funnel=\"always\".";
}

std::optional<render::FunnelLine> funnel_regression(const review::AnalysisResult& a) {
  if (!a.small_study) return std::nullopt;
  for (const review::SmallStudyTestResult& t : a.small_study->tests)
    if (t.test == review::SmallStudyTest::Egger && t.intercept && t.slope) return render::FunnelLine{*t.intercept, *t.slope};
  return std::nullopt;
}

const Figure* ReviewFigures::find(std::string_view name) const {
  for (const auto& f : figures)
    if (f.name == name) return &f;
  return nullptr;
}

ReviewFigures review_figures(const review::Review& r, const render::TextMeasurer& measure) {
  ReviewFigures out;
  if (r.prisma) {
    Figure f{"prisma", "prisma", render::prisma_layout(*r.prisma, measure), ""};
    f.svg = render::render_bytes(f.scene, render::Format::Svg);
    out.figures.push_back(std::move(f));
  }
  return out;
}

std::string prisma_caption(const review::Prisma& p) {
  std::string branches = p.databases && p.other ? "databases, registers and other sources"
                         : p.databases          ? "databases and registers only"
                                                : "other methods only (no database or register was searched)";
  return "PRISMA 2020 flow diagram [@page2021]: identification of studies via " + branches + ".";
}

void check_figure_names(const std::vector<AnalysisFigures>& figures, const std::vector<std::string>& ids) {
  std::map<std::string, std::string> seen;  // file name -> who writes it
  for (std::size_t i = 0; i < figures.size() && i < ids.size(); ++i) planned_files(figures[i], "analysis '" + ids[i] + "'", seen);
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
