#include "report/context.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <set>
#include <tuple>

#include "core/format.h"
#include "core/measure_info.h"
#include "core/text.h"
#include "core/version.h"
#include "effect/transform.h"
#include "methods/method_columns.h"
#include "model/prediction.h"
#include "present/review_view.h"
#include "review/certainty.h"
#include "present/small_study_view.h"

namespace metareview::report {
namespace {

namespace fs = std::filesystem;
using core::Measure;

// ---------------------------------------------------------------------------------------
// Names of measures, estimators and settings, as the methods section of a paper says them.

std::string estimator_name(model::Method m) {
  switch (m) {
    case model::Method::FE: return "common-effect inverse-variance";
    case model::Method::MH: return "Mantel-Haenszel";
    case model::Method::PETO: return "Peto";
    case model::Method::DL: return "DerSimonian-Laird";
    case model::Method::REML: return "restricted maximum likelihood";
    case model::Method::ML: return "maximum likelihood";
    case model::Method::PM: return "Paule-Mandel";
    case model::Method::HE: return "Hedges";
    case model::Method::HS: return "Hunter-Schmidt";
    case model::Method::SJ: return "Sidik-Jonkman";
    case model::Method::EB: return "empirical Bayes";
  }
  return "";
}

/// The estimator's reference (a key of method_references()), as the methods template cites it.
std::string estimator_cite(model::Method m) {
  switch (m) {
    case model::Method::FE: return "";
    case model::Method::MH: return " [@mantel1959]";
    case model::Method::PETO: return " [@yusuf1985]";
    case model::Method::DL: return " [@dersimonian1986]";
    case model::Method::REML: return " [@viechtbauer2005]";
    case model::Method::ML: return " [@hardy1996]";
    case model::Method::PM: return " [@paule1982]";
    case model::Method::HE: return " [@hedges1985]";
    case model::Method::HS: return " [@hunter1990]";
    case model::Method::SJ: return " [@sidik2005]";
    case model::Method::EB: return " [@morris1983]";
  }
  return "";
}

std::string model_name(review::ModelChoice m) {
  switch (m) {
    case review::ModelChoice::Random: return "Random effects";
    case review::ModelChoice::Common: return "Common effect";
    case review::ModelChoice::Both: return "Common and random effects";
  }
  return "";
}

std::string count(std::size_t n) { return core::format_count(static_cast<double>(n)); }
std::string count(int n) { return core::format_count(n); }

std::string level_text(double level) { return core::format_plain(level); }

// ---------------------------------------------------------------------------------------
// Findings.

std::string location(const core::SourceLocation& where, const std::string& base) {
  if (where.file.empty()) return "";
  std::string s = display_path(where.file, base);
  if (where.line > 0) s += ':' + count(where.line);
  if (where.line > 0 && where.col > 0) s += ':' + count(where.col);
  return s;
}

std::string study_label(const review::ReviewResult& r, const std::string& id) {
  for (const core::Study* s : r.included)
    if (s->id == id) return s->short_label();
  return id;
}

FindingText finding_text(const check::Finding& f, const review::ReviewResult& r, const std::string& base) {
  FindingText t;
  t.study = f.study;
  t.study_label = study_label(r, f.study);
  t.outcome = f.outcome;
  t.item = f.item;
  t.check = f.check;
  t.severity = std::string(check::to_string(f.severity));
  t.message = f.message;
  t.reported = f.reported_text;
  t.recomputed = f.recomputed_text;
  t.location = location(f.where, base);
  return t;
}

/// The row's note when it says more than its findings do (the review's note on a flagged row
/// repeats the findings' messages).
std::string row_note(const review::RowInfo& row, const std::vector<FindingText>& findings) {
  if (row.excluded_by_policy) return "not pooled: excluded by the review's policy for implausible studies";
  for (const auto& f : findings)
    if (!f.message.empty() && row.note.find(f.message) != std::string::npos) return "";
  return row.note;
}

std::vector<FindingText> row_findings(const review::AnalysisResult& a, const review::RowInfo& row,
                                      const review::ReviewResult& r, const std::string& base) {
  std::vector<FindingText> out;
  for (const auto& f : a.findings)
    if (f.severity != check::Severity::Ok && f.study == row.study && f.outcome == row.outcome)
      out.push_back(finding_text(f, r, base));
  return out;
}

// ---------------------------------------------------------------------------------------
// Pooled results, heterogeneity and rows: the view's texts (present/ words every statistic).

HeterogeneityText heterogeneity_text(const present::Heterogeneity& x) {
  HeterogeneityText h;
  h.applicable = x.applicable;
  h.tau2 = x.tau2.text;
  h.tau2_ci = x.tau2_ci;
  h.tau = x.tau.text;
  h.I2 = x.I2.text;
  h.I2_ci = x.I2_ci;
  h.H2 = x.H2.text;
  h.Q = x.Q.text;
  h.df = x.df.text;
  h.p = x.p.text;
  h.line = x.line;
  return h;
}

std::vector<std::string> texts_of(const std::vector<present::Cell>& cells) {
  std::vector<std::string> out;
  for (const auto& c : cells) out.push_back(c.text);
  return out;
}

/// The pooled rows of a block; the first carries the block's arm totals.
std::vector<PooledText> pooled_texts(const present::Block& b) {
  std::vector<PooledText> out;
  for (const present::PooledRow& p : b.pooled) {
    PooledText t;
    t.label = p.label;
    t.model = p.random ? "random" : "common";
    t.est = p.effect.est.text;
    t.ci_lb = p.effect.lb.text;
    t.ci_ub = p.effect.ub.text;
    t.estimate = p.effect.text;
    t.statistic = p.statistic;
    t.p = p.p.text;
    if (p.prediction) t.prediction = p.prediction->text;
    if (p.weight) t.weight = p.weight->text;
    t.k = p.k.text;
    t.totals = out.empty() ? texts_of(b.total_cells) : std::vector<std::string>(b.total_cells.size());
    out.push_back(std::move(t));
  }
  return out;
}

// A weight of 0 (a study the model left out) shows as an empty cell in tables.
std::string weight_text(const std::optional<present::Number>& w) { return w && w->value > 0 ? w->text : ""; }

// The row's pooled numbers grouped by where they were read, in escalc order.
std::string provenance_text(const review::RowInfo& row) {
  std::vector<std::pair<std::string, std::string>> groups;  // (where, numbers)
  for (const review::PooledNumber& n : row.pooled) {
    std::string where = std::string(core::to_string(n.prov.status)) + (n.prov.status == core::Status::Verified ? " in '" : " from '") +
                        n.prov.source + "' (" + std::string(core::to_string(n.source_type)) + " source)";
    if (!n.prov.at.empty()) where += ", " + n.prov.at;
    const std::string number = n.name + ' ' + n.printed;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == where; });
    if (it == groups.end())
      groups.emplace_back(where, number);
    else
      it->second += ", " + number;
  }
  std::string out;
  for (const auto& [where, numbers] : groups) out += (out.empty() ? "" : "; ") + numbers + ": " + where;
  return out;
}

std::string provenance_tag(const review::RowInfo& row) {
  const auto status = review::pooled_status(row);
  if (!status || *status == core::Status::Verified) return "";
  std::string tag(core::to_string(*status));
  if (*status != core::Status::Secondary && review::pooled_from_secondary(row)) tag += ", secondary source";
  return tag;
}

StudyRowText row_text(const present::StudyRow& s, const review::AnalysisResult& a, const review::ReviewResult& r,
                      const std::string& base) {
  StudyRowText t;
  const review::RowInfo& row = a.rows.at(static_cast<std::size_t>(s.source_row));
  t.label = s.label;
  t.flag = s.flag;
  t.study = row.study;
  t.outcome = row.outcome;
  if (row.year) t.year = count(*row.year);
  t.subgroup = row.subgroup;
  t.cells = texts_of(s.cells);
  t.estimable = s.estimable;
  t.effect = s.effect.text;
  t.weight_common = weight_text(s.weight_common);
  t.weight_random = weight_text(s.weight_random);
  t.flagged = !row.flag.empty();
  t.excluded = row.excluded_by_policy;
  t.findings = row_findings(a, row, r, base);
  t.note = row_note(row, t.findings);
  t.provenance = provenance_text(row);
  t.provenance_tag = provenance_tag(row);
  return t;
}
// ---------------------------------------------------------------------------------------
// Settings and methods.

std::string adhoc_text(model::KnhaAdhoc a) {
  switch (a) {
    case model::KnhaAdhoc::None: return "none";
    case model::KnhaAdhoc::Floor: return "scaling factor not below 1 (Knapp & Hartung 2003)";
    case model::KnhaAdhoc::IQWiG: return "IQWiG rule (floor when the HK interval is narrower than DL's z interval)";
    case model::KnhaAdhoc::Ci: return "the z interval when it is wider than the HK interval (Jackson et al. 2017)";
  }
  return "";
}

std::string pi_text(model::PiDist d, model::Test test, bool shown) {
  if (!shown) return "not shown";
  switch (d) {
    case model::PiDist::Z:
      return test == model::Test::KNHA ? "t distribution, k - 1 df (as the pooled effect)"
                                       : "normal distribution (as the pooled effect)";
    case model::PiDist::T_K1: return "t distribution, k - 1 df";
    case model::PiDist::T_K2: return "t distribution, k - 2 df (Higgins et al. 2009)";
    case model::PiDist::None: return "none";
  }
  return "";
}

std::string correction_text(const effect::EffectOptions& e, Measure m) {
  if (!core::is_binary_two_group(m) && !core::is_proportion(m)) return "not applicable (no counts are pooled)";
  std::string where;
  switch (e.to) {
    case effect::CorrectionTo::Only0: where = "to studies with a zero cell"; break;
    case effect::CorrectionTo::All: where = "to every study"; break;
    case effect::CorrectionTo::If0All: where = "to every study when any has a zero cell"; break;
    case effect::CorrectionTo::None: return "none";
  }
  return core::format_plain(e.add) + " added to each cell, " + where + " (to = \"" +
         std::string(effect::to_string(e.to)) + "\")";
}

std::string policy_text(review::ImplausiblePolicy p) {
  switch (p) {
    case review::ImplausiblePolicy::Include: return "pooled as reported and flagged";
    case review::ImplausiblePolicy::Exclude: return "excluded from pooling";
    case review::ImplausiblePolicy::FloorSe: return "pooled as reported, with a sensitivity analysis flooring their SE";
  }
  return "";
}

std::vector<SettingText> settings_text(const review::Analysis& a) {
  const model::ModelSpec& m = a.settings.model;
  const effect::EffectOptions& e = a.settings.effect;
  const std::string preset = "preset " + m.preset;
  auto origin = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (std::find(a.overrides.begin(), a.overrides.end(), k) != a.overrides.end()) return std::string("review file");
    return preset;
  };
  const bool random = a.model != review::ModelChoice::Common;
  std::vector<SettingText> s;
  s.push_back({"Effect measure", std::string(core::to_string(a.measure)) + " (" + std::string(core::measure_info(a.measure).name) + ")",
               "review file"});
  s.push_back({"Model", model_name(a.model), "review file"});
  // Shipped reviews pool by inverse variance; the row appears when a review chooses otherwise.
  if (a.pooling != model::Method::FE && a.model != review::ModelChoice::Random)
    s.push_back({"Common-effect pooling", estimator_name(a.pooling) + " (R meta's method = \"" +
                                              (a.pooling == model::Method::MH ? "MH" : "Peto") + "\")",
                 origin({"pooling"})});
  s.push_back({"Between-study variance (\u03C4\u00B2) estimator",
               random ? std::string(model::to_string(m.method)) + " (" + estimator_name(m.method) + ")" +
                            (m.tau2_fixed ? ", fixed at " + core::format_tau2(*m.tau2_fixed) : "") +
                            (review::mh_q_convention(a.pooling, m)
                                 ? ", with Q and I\u00B2 around the Mantel-Haenszel estimate, as RevMan 5"
                                 : "")
                      : "not used (common effect)",
               origin({"method"})});
  s.push_back({"Confidence interval for \u03C4\u00B2", random ? "Q-profile (Viechtbauer 2007)" : "not used", "built in"});
  s.push_back({"Test and CI for the pooled effect",
               m.test == model::Test::KNHA ? "Hartung-Knapp (t distribution, k - 1 df)" : "Wald z (normal distribution)",
               origin({"test"})});
  s.push_back({"Hartung-Knapp ad hoc rule", m.test == model::Test::KNHA ? adhoc_text(m.knha_adhoc) : "not used",
               origin({"adhoc"})});
  s.push_back({"Confidence level", level_text(m.level) + "%", origin({"level"})});
  s.push_back({"Prediction interval", random ? pi_text(m.pi_dist, m.test, a.prediction_interval) : "not used (common effect)",
               origin({"pi-dist"})});
  s.push_back({"I\u00B2 definition",
               m.i2_def == model::I2Def::Tau2 ? "from \u03C4\u00B2 and the typical within-study variance"
                                              : "from Q: (Q - df) / Q (Higgins & Thompson 2002)",
               origin({"i2"})});
  s.push_back({"Continuity correction", correction_text(e, a.measure), origin({"add", "to"})});
  if (a.measure == Measure::SMD)
    s.push_back({"Standardised mean difference",
                 e.smd_revman5 ? "Hedges' g with RevMan 5's approximate correction and variance (Cochrane Handbook 5.1, 9.2.3.2)"
                               : "Hedges' g with the exact correction (Hedges 1981)",
                 origin({"vtype"})});
  if (core::is_binary_two_group(a.measure))
    s.push_back({"Double-zero studies", e.drops_double_zero(a.measure) ? "dropped" : "kept", origin({"drop00"})});
  s.push_back({"Implausible studies", policy_text(a.implausible), "review file"});
  s.push_back({"Subgroups", a.subgroup_variable.empty() ? "none" : a.subgroup_variable, "review file"});
  s.push_back({"Row order", a.sort, "review file"});
  return s;
}

// ---- small-study effects (<small-study>) ----

/// The tests of a <small-study> as the methods text names and cites them.
std::string small_study_methods(const std::vector<review::SmallStudyTest>& tests) {
  std::vector<std::string> named;
  for (const review::SmallStudyTest t : tests) switch (t) {
      case review::SmallStudyTest::Egger:
        named.emplace_back("Egger's regression test (the model refitted with the standard error as moderator) [@egger1997]");
        break;
      case review::SmallStudyTest::Begg: named.emplace_back("Begg and Mazumdar's rank correlation test [@begg1994]"); break;
      case review::SmallStudyTest::Peters: named.emplace_back("Peters' regression test [@peters2006]"); break;
      case review::SmallStudyTest::Harbord: named.emplace_back("Harbord's score test [@harbord2006]"); break;
    }
  return present::joined_with_and(named);
}

/// The small-study sentences of a main analysis, in the order the report prints them.
std::vector<std::string> small_study_sentences(const review::AnalysisResult& a) {
  const present::SmallStudyView v = present::small_study_view(a);
  std::vector<std::string> out;
  if (!v.asked) return out;
  if (!v.not_tested.empty()) out.push_back(v.not_tested);
  for (const present::SmallStudyTestView& t : v.tests) out.push_back(t.name + ": " + t.result + ". " + t.reading);
  if (!v.caution.empty()) out.push_back(v.caution);
  if (!v.trimfill.empty()) out.push_back(v.trimfill);
  return out;
}

/// What happened in an analysis that decides which methods sentences apply: a sentence is
/// printed only for what happened (issue 13).
struct MethodsFacts {
  bool implausible_found = false;  ///< a row was flagged (†) or left out as implausible
  bool corrected = false;          ///< a continuity correction was added to a row
  bool prediction_shown = false;   ///< the random-effects fit's prediction interval is shown
};

MethodsFacts methods_facts(const review::AnalysisResult& a) {
  MethodsFacts f;
  for (const review::RowInfo& row : a.rows) f.implausible_found = f.implausible_found || row.flag == "\u2020" || row.excluded_by_policy;
  f.corrected = std::find(a.es.corrected.begin(), a.es.corrected.end(), true) != a.es.corrected.end();
  f.prediction_shown = a.random && model::prediction_not_shown(a.random->k, a.random->spec.pi_dist).empty();
  return f;
}

MethodsText methods_text(const review::Analysis& a, const MethodsFacts& facts) {
  const model::ModelSpec& m = a.settings.model;
  const effect::EffectOptions& e = a.settings.effect;
  MethodsText t;
  t.measure = std::string(core::to_string(a.measure));
  t.measure_name = std::string(core::measure_info(a.measure).plural);
  t.log_scale = core::is_log_ratio(a.measure);
  t.model_random = a.model == review::ModelChoice::Random;
  t.model_common = a.model == review::ModelChoice::Common;
  t.model_both = a.model == review::ModelChoice::Both;
  t.pooling_iv = a.pooling == model::Method::FE;
  if (!t.pooling_iv) t.pooling_name = estimator_name(a.pooling), t.pooling_cite = estimator_cite(a.pooling);
  t.mh_q = a.model != review::ModelChoice::Common && review::mh_q_convention(a.pooling, m);
  t.estimator = std::string(model::to_string(m.method));
  t.estimator_name = estimator_name(m.method);
  t.estimator_cite = estimator_cite(m.method);
  t.tau2_fixed = m.tau2_fixed.has_value();
  if (m.tau2_fixed) t.tau2_value = core::format_tau2(*m.tau2_fixed);
  t.level = level_text(m.level);
  t.test_z = m.test == model::Test::Z;
  t.proportion = core::is_proportion(a.measure);
  t.test_knha = m.test == model::Test::KNHA;
  t.adhoc_floor = t.test_knha && m.knha_adhoc == model::KnhaAdhoc::Floor;
  t.adhoc_iqwig = t.test_knha && m.knha_adhoc == model::KnhaAdhoc::IQWiG;
  t.adhoc_ci = t.test_knha && m.knha_adhoc == model::KnhaAdhoc::Ci;
  t.prediction = a.prediction_interval && a.model != review::ModelChoice::Common && facts.prediction_shown;
  t.pi_z = m.pi_dist == model::PiDist::Z;
  t.pi_t_k1 = m.pi_dist == model::PiDist::T_K1;
  t.pi_t_k2 = m.pi_dist == model::PiDist::T_K2;
  t.i2_tau2 = m.i2_def == model::I2Def::Tau2;
  t.i2_q = m.i2_def == model::I2Def::Q;
  t.counts = core::is_binary_two_group(a.measure) || core::is_proportion(a.measure);
  t.add = core::format_plain(e.add);
  // "In a study with a zero cell, ..." only when a study had one; "to all" applies to every study.
  t.to_only0 = e.to == effect::CorrectionTo::Only0 && facts.corrected;
  t.to_all = e.to == effect::CorrectionTo::All;
  t.to_if0all = e.to == effect::CorrectionTo::If0All && facts.corrected;
  t.to_none = e.to == effect::CorrectionTo::None || e.add == 0;
  t.drop00 = e.drops_double_zero(a.measure) && core::is_binary_two_group(a.measure);
  t.implausible_include = facts.implausible_found && a.implausible == review::ImplausiblePolicy::Include;
  t.implausible_exclude = facts.implausible_found && a.implausible == review::ImplausiblePolicy::Exclude;
  t.implausible_floor = facts.implausible_found && a.implausible == review::ImplausiblePolicy::FloorSe;
  t.subgroup_variable = a.subgroup_variable;
  const bool random_subgroups = !a.subgroup_variable.empty() && a.model != review::ModelChoice::Common;
  t.subgroup_tau2_common = random_subgroups && a.subgroup_tau2 == model::SubgroupTau2::Common;
  t.subgroup_tau2_separate = random_subgroups && a.subgroup_tau2 == model::SubgroupTau2::Separate;
  t.preset = m.preset;
  t.tool = core::kToolName;
  t.version = core::kVersion;
  if (a.small_study) {
    t.small_study_tests = small_study_methods(a.small_study->tests);
    t.small_study_trimfill = a.small_study->trimfill;
  }
  return t;
}

FigureText figure_text(const Figure& f, std::string caption) {
  FigureText t;
  t.name = f.name;
  t.stem = f.stem;
  t.svg = f.stem + ".svg";
  t.pdf = f.stem + ".pdf";
  t.png = f.stem + ".png";
  t.inline_svg = inline_svg(f.svg, f.stem);
  t.caption = std::move(caption);
  return t;
}

// ---------------------------------------------------------------------------------------
// Analyses.

void add_columns(AnalysisText& t, const present::AnalysisView& in) {
  for (const auto& c : in.columns) {
    const std::string arm = c.group == 1 ? in.label_experimental : c.group == 2 ? in.label_control : "";
    t.columns.push_back({c.header, arm});
  }
  const bool any_arm = std::any_of(t.columns.begin(), t.columns.end(), [](const ColumnText& c) { return !c.arm.empty(); });
  if (!any_arm) return;
  for (std::size_t i = 0; i < t.columns.size();) {
    std::size_t j = i;
    while (j < t.columns.size() && t.columns[j].arm == t.columns[i].arm) ++j;
    t.column_groups.push_back({t.columns[i].arm, count(j - i)});
    i = j;
  }
}

// A report without risk-of-bias figures says why when its rows were assessed as
// not-applicable (single-arm studies) or not at all (docs/study-format.md, "Risk of bias").
std::string rob_note(const review::AnalysisResult& a) {
  if (a.rows.empty()) return "";
  std::vector<std::string> not_applicable, missing;
  for (const review::RowInfo& row : a.rows) {
    if (row.risk_of_bias && row.risk_of_bias->applicable()) return "";
    auto& list = row.risk_of_bias ? not_applicable : missing;
    if (std::find(list.begin(), list.end(), row.label) == list.end()) list.push_back(row.label);
  }
  std::string out = "Risk of bias: no study of this analysis has an assessment that applies.";
  if (!not_applicable.empty())
    out += " Assessed as not applicable: " + core::join(not_applicable) +
           " (RoB 2 and ROBINS-I judge comparative effects; each study file gives its reason, and results.json "
           "repeats it).";
  if (!missing.empty()) out += " Not assessed: " + core::join(missing) + ".";
  return out;
}

/// exclude-rob="high" in words: the studies it left out, and the rows it kept for want of an
/// overall judgment (docs/review-format.md: kept, and said so).
template <class LabelOf>
std::string rob_exclusion_text(const review::Sensitivity& s, const review::AnalysisResult& result, LabelOf label_of) {
  std::vector<std::string> left;
  for (const auto& id : s.rob_excluded) left.push_back(label_of(id));
  std::string out = left.empty() ? "no study at high risk of bias to leave out"
                                 : "without studies at high risk of bias (" + core::join(left) + ")";
  std::vector<std::string> unassessed, not_applicable, no_information;
  for (const review::RowInfo& row : result.rows) {
    if (!row.risk_of_bias) unassessed.push_back(row.label);
    else if (!row.risk_of_bias->applicable()) not_applicable.push_back(row.label);
    else if (review::rob_concern(row.risk_of_bias) == methods::RobConcern::no_information)
      no_information.push_back(row.label);
  }
  if (!unassessed.empty()) out += "; kept, not assessed: " + core::join(unassessed);
  if (!not_applicable.empty()) out += "; kept, assessed as not applicable: " + core::join(not_applicable);
  if (!no_information.empty()) out += "; kept, judged 'no information': " + core::join(no_information);
  return out;
}

/// What a declared sensitivity analysis changes, in the primary's words: its rows' labels
/// for studies left out or swapped, then the settings it sets.
std::string sensitivity_changes(const review::AnalysisResult& result, const review::AnalysisResult& primary) {
  const review::Sensitivity& s = *result.declared;
  const auto label_of = [&](const std::string& study) {
    for (const review::RowInfo& row : primary.rows)
      if (row.study == study) return row.label;
    return study;
  };
  std::vector<std::string> parts;
  if (!s.exclude.empty()) {
    std::vector<std::string> labels;
    for (const auto& id : s.exclude) labels.push_back(label_of(id));
    parts.push_back("without " + core::join(labels));
  }
  if (s.exclude_non_randomised) parts.push_back("without non-randomised studies");
  if (s.exclude_implausible) parts.push_back("without studies the evidence checks call implausible");
  if (s.exclude_high_rob) parts.push_back(rob_exclusion_text(s, result, label_of));
  for (const review::Swap& x : s.swaps)
    parts.push_back(label_of(x.row) + ": outcome '" + x.data.outcome + "' of " + x.data.study);
  if (s.model) parts.push_back(model_name(*s.model));
  const model::ModelSpec& m = s.settings.model;
  if (m.preset != primary.analysis->settings.model.preset) parts.push_back("preset " + m.preset);
  for (const auto& name : s.overrides) {
    if (name == "method") parts.push_back("τ² estimator " + std::string(model::to_string(m.method)));
    else if (name == "test") parts.push_back(m.test == model::Test::KNHA ? "Hartung-Knapp" : "z test");
    else if (name == "adhoc") parts.push_back("ad hoc variant " + std::string(model::to_string(m.knha_adhoc)));
    else if (name == "pooling") parts.push_back(estimator_name(s.pooling) + " pooling");
  }
  return core::join(parts, "; ");
}

/// What implausible="floor-se"'s sensitivity analysis changed: each implausible row with the
/// note the runner gave it ("Niu 2026: SE raised from 0.103 to 0.286, ...").
std::string floor_se_changes(const review::AnalysisResult& s) {
  std::vector<std::string> parts;
  for (const review::RowInfo& row : s.rows)
    if (row.flag == "\u2020" && !row.note.empty()) parts.push_back(row.label + ": " + row.note);
  return core::join(parts, "; ");
}

/// A comparison row from an analysis' view: its k, headline, tau2 and I2.
ComparisonRowText comparison_row(const present::AnalysisView& v, std::string title, std::string changes) {
  ComparisonRowText c;
  c.title = std::move(title);
  c.changes = std::move(changes);
  c.k = v.k.text;
  c.estimate = v.headline.empty() ? "not pooled" : v.headline;
  if (v.total.heterogeneity) {
    c.tau2 = v.total.heterogeneity->tau2.text;
    c.I2 = v.total.heterogeneity->I2.text;
  }
  return c;
}

/// Whether leaving out any single study changes the conclusion: whether the CI of the
/// headline fit without it crosses the null when the primary's does not, or the reverse.
std::string leave_one_out_sentence(const review::AnalysisResult& a) {
  if (!a.leave_one_out) return "";
  const std::optional<model::Fit>& f = a.random ? a.random : a.common;
  if (!f) return "";
  const core::Measure m = a.es.measure;
  const auto shown = [&](double x) { return core::format_fixed(effect::back_transform(m, x, a.es.ni), 2); };
  const std::size_t k = a.leave_one_out->rows.size();
  if (core::measure_info(m).family == core::InputFamily::Proportion) {
    double lo = 0, hi = 0;
    bool any = false;
    for (const auto& row : a.leave_one_out->rows) {
      if (!row.fit) continue;
      lo = any ? std::min(lo, row.fit->estimate) : row.fit->estimate;
      hi = any ? std::max(hi, row.fit->estimate) : row.fit->estimate;
      any = true;
    }
    if (!any) return "";
    return "Leave-one-out: without any one of the " + count(k) + " studies the pooled proportion lies between " +
           shown(lo) + " and " + shown(hi) + ".";
  }
  const std::string null = core::is_log_ratio(m) ? "1" : "0";
  const auto excludes_null = [](double lb, double ub) { return lb > 0 || ub < 0; };
  const bool primary = excludes_null(f->ci_lb.at(0), f->ci_ub.at(0));
  std::vector<std::string> changed;
  for (const auto& row : a.leave_one_out->rows)
    if (row.fit && excludes_null(row.fit->ci_lb, row.fit->ci_ub) != primary) {
      const auto& x = *row.fit;
      changed.push_back(a.rows.at(row.row).label + " (" + shown(x.estimate) + " [" + shown(x.ci_lb) + ", " +
                        shown(x.ci_ub) + "])");
    }
  const std::string level = level_text(f->spec.level) + "% CI";
  if (changed.empty())
    return "Leave-one-out: no single study changes the conclusion; without any one of the " + count(k) +
           " studies the " + level + (primary ? " still excludes " : " still includes ") + null + ".";
  return "Leave-one-out: without " + core::join(changed, " or without ") + " the " + level +
         (primary ? " includes " : " excludes ") + null + ", so the conclusion rests on " +
         (changed.size() == 1 ? "that study." : "each of these studies.");
}

/// Which studies metafor's rule in influence() flags as influential (its `inf` column, "*").
std::string influence_sentence(const review::AnalysisResult& a) {
  if (!a.influence) return "";
  const methods::MethodResult& m = *a.influence;
  const auto inf = methods::result_column(m, "inf");
  std::vector<std::string> flagged;
  for (std::size_t i = 0; i < m.rows.size(); ++i)
    if (inf.at(i).value_or(0) != 0) flagged.push_back(a.rows.at(m.rows[i]).label);
  if (flagged.empty())
    return "Influence: metafor's rule flags none of the " + count(m.rows.size()) + " studies as influential.";
  return "Influence: metafor's rule flags " + core::join(flagged, " and ") + " as influential.";
}

AnalysisText analysis_text(const review::AnalysisResult& a, const AnalysisFigures& figs, const review::ReviewResult& r,
                           const std::string& base) {
  const review::Analysis& an = *a.analysis;
  const present::AnalysisView& in = figs.view;
  AnalysisText t;
  t.id = an.id;
  t.title = an.title;
  t.endpoint = an.endpoint;
  t.note = an.note;
  t.measure = std::string(core::to_string(an.measure));
  t.measure_name = std::string(core::measure_info(an.measure).name);
  t.effect_header = std::string(core::measure_info(an.measure).title);
  t.level = level_text(an.settings.model.level);
  t.model = model_name(an.model);
  std::tie(t.label_experimental, t.label_control) = present::arm_labels(a, r);
  t.subgroup_variable = an.subgroup_variable;
  t.not_pooled = a.not_pooled;
  t.rob_note = rob_note(a);
  t.funnel_note = funnel_note(a);
  t.settings = settings_text(an);
  t.methods_data = methods_text(an, methods_facts(a));
  t.k = in.k.text;
  if (in.total.heterogeneity) t.heterogeneity = heterogeneity_text(*in.total.heterogeneity);

  if (in.pooled) {
    t.effect_header = in.effect_header;
    t.show_weight_common = in.show_weight_common;
    t.show_weight_random = in.show_weight_random;
    add_columns(t, in);
  }
  for (const present::Block& block : in.blocks) {
    if (block.studies.empty()) continue;
    GroupText g;
    g.title = block.title;
    for (const present::StudyRow* s : present::drawn_order(in, block)) g.rows.push_back(row_text(*s, a, r, base));
    if (!block.title.empty()) {
      g.pooled = pooled_texts(block);
      g.event_totals = texts_of(block.event_cells);
      if (block.heterogeneity) g.heterogeneity = heterogeneity_text(*block.heterogeneity);
      g.notes = block.notes;
    }
    t.groups.push_back(std::move(g));
  }
  if (in.pooled) {
    t.pooled = pooled_texts(in.total);
    t.event_totals = texts_of(in.total.event_cells);
    t.notes = in.total.notes;
    if (in.subgroup_test) t.subgroup_test = in.subgroup_test->text;
  }
  t.headline = in.headline;
  for (const review::RowInfo& row : a.rows)
    if (!row.flag.empty() && t.flags.find(row.flag) == std::string::npos) t.flags += (t.flags.empty() ? "" : " ") + row.flag;

  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
  for (const auto& f : a.findings)
    if (f.severity != check::Severity::Ok && seen.insert({f.study, f.outcome, f.item, f.check}).second)
      t.findings.push_back(finding_text(f, r, base));

  const std::string what = an.title.empty() ? an.id : an.title;
  const CaptionFacts facts{what,
                           t.model,
                           std::string(core::measure_info(an.measure).plural),
                           t.level,
                           figs.view.pooled,
                           an.cumulative,
                           a.gosh ? count(a.gosh->fits.size()) : "",
                           funnel_regression(a).has_value(),
                           std::any_of(a.rows.begin(), a.rows.end(), [](const review::RowInfo& row) {
                             return row.risk_of_bias && row.risk_of_bias->tool == "rob1";
                           })};
  for (const FigureKind& kind : figure_kinds())
    if (const Figure* f = figs.find(kind.name)) t.figures.push_back(figure_text(*f, kind.caption(facts)));
  if (!a.sensitivity_analyses.empty()) {
    t.comparison.push_back(comparison_row(in, "Primary analysis", ""));
    t.comparison.back().primary = true;
    for (const review::AnalysisResult& s : a.sensitivity_analyses) {
      const present::AnalysisView view = present::analysis_view(s, r);
      if (!s.declared && t.sensitivity_headline.empty()) t.sensitivity_headline = view.headline;
      t.comparison.push_back(
          comparison_row(view, s.sensitivity_label, s.declared ? sensitivity_changes(s, a) : floor_se_changes(s)));
    }
  }
  t.leave_one_out = leave_one_out_sentence(a);
  t.influence_note = influence_sentence(a);
  t.small_study = small_study_sentences(a);
  t.meta_regression = meta_regression_text(a);
  return t;
}

// ---------------------------------------------------------------------------------------
// Studies.

StudyText study_text(const core::Study& s, const std::string& base) {
  StudyText t;
  t.id = s.id;
  t.label = s.short_label();
  t.trial = s.trial;
  t.title = s.title;
  t.authors = core::join(s.authors);
  t.journal = s.journal;
  t.year = count(s.year);
  t.citation = s.citation;
  t.doi = s.doi;
  t.pmid = s.pmid;
  t.registration = s.registration;
  t.design = s.design;  // a code such as "randomised-controlled-trial"
  std::replace(t.design.begin(), t.design.end(), '-', ' ');
  if (!s.phase.empty()) t.design += ", phase " + s.phase;
  if (!s.design_note.empty()) t.design += " (" + s.design_note + ")";
  t.population = s.population;
  t.follow_up = s.follow_up;
  t.note = s.note;
  t.file = display_path(s.file, base);
  for (const auto& a : s.arms) {
    ArmText arm{a.label, a.role, a.regimen, ""};
    if (a.randomised) arm.n = a.randomised->printed;
    else if (a.analysed) arm.n = a.analysed->printed;
    t.arms.push_back(std::move(arm));
  }
  for (const auto& src : s.sources) t.sources.push_back(src.citation + (src.url.empty() ? "" : " <" + src.url + ">"));
  return t;
}

// ---------------------------------------------------------------------------------------
// Mustache values.

template <class T, class F>
Value list_of(const std::vector<T>& items, F&& f) {
  Value::List out;
  for (const auto& i : items) out.push_back(f(i));
  return out;
}

Value texts(const std::vector<std::string>& items) {
  return list_of(items, [](const std::string& s) { return Value(Value::Object{{"text", s}}); });
}

Value to_value(const FindingText& f) {
  return Value::Object{{"study", f.study},       {"study_label", f.study_label}, {"outcome", f.outcome},
                       {"item", f.item},         {"check", f.check},             {"severity", f.severity},
                       {"message", f.message},   {"reported", f.reported},       {"recomputed", f.recomputed},
                       {"location", f.location}};
}

Value findings_value(const std::vector<FindingText>& f) {
  return list_of(f, [](const FindingText& x) { return to_value(x); });
}

Value to_value(const StudyRowText& r) {
  return Value::Object{{"label", r.label},
                       {"flag", r.flag},
                       {"study", r.study},
                       {"outcome", r.outcome},
                       {"year", r.year},
                       {"subgroup", r.subgroup},
                       {"cells", texts(r.cells)},
                       {"effect", r.effect},
                       {"weight_common", r.weight_common},
                       {"weight_random", r.weight_random},
                       {"note", r.note},
                       {"flagged", r.flagged},
                       {"excluded", r.excluded},
                       {"estimable", r.estimable},
                       {"findings", findings_value(r.findings)},
                       {"has_findings", !r.findings.empty()},
                       {"provenance", r.provenance},
                       {"provenance_tag", r.provenance_tag}};
}

Value to_value(const PooledText& p) {
  return Value::Object{{"label", p.label},         {"model", p.model},       {"random", p.model == "random"},
                       {"estimate", p.estimate},   {"est", p.est},           {"ci_lb", p.ci_lb},
                       {"ci_ub", p.ci_ub},         {"statistic", p.statistic}, {"p", p.p},
                       {"prediction", p.prediction}, {"weight", p.weight},   {"k", p.k},
                       {"totals", texts(p.totals)}};
}

Value to_value(const HeterogeneityText& h) {
  return Value::Object{{"tau2", h.tau2}, {"tau2_ci", h.tau2_ci}, {"tau", h.tau}, {"I2", h.I2},
                       {"I2_ci", h.I2_ci}, {"H2", h.H2},       {"Q", h.Q},     {"df", h.df},
                       {"p", h.p},       {"line", h.line},     {"applicable", h.applicable}};
}

Value pooled_value(const std::vector<PooledText>& p) {
  return list_of(p, [](const PooledText& x) { return to_value(x); });
}

Value to_value(const GroupText& g) {
  return Value::Object{{"title", g.title},
                       {"rows", list_of(g.rows, [](const StudyRowText& r) { return to_value(r); })},
                       {"pooled", pooled_value(g.pooled)},
                       {"event_totals", texts(g.event_totals)},
                       {"has_event_totals", !g.event_totals.empty()},
                       {"heterogeneity", to_value(g.heterogeneity)},
                       {"notes", texts(g.notes)}};
}

Value to_value(const FigureText& f) {
  return Value::Object{{"name", f.name}, {"stem", f.stem}, {"svg", f.svg},   {"pdf", f.pdf}, {"png", f.png},
                       {"inline_svg", f.inline_svg}, {"caption", f.caption}};
}

Value to_value(const AnalysisText& a) {
  Value::Object figures;
  for (const FigureKind& kind : figure_kinds()) {
    const FigureText* f = a.figure(kind.name);
    figures.emplace_back("has_" + std::string(kind.name), f != nullptr);
    figures.emplace_back(std::string(kind.name), to_value(f ? *f : FigureText{}));
  }
  Value::Object out{
      {"id", a.id},
      {"title", a.title},
      {"endpoint", a.endpoint},
      {"note", a.note},
      {"measure", a.measure},
      {"measure_name", a.measure_name},
      {"effect_header", a.effect_header},
      {"level", a.level},
      {"k", a.k},
      {"model", a.model},
      {"label_experimental", a.label_experimental},
      {"label_control", a.label_control},
      {"subgroup_variable", a.subgroup_variable},
      {"columns", list_of(a.columns, [](const ColumnText& c) { return Value(Value::Object{{"header", c.header}, {"arm", c.arm}}); })},
      {"column_groups",
       list_of(a.column_groups, [](const ColumnGroupText& c) { return Value(Value::Object{{"label", c.label}, {"span", c.span}}); })},
      {"has_column_groups", !a.column_groups.empty()},
      {"show_weight_common", a.show_weight_common},
      {"show_weight_random", a.show_weight_random},
      {"n_columns", count(2 + a.columns.size() + a.show_weight_common + a.show_weight_random)},
      {"groups", list_of(a.groups, [](const GroupText& g) { return to_value(g); })},
      {"blocks", list_of(table_blocks(a), [](const GroupText& g) { return to_value(g); })},
      {"pooled", pooled_value(a.pooled)},
      {"event_totals", texts(a.event_totals)},
      {"has_event_totals", !a.event_totals.empty()},
      {"heterogeneity", to_value(a.heterogeneity)},
      {"notes", texts(a.notes)},
      {"subgroup_test", a.subgroup_test},
      {"not_pooled", a.not_pooled},
      {"rob_note", a.rob_note},
      {"funnel_note", a.funnel_note},
      {"headline", a.headline},
      {"flags", a.flags},
      {"sensitivity_headline", a.sensitivity_headline},
      {"comparison", list_of(a.comparison,
                             [](const ComparisonRowText& c) {
                               return Value(Value::Object{{"title", c.title},
                                                          {"changes", c.changes},
                                                          {"k", c.k},
                                                          {"estimate", c.estimate},
                                                          {"tau2", c.tau2},
                                                          {"I2", c.I2},
                                                          {"primary", c.primary}});
                             })},
      {"has_comparison", !a.comparison.empty()},
      {"leave_one_out", a.leave_one_out},
      {"influence_note", a.influence_note},
      {"small_study", texts(a.small_study)},
      {"has_small_study", !a.small_study.empty()},
      {"meta_regression", texts(a.meta_regression.sentences)},
      {"has_meta_regression", !a.meta_regression.sentences.empty()},
      {"meta_regression_rows",
       list_of(a.meta_regression.rows,
               [](const MetaRegressionRowText& r) {
                 return Value(Value::Object{{"name", r.name}, {"estimate", r.estimate}, {"se", r.se},
                                            {"statistic", r.statistic}, {"pval", r.pval}, {"ci", r.ci}});
               })},
      {"has_meta_regression_rows", !a.meta_regression.rows.empty()},
      {"meta_regression_statistic", a.meta_regression.statistic},
      {"meta_regression_ci", a.meta_regression.ci_header},
      {"findings", findings_value(a.findings)},
      {"has_findings", !a.findings.empty()},
      {"settings",
       list_of(a.settings, [](const SettingText& s) {
         const char* kind = s.origin == "review file" ? "review" : s.origin == "built in" ? "builtin" : "preset";
         return Value(Value::Object{{"name", s.name}, {"value", s.value}, {"origin", s.origin}, {"kind", kind},
                                    {"from_review", s.origin == "review file"}});
       })},
      {"methods", texts(a.methods)}};
  out.insert(out.end(), figures.begin(), figures.end());
  return out;
}

Value references_value(const std::vector<ReferenceText>& refs) {
  return list_of(refs, [](const ReferenceText& r) {
    return Value(Value::Object{{"number", r.number},
                               {"text", r.text},
                               {"doi", r.doi},
                               {"pmid", r.pmid},
                               {"reason", r.reason},
                               {"has_doi", !r.doi.empty()},
                               {"has_pmid", !r.pmid.empty()}});
  });
}

Value to_value(const StudyText& s) {
  return Value::Object{
      {"id", s.id},
      {"label", s.label},
      {"trial", s.trial},
      {"title", s.title},
      {"authors", s.authors},
      {"journal", s.journal},
      {"year", s.year},
      {"citation", s.citation},
      {"doi", s.doi},
      {"pmid", s.pmid},
      {"registration", s.registration},
      {"design", s.design},
      {"population", s.population},
      {"follow_up", s.follow_up},
      {"note", s.note},
      {"file", s.file},
      {"arms", list_of(s.arms, [](const ArmText& a) {
         return Value(Value::Object{{"label", a.label}, {"role", a.role}, {"regimen", a.regimen}, {"n", a.n}});
       })},
      {"sources", texts(s.sources)}};
}

/// Every analysis, so a template lays all results out with one section.
Value results_value(const std::vector<AnalysisText>& analyses) {
  Value::List out;
  for (const auto& a : analyses) out.push_back(to_value(a));
  return out;
}

// Prototypes: one item in every list, so schema_of() sees every name.
AnalysisText prototype_analysis() {
  AnalysisText a;
  StudyRowText row;
  row.cells = {""};
  row.findings = {FindingText{}};
  PooledText pooled;
  pooled.totals = {""};
  a.columns = {ColumnText{}};
  a.column_groups = {ColumnGroupText{}};
  a.groups = {GroupText{"", {row}, {pooled}, {""}, {}, {""}}};
  a.pooled = {pooled};
  a.event_totals = {""};
  a.notes = {""};
  a.findings = {FindingText{}};
  a.settings = {SettingText{}};
  a.methods = {""};
  a.comparison = {ComparisonRowText{}};
  a.small_study = {""};
  a.meta_regression.sentences = {""};
  a.meta_regression.rows = {MetaRegressionRowText{}};
  return a;
}

ReviewText prototype_review() {
  ReviewText r;
  present::SofRow sof;
  sof.domains = {present::SofDomain{}};
  r.sof.rows = {sof};
  r.sof.footnotes = {present::SofFootnote{}};
  r.analyses = {prototype_analysis()};
  StudyText s;
  s.arms = {ArmText{}};
  s.sources = {""};
  r.included = {s};
  r.excluded = {ExcludedText{}};
  r.findings = {FindingText{}};
  r.inputs = {InputFile{}};
  r.r_scripts = {RScriptText{}};
  r.study_references = r.excluded_references = r.method_references = {ReferenceText{}};
  return r;
}

}  // namespace

const FigureText* AnalysisText::figure(std::string_view name) const {
  for (const auto& f : figures)
    if (f.name == name) return &f;
  return nullptr;
}

std::string display_path(const std::string& path, const std::string& base) {
  std::error_code ec;
  const fs::path p = fs::absolute(fs::path(path), ec).lexically_normal();
  fs::path b = fs::absolute(fs::path(base.empty() ? "." : base), ec).lexically_normal();
  if (!b.has_filename()) b = b.parent_path();  // "studies/" -> "studies"
  const fs::path rel = p.lexically_relative(b);
  if (ec || rel.empty() || *rel.begin() == "..") return fs::path(path).filename().generic_string();
  return (b.filename() / rel).generic_string();
}

ReviewText review_text(const review::ReviewResult& result, const std::vector<AnalysisFigures>& figures,
                       const std::vector<InputFile>& inputs, const ContextOptions& options) {
  const review::Review& rv = *result.review;
  ReviewText t;
  t.id = rv.id;
  t.title = rv.title;
  t.note = rv.note;
  t.population = rv.question.population;
  t.intervention = rv.question.intervention;
  t.comparator = rv.question.comparator;
  t.outcomes = rv.question.outcomes;
  t.tool = core::kToolName;
  t.version = core::kVersion;
  t.timestamp = options.timestamp;
  t.n_included = count(rv.included.size());
  // Trials, not publications (issue 12): a trial with several reports counts once.
  t.n_trials = options.studies ? count(review::distinct_trials(rv.included, *options.studies).size()) : t.n_included;
  t.n_excluded = count(rv.excluded.size());
  t.n_analyses = count(rv.analyses.size());
  for (std::size_t i = 0; i < result.analyses.size(); ++i)
    t.analyses.push_back(analysis_text(result.analyses[i], figures.at(i), result, options.studies_dir));
  for (const core::Study* s : result.included) t.included.push_back(study_text(*s, options.studies_dir));
  for (const auto& x : rv.excluded) {
    ExcludedText e;
    e.study = x.study;
    e.label = x.citation;
    if (const core::Study* s = options.studies && !x.study.empty() ? options.studies->find(x.study) : nullptr)
      e.label = s->short_label() + " (" + s->trial + ")";
    if (e.label.empty()) e.label = x.study;
    e.reason = x.reason;
    t.excluded.push_back(std::move(e));
  }
  for (const core::Study* s : result.included)
    t.study_references.push_back({count(t.study_references.size() + 1), study_reference(*s), s->doi, s->pmid, ""});
  for (const auto& x : rv.excluded) {
    ReferenceText ref{count(t.study_references.size() + t.excluded_references.size() + 1), x.citation, "", "", x.reason};
    if (const core::Study* s = options.studies && !x.study.empty() ? options.studies->find(x.study) : nullptr) {
      ref.text = study_reference(*s);
      ref.doi = s->doi;
      ref.pmid = s->pmid;
    } else if (ref.text.empty()) {
      ref.text = x.study;
    }
    t.excluded_references.push_back(std::move(ref));
  }
  if (const Figure* f = options.review_figures ? options.review_figures->find("prisma") : nullptr) {
    t.has_prisma = true;
    t.prisma = figure_text(*f, prisma_caption(*rv.prisma));
    t.prisma_note = rv.prisma->note;
  }
  // Every included study's findings that are not ok, pooled outcome or not (issue 12), then
  // the analyses' own (same-trial), each once.
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
  for (const auto& f : result.findings)
    if (f.severity != check::Severity::Ok && seen.insert({f.study, f.outcome, f.item, f.check}).second)
      t.findings.push_back(finding_text(f, result, options.studies_dir));
  for (const auto& a : t.analyses)
    for (const auto& f : a.findings)
      if (seen.insert({f.study, f.outcome, f.item, f.check}).second) t.findings.push_back(f);
  t.inputs = inputs;
  t.sof = present::sof_view(result);
  return t;
}

std::vector<GroupText> table_blocks(const AnalysisText& a) {
  std::vector<GroupText> out = a.groups;
  GroupText overall;
  overall.pooled = a.pooled;
  overall.event_totals = a.event_totals;
  overall.heterogeneity = a.heterogeneity;
  overall.notes = a.notes;
  out.push_back(std::move(overall));
  return out;
}

void render_methods(ReviewText& review, const Template& methods) {
  std::function<void(AnalysisText&)> fill = [&](AnalysisText& a) {
    // Lines of a paragraph join with single spaces; a blank line starts a new paragraph.
    const std::string text = render(methods, to_value(a.methods_data));
    a.methods.clear();
    std::string para;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string line = text.substr(start, end - start);
      const auto first = line.find_first_not_of(" \t\r");
      line = first == std::string::npos ? "" : line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
      if (line.empty()) {
        if (!para.empty()) a.methods.push_back(std::move(para));
        para.clear();
      } else {
        para += (para.empty() ? "" : " ") + line;
      }
      start = end + 1;
    }
    if (!para.empty()) a.methods.push_back(std::move(para));
  };
  for (auto& a : review.analyses) fill(a);

  std::vector<std::vector<std::string>*> cited;
  std::function<void(AnalysisText&)> collect = [&](AnalysisText& a) {
    cited.push_back(&a.methods);
  };
  for (auto& a : review.analyses) collect(a);
  std::vector<std::string> caption{review.prisma.caption};
  cited.push_back(&caption);
  review.method_references.clear();
  cite_methods(cited, static_cast<int>(review.study_references.size() + review.excluded_references.size() + 1),
               review.method_references);
  review.prisma.caption = caption.front();
}

Value to_value(const MethodsText& m) {
  return Value::Object{{"measure", m.measure},
                       {"measure_name", m.measure_name},
                       {"log_scale", m.log_scale},
                       {"model_random", m.model_random},
                       {"model_common", m.model_common},
                       {"model_both", m.model_both},
                       {"pooling_iv", m.pooling_iv},
                       {"pooling_name", m.pooling_name},
                       {"pooling_cite", m.pooling_cite},
                       {"mh_q", m.mh_q},
                       {"estimator", m.estimator},
                       {"estimator_name", m.estimator_name},
                       {"estimator_cite", m.estimator_cite},
                       {"tau2_fixed", m.tau2_fixed},
                       {"tau2_value", m.tau2_value},
                       {"level", m.level},
                       {"test_z", m.test_z},
                       {"proportion", m.proportion},
                       {"test_knha", m.test_knha},
                       {"adhoc_floor", m.adhoc_floor},
                       {"adhoc_iqwig", m.adhoc_iqwig},
                       {"adhoc_ci", m.adhoc_ci},
                       {"prediction", m.prediction},
                       {"pi_z", m.pi_z},
                       {"pi_t_k1", m.pi_t_k1},
                       {"pi_t_k2", m.pi_t_k2},
                       {"i2_tau2", m.i2_tau2},
                       {"i2_q", m.i2_q},
                       {"counts", m.counts},
                       {"add", m.add},
                       {"to_only0", m.to_only0},
                       {"to_all", m.to_all},
                       {"to_if0all", m.to_if0all},
                       {"to_none", m.to_none},
                       {"drop00", m.drop00},
                       {"implausible_include", m.implausible_include},
                       {"implausible_exclude", m.implausible_exclude},
                       {"implausible_floor", m.implausible_floor},
                       {"subgroup_variable", m.subgroup_variable},
                       {"subgroup_tau2_common", m.subgroup_tau2_common},
                       {"subgroup_tau2_separate", m.subgroup_tau2_separate},
                       {"preset", m.preset},
                       {"tool", m.tool},
                       {"version", m.version},
                       {"small_study_tests", m.small_study_tests},
                       {"small_study_trimfill", m.small_study_trimfill}};
}

namespace {

Value sof_value(const present::SofView& v) {
  const auto domain = [](const present::SofDomain& d) {
    return Value(Value::Object{{"name", d.name},
                               {"suggested", d.suggested},
                               {"reason", d.reason},
                               {"judgment", d.judgment},
                               {"footnote", d.footnote},
                               {"departs", d.departs},
                               {"evidence", d.evidence},
                               {"finding", d.finding},
                               {"flagged", d.departs || !d.finding.empty()}});
  };
  const auto row = [&](const present::SofRow& r) {
    return Value(Value::Object{{"id", r.id},
                               {"outcome", r.outcome},
                               {"follow_up", r.follow_up},
                               {"participants", r.participants},
                               {"participants_letters", r.participants_letters},
                               {"estimable", r.estimable},
                               {"symbols", r.symbols},
                               {"level", r.level},
                               {"letters", r.letters},
                               {"status", r.status},
                               {"suggested", r.status == "suggested"},
                               {"relative", r.relative},
                               {"comparator", r.comparator},
                               {"comparator_letters", r.comparator_letters},
                               {"difference", r.difference},
                               {"start", r.start},
                               {"domains", list_of(r.domains, domain)}});
  };
  return Value::Object{{"rows", list_of(v.rows, row)},
                       {"footnotes", list_of(v.footnotes, [](const present::SofFootnote& f) {
                          return Value(Value::Object{{"letter", f.letter}, {"text", f.text}});
                        })},
                       {"comparator_note", v.comparator_note}};
}

}  // namespace

Value to_value(const ReviewText& r) {
  return Value::Object{
      {"sof", sof_value(r.sof)},
      {"has_sof", !r.sof.rows.empty()},
      {"id", r.id},
      {"title", r.title},
      {"note", r.note},
      {"population", r.population},
      {"intervention", r.intervention},
      {"comparator", r.comparator},
      {"outcomes", r.outcomes},
      {"tool", r.tool},
      {"version", r.version},
      {"timestamp", r.timestamp},
      {"n_included", r.n_included},
      {"n_trials", r.n_trials},
      {"n_excluded", r.n_excluded},
      {"n_analyses", r.n_analyses},
      {"analyses", list_of(r.analyses, [](const AnalysisText& a) { return to_value(a); })},
      {"results", results_value(r.analyses)},
      {"included", list_of(r.included, [](const StudyText& s) { return to_value(s); })},
      {"excluded", list_of(r.excluded, [](const ExcludedText& e) {
         return Value(Value::Object{{"label", e.label}, {"study", e.study}, {"reason", e.reason}});
       })},
      {"has_excluded", !r.excluded.empty()},
      {"findings", findings_value(r.findings)},
      {"has_findings", !r.findings.empty()},
      {"has_prisma", r.has_prisma},
      {"prisma", to_value(r.prisma)},
      {"prisma_note", r.prisma_note},
      {"study_references", references_value(r.study_references)},
      {"excluded_references", references_value(r.excluded_references)},
      {"method_references", references_value(r.method_references)},
      {"has_excluded_references", !r.excluded_references.empty()},
      {"has_method_references", !r.method_references.empty()},
      {"inputs", list_of(r.inputs, [](const InputFile& f) {
         return Value(Value::Object{{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
       })},
      {"has_r_scripts", !r.r_scripts.empty()},
      {"r_scripts", list_of(r.r_scripts, [](const RScriptText& f) {
         return Value(Value::Object{{"analysis", f.analysis}, {"script", f.script}, {"data", f.data}});
       })}};
}

Value index_value(const std::vector<IndexEntry>& entries, const std::string& tool, const std::string& version) {
  Value::List reviews;
  bool any_failed = false;
  for (const auto& e : entries) {
    const ReviewText* r = e.review;
    any_failed = any_failed || !r;
    Value::List analyses;
    if (r)
      for (const auto& a : r->analyses)
        analyses.push_back(Value::Object{{"id", a.id},
                                         {"title", a.title},
                                         {"measure", a.measure},
                                         {"k", a.k},
                                         {"model", a.model},
                                         {"headline", a.headline},
                                         {"flags", a.flags},
                                         {"sensitivity_headline", a.sensitivity_headline},
                                         {"I2", a.heterogeneity.I2},
                                         {"tau2", a.heterogeneity.tau2},
                                         {"not_pooled", a.not_pooled},
                                         {"href", e.id + "/report.html#" + a.id}});
    reviews.push_back(Value::Object{{"id", e.id},
                                    {"title", r ? r->title : ""},
                                    {"population", r ? r->population : ""},
                                    {"n_included", r ? r->n_included : ""},
                                    {"n_trials", r ? r->n_trials : ""},
                                    {"href", e.id + "/report.html"},
                                    {"supplement", e.id + "/supplement.pdf"},
                                    {"failed", !r},
                                    {"error", e.error},
                                    {"analyses", std::move(analyses)}});
  }
  return Value::Object{{"tool", tool}, {"version", version}, {"reviews", std::move(reviews)}, {"has_failed", any_failed}};
}

Schema methods_schema() { return schema_of(to_value(MethodsText{})); }
Schema report_schema() { return schema_of(to_value(prototype_review())); }
Schema index_schema() {
  static const ReviewText proto = prototype_review();
  return schema_of(index_value({IndexEntry{&proto, "", ""}}, "", ""));
}

}  // namespace metareview::report
