#include "review/results_json.h"

#include <cmath>
#include <vector>

#include "check/finding.h"
#include "effect/transform.h"
#include "model/fit_json.h"
#include "model/metareg_json.h"
#include "model/prediction.h"
#include "stats/distributions.h"

namespace metareview::review {
namespace {

using Json = nlohmann::json;

using model::json_number;

Json where_json(const core::SourceLocation& w) {
  return Json{{"file", w.file}, {"line", w.line}, {"col", w.col}};
}

Json finding_json(const check::Finding& f) {
  return Json{{"study", f.study},
              {"outcome", f.outcome},
              {"check", f.check},
              {"item", f.item},
              {"severity", check::to_string(f.severity)},
              {"message", f.message},
              {"reported", json_number(f.reported)},
              {"recomputed", json_number(f.recomputed)},
              {"reported_text", f.reported_text},
              {"recomputed_text", f.recomputed_text},
              {"where", where_json(f.where)}};
}

Json judgment_json(const core::RobJudgment& j) {
  return Json{{"judgment", j.judgment}, {"support", j.support}, {"source", j.source}, {"locator", j.locator}};
}

/// The study's assessment of a row's outcome (docs/study-format.md, "Risk of bias"); null
/// when it has none.
Json risk_of_bias_json(const core::RobAssessment* a) {
  if (!a) return nullptr;
  Json out{{"tool", a->tool}, {"assessor", a->assessor}, {"date", a->date}, {"where", where_json(a->where)}};
  if (!a->applicable()) {
    out["reason"] = a->overall.support;
    return out;
  }
  Json domains = Json::array();
  for (const core::RobJudgment& d : a->domains) {
    if (d.judgment.empty()) continue;  // a RoB 1 domain the study file does not judge
    Json j = judgment_json(d);
    j["domain"] = d.domain;
    domains.push_back(std::move(j));
  }
  out["domains"] = std::move(domains);
  // RoB 1 has no overall judgment unless the study file gives one.
  out["overall"] = a->overall.judgment.empty() ? Json(nullptr) : judgment_json(a->overall);
  return out;
}

/// The arm data a row was computed from: only the escalc arguments that are set.
Json input_json(const effect::StudyInput& in) {
  const std::pair<const char*, double> fields[] = {
      {"ai", in.ai},       {"n1i", in.n1i},   {"ci", in.ci},           {"n2i", in.n2i},
      {"xi", in.xi},       {"ni", in.ni},     {"m1i", in.m1i},         {"sd1i", in.sd1i},
      {"m2i", in.m2i},     {"sd2i", in.sd2i}, {"hr", in.hr},           {"hr_ci_lb", in.hr_ci_lb},
      {"hr_ci_ub", in.hr_ci_ub}, {"o_minus_e", in.o_minus_e}, {"v", in.v}};
  Json out = Json::object();
  for (const auto& [name, value] : fields)
    if (!std::isnan(value)) out[name] = value;
  if (!std::isnan(in.hr)) out["hr_level"] = in.hr_level;
  return out;
}

/// The status of the numbers pooled for a row and, for each, where it was read.
Json provenance_json(const RowInfo& row) {
  Json numbers = Json::array();
  for (const PooledNumber& n : row.pooled)
    numbers.push_back(Json{{"name", n.name},
                           {"printed", n.printed},
                           {"status", std::string(core::to_string(n.prov.status))},
                           {"source", n.prov.source},
                           {"source_type", std::string(core::to_string(n.source_type))},
                           {"at", n.prov.at},
                           {"note", n.prov.note}});
  const auto status = pooled_status(row);
  return Json{{"status", status ? Json(std::string(core::to_string(*status))) : Json(nullptr)},
              {"secondary_source", pooled_from_secondary(row)},
              {"numbers", numbers}};
}

/// The analysis' settings: the model spec, and `pooling` ("MH", "PETO") when the common effect
/// is not pooled by inverse variance (absent means "IV", so files written before it read alike)
/// with `mh_q_convention`: a random-effects model was fitted with RevMan 5's Mantel-Haenszel Q.
Json analysis_settings_json(const Analysis& a) {
  Json j = model::settings_json(a.settings.model, a.settings.effect);
  if (a.pooling == model::Method::FE) return j;
  j["pooling"] = std::string(model::to_string(a.pooling));
  j["mh_q_convention"] = a.model != ModelChoice::Common && mh_q_convention(a.pooling, a.settings.model);
  return j;
}

Json optional_fit(const std::optional<model::Fit>& f, const effect::EffectTable& es) {
  return f ? model::fit_json(*f, es) : Json(nullptr);
}

Json analysis_json(const AnalysisResult& r);

Json optional_judgment(const std::optional<methods::GradeJudgment>& j) {
  return j ? Json(methods::to_string(*j)) : Json(nullptr);
}

/// The reason code and the numbers behind a domain's suggestion (present/ words them).
Json domain_reason(const CertaintyResult& c, methods::GradeDomain d) {
  const auto opt = [](const std::optional<double>& x) { return x ? json_number(*x) : Json(nullptr); };
  switch (d) {
    case methods::GradeDomain::RiskOfBias: {
      const auto& s = c.risk_of_bias;
      return Json{{"reason", methods::to_string(s.reason)},
                  {"weight_high", json_number(s.high)},
                  {"weight_some", json_number(s.some)},
                  {"weight_no_information", json_number(s.no_information)},
                  {"weight_not_assessed", json_number(s.not_assessed)}};
    }
    case methods::GradeDomain::Inconsistency: {
      const auto& s = c.inconsistency;
      return Json{{"reason", methods::to_string(s.reason)},
                  {"k", s.k},
                  {"I2", opt(s.I2)},
                  {"pi_crosses_null", s.pi_crosses_null ? Json(*s.pi_crosses_null) : Json(nullptr)},
                  {"opposite_sides", s.opposite_sides},
                  {"non_overlapping", s.non_overlapping}};
    }
    case methods::GradeDomain::Indirectness: return Json{{"reason", "committee"}};
    case methods::GradeDomain::Imprecision: {
      const auto& s = c.imprecision;
      return Json{{"reason", methods::to_string(s.reason)},
                  {"crosses_null", s.crosses_null},
                  {"ois_kind", methods::to_string(s.ois_kind)},
                  {"ois", opt(s.ois)},
                  {"observed", opt(s.observed)},
                  {"rrr", json_number(s.rrr)}};
    }
    case methods::GradeDomain::PublicationBias: {
      const auto& s = c.publication_bias;
      return Json{{"reason", methods::to_string(s.reason)}, {"k", s.k}, {"zval", opt(s.zval)}, {"pval", opt(s.pval)}};
    }
  }
  return Json(nullptr);
}

Json certainty_json(const std::optional<CertaintyResult>& opt) {
  if (!opt) return Json(nullptr);
  const CertaintyResult& c = *opt;
  if (!c.estimable) return Json{{"estimable", false}};
  Json domains = Json::array();
  for (const DomainCertainty& d : c.domains) {
    Json j = domain_reason(c, d.domain);
    j["id"] = methods::to_string(d.domain);
    j["suggested"] = optional_judgment(d.suggested);
    j["judgment"] = optional_judgment(d.judgment);
    j["footnote"] = d.footnote;
    j["used"] = methods::to_string(d.used());
    j["departs"] = d.departs();
    domains.push_back(std::move(j));
  }
  Json upgrades = Json::array();
  for (const UpgradeCertainty& u : c.upgrades)
    upgrades.push_back(Json{{"id", methods::to_string(u.upgrade)},
                            {"suggested", u.suggested ? Json(*u.suggested) : Json(nullptr)},
                            {"levels", u.levels ? Json(*u.levels) : Json(nullptr)},
                            {"footnote", u.footnote}});
  Json absolute = nullptr;
  if (c.absolute)
    absolute = Json{{"comparator", json_number(c.absolute->comparator)},
                    {"intervention", json_number(c.absolute->intervention)},
                    {"intervention_lb", json_number(c.absolute->intervention_lb)},
                    {"intervention_ub", json_number(c.absolute->intervention_ub)},
                    {"difference", json_number(c.absolute->difference)},
                    {"difference_lb", json_number(c.absolute->difference_lb)},
                    {"difference_ub", json_number(c.absolute->difference_ub)},
                    {"per", 1000}};
  constexpr const char* kSources[] = {"none", "declared", "control-arms"};
  return Json{{"estimable", true},
              {"judged", c.judged},
              {"starting_level",
               {{"level", methods::to_string(c.start.level)},
                {"randomised", c.start.randomised},
                {"non_randomised", c.start.non_randomised},
                {"mixed", c.start.mixed},
                {"robins_i", c.start.robins_i}}},
              {"domains", domains},
              {"upgrades", upgrades},
              {"certainty", methods::to_string(c.certainty)},
              {"studies", c.studies},
              {"participants", json_number(c.participants)},
              {"participants_unknown", c.size_unknown},
              {"events", json_number(c.events)},
              {"estimate", json_number(c.estimate)},
              {"ci_lb", json_number(c.ci_lb)},
              {"ci_ub", json_number(c.ci_ub)},
              {"follow_up", c.follow_up},
              {"comparator_risk",
               {{"value", json_number(c.comparator_risk)},
                {"source", kSources[static_cast<int>(c.comparator_source)]},
                {"text", c.comparator_risk_text},
                {"risk_time", c.risk_time}}},
              {"absolute", absolute}};
}

Json rows_json(const AnalysisResult& r) {
  const double level = r.analysis->settings.model.level;
  const double z = stats::z_crit(level);
  Json rows = Json::array();
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const RowInfo& row = r.rows[i];
    const double yi = r.es.yi[i], vi = r.es.vi[i];
    const double sei = std::sqrt(vi);
    // Ref: metafor summary.escalc: yi -/+ z_(1-alpha/2) sqrt(vi), at the analysis' level.
    const double lb = yi - z * sei, ub = yi + z * sei;
    const std::vector<double> ni{r.es.ni[i]};
    const auto back = [&](double x) {
      return std::isfinite(x) ? json_number(effect::back_transform(r.es.measure, x, ni)) : Json(nullptr);
    };
    const auto weight = [&](const std::optional<model::Fit>& f) {
      return f ? json_number(f->weights.at(i)) : Json(nullptr);
    };
    rows.push_back(Json{{"study", row.study},
                        {"outcome", row.outcome},
                        {"label", row.label},
                        {"year", row.year ? Json(*row.year) : Json(nullptr)},
                        {"subgroup", row.subgroup},
                        {"flag", row.flag},
                        {"excluded_by_policy", row.excluded_by_policy},
                        {"note", row.note},
                        {"input", input_json(r.es.input[i])},
                        {"yi", json_number(yi)},
                        {"vi", json_number(vi)},
                        {"sei", json_number(sei)},
                        {"ci_lb", json_number(lb)},
                        {"ci_ub", json_number(ub)},
                        {"ni", json_number(r.es.ni[i])},
                        {"included", r.es.included[i]},
                        {"corrected", static_cast<bool>(r.es.corrected[i])},
                        {"es_note", r.es.note[i]},
                        {"transformed", {{"estimate", back(yi)}, {"ci_lb", back(lb)}, {"ci_ub", back(ub)}}},
                        {"weight_common", weight(r.common)},
                        {"weight_random", weight(r.random)},
                          {"risk_of_bias", risk_of_bias_json(row.risk_of_bias)},
                          {"provenance", provenance_json(row)}});
  }
  return rows;
}

Json subgroups_json(const AnalysisResult& r) {
  Json out = Json::array();
  for (const SubgroupResult& g : r.subgroups) {
    effect::EffectTable part;  // the subgroup's sizes, in the order of its fits' weights
    part.measure = r.es.measure;
    for (const std::size_t i : g.rows) part.ni.push_back(r.es.ni[i]);
    out.push_back(Json{{"name", g.name},
                       {"rows", g.rows},
                       {"common", optional_fit(g.common, part)},
                       {"random", optional_fit(g.random, part)}});
  }
  return out;
}

/// The fit a sensitivity result is compared on: random effects when fitted (as the headline).
const std::optional<model::Fit>& headline_fit(const AnalysisResult& r) { return r.random ? r.random : r.common; }

Json optional_value(const std::optional<double>& x) { return x ? json_number(*x) : Json(nullptr); }

/// One declared sensitivity analysis: what it changed and its headline fit, on the model's
/// scale (metafor's rma() on the changed data) and back-transformed.
Json sensitivity_json(const AnalysisResult& r) {
  const Analysis& a = *r.analysis;
  const Sensitivity* declared = r.declared;
  Json swaps = Json::array();
  const auto& f = headline_fit(r);
  Json out{{"id", r.sensitivity_id},
           {"title", r.sensitivity_label},
           // "floor-se": generated by the analysis' implausible="floor-se"; else a <sensitivity>.
           {"source", declared ? "sensitivity" : "floor-se"},
           {"model", f ? (r.random ? "random" : "common") : ""},
           {"k", f ? Json(f->k) : Json(nullptr)},
           {"estimate", f ? json_number(f->estimate()) : Json(nullptr)},
           {"se", f ? json_number(f->se.at(0)) : Json(nullptr)},
           {"pval", f ? json_number(f->pval.at(0)) : Json(nullptr)},
           {"ci_lb", f ? json_number(f->ci_lb.at(0)) : Json(nullptr)},
           {"ci_ub", f ? json_number(f->ci_ub.at(0)) : Json(nullptr)},
           {"tau2", f ? optional_value(f->tau2) : Json(nullptr)},
           {"I2", f ? optional_value(f->I2) : Json(nullptr)},
           {"not_pooled", r.not_pooled},
           {"overrides", a.overrides},
           {"settings", analysis_settings_json(a)},
           {"rows", rows_json(r)},  // as the primary's: floor-se's floored SEs and notes are here
           {"common", optional_fit(r.common, r.es)},
           {"random", optional_fit(r.random, r.es)}};
  if (declared) {
    for (const Swap& x : declared->swaps)
      swaps.push_back(Json{{"row", x.row}, {"study", x.data.study}, {"outcome", x.data.outcome}});
    out["exclude"] = declared->exclude;
    out["exclude_design"] = declared->exclude_non_randomised ? "non-randomised" : "";
    out["exclude_flagged"] = declared->exclude_implausible ? "implausible" : "";
    out["exclude_rob"] = declared->exclude_high_rob ? "high" : "";
    out["rob_excluded"] = declared->rob_excluded;
    out["swaps"] = swaps;
  }
  return out;
}

/// metafor leave1out()'s columns, one row per study of the headline fit, in input order.
Json leave_one_out_json(const AnalysisResult& r) {
  if (!r.leave_one_out) return nullptr;
  Json rows = Json::array();
  for (const methods::LeaveOneOutRow& row : r.leave_one_out->rows) {
    Json j{{"study", r.rows.at(row.row).study}, {"label", r.rows.at(row.row).label}};
    if (const auto& x = row.fit) {
      j.update(Json{{"estimate", json_number(x->estimate)}, {"se", json_number(x->se)}, {"pval", json_number(x->pval)},
                    {"ci_lb", json_number(x->ci_lb)},       {"ci_ub", json_number(x->ci_ub)}, {"Q", json_number(x->Q)},
                    {"tau2", optional_value(x->tau2)},     {"I2", optional_value(x->I2)}});
    }
    rows.push_back(std::move(j));
  }
  return Json{{"rows", rows}};
}

/// A method's table (metafor's column names) as rows naming their study.
Json method_rows_json(const AnalysisResult& r, const methods::MethodResult& m) {
  Json rows = Json::array();
  for (std::size_t i = 0; i < m.rows.size(); ++i) {
    Json j{{"study", r.rows.at(m.rows[i]).study}, {"label", r.rows.at(m.rows[i]).label}};
    for (std::size_t c = 0; c < m.columns.size(); ++c) j[m.columns[c]] = json_number(m.values.at(i).at(c));
    rows.push_back(std::move(j));
  }
  return rows;
}

Json distribution_json(const methods::Distribution& d) {
  return Json{{"min", json_number(d.min)},       {"q1", json_number(d.q1)},   {"median", json_number(d.median)},
              {"q3", json_number(d.q3)},         {"max", json_number(d.max)}, {"mean", json_number(d.mean)}};
}

// The influence, cumulative and GOSH outputs an analysis asks for; null when it has none.
Json influence_json(const AnalysisResult& r) {
  return r.influence ? Json{{"rows", method_rows_json(r, *r.influence)}} : Json(nullptr);
}

Json cumulative_json(const AnalysisResult& r) {
  if (!r.cumulative) return nullptr;
  const methods::Cumulative& c = *r.cumulative;
  return Json{{"order", r.analysis->cumulative},
              {"rows", method_rows_json(r, methods::refit_table("cumulative", c.spec, c.rows))}};
}

Json gosh_json(const AnalysisResult& r) {
  if (!r.gosh) return nullptr;
  const methods::GoshSummary g = methods::summarize(*r.gosh);
  return Json{{"fits", g.fits},
              {"estimate", distribution_json(g.estimate)},
              {"I2", distribution_json(g.I2)},
              {"tau2", distribution_json(g.tau2)}};
}

/// <small-study>: what was asked, and the tests and trim-and-fill when k >= 10 (metafor's names).
Json small_study_json(const AnalysisResult& r) {
  if (!r.small_study || !r.analysis || !r.analysis->small_study) return nullptr;
  const SmallStudyDecl& d = *r.analysis->small_study;
  const SmallStudyResult& s = *r.small_study;
  Json asked = Json::array();
  for (const SmallStudyTest t : d.tests) asked.push_back(to_string(t));
  Json tests = Json::array();
  for (const SmallStudyTestResult& t : s.tests) {
    Json j{{"test", to_string(t.test)}, {"error", t.error}};
    if (t.error.empty())
      j.update(Json{{"statistic", t.statistic},
                    {"value", json_number(t.value)},
                    {"df", t.df ? json_number(*t.df) : Json()},
                    {"pval", json_number(t.pval)}});
    tests.push_back(std::move(j));
  }
  Json trimfill = nullptr;
  if (const auto& t = s.trimfill) {
    Json filled = Json::array();
    for (std::size_t i = 0; i < t->fill_yi.size(); ++i)
      filled.push_back(Json{{"yi", json_number(t->fill_yi[i])}, {"vi", json_number(t->fill_vi[i])}});
    trimfill = Json{{"estimator", methods::to_string(t->options.estimator)},
                    {"side", methods::to_string(t->side)},
                    {"k0", t->k0},
                    {"se_k0", t->se_k0 ? json_number(*t->se_k0) : Json()},
                    {"k", t->k + t->k0},
                    {"estimate", json_number(t->estimate)},
                    {"se", json_number(t->se)},
                    {"pval", json_number(t->pval)},
                    {"ci_lb", json_number(t->ci_lb)},
                    {"ci_ub", json_number(t->ci_ub)},
                    {"tau2", t->tau2 ? json_number(*t->tau2) : Json()},
                    {"filled", filled}};
  }
  return Json{{"tests_asked", asked},
              {"trimfill_asked", d.trimfill},
              {"k", s.k},
              {"tested", s.tested},
              {"not_tested", s.tested ? "" : "fewer-than-10-studies"},
              {"tests", tests},
              {"trimfill", trimfill},
              {"trimfill_error", s.trimfill_error}};
}

/// <meta-regression>: what was asked, whether k is below 10 studies per modelled moderator,
/// and the fit with the keys `pool --mods --json` gives it (metafor's names); `error` says why
/// there is no fit when the run's rows could not make the design.
Json meta_regression_json(const AnalysisResult& r) {
  if (!r.meta_regression || !r.analysis || !r.analysis->meta_regression) return nullptr;
  const MetaRegressionDecl& d = *r.analysis->meta_regression;
  const MetaRegressionResult& m = *r.meta_regression;
  Json out{{"moderators", d.moderators},
           {"factor", d.factors},
           {"k", m.k},
           {"too_few_studies", m.too_few_studies()},
           {"error", m.error}};
  if (m.fit) out.update(Json(model::metareg_json(*m.fit)));
  return out;
}

Json analysis_json(const AnalysisResult& r) {
  const Analysis& a = *r.analysis;
  Json findings = Json::array();
  for (const auto& f : r.findings) findings.push_back(finding_json(f));
  Json declared = Json::array();
  for (const auto& s : r.sensitivity_analyses) declared.push_back(sensitivity_json(s));
  Json test = nullptr;
  if (r.subgroup_test)
    test = Json{{"Q", json_number(r.subgroup_test->Q)},
                {"df", json_number(r.subgroup_test->df)},
                {"p", json_number(r.subgroup_test->p)},
                {"model", r.subgroup_test->model},
                {"tau2", r.subgroup_test->tau2_common ? "common" : "separate"},
                {"tau2_common", r.subgroup_test->tau2_common ? json_number(*r.subgroup_test->tau2_common) : Json()}};
  Json out{{"id", a.id},
              {"title", a.title},
              {"endpoint", a.endpoint},
              {"measure", core::to_string(a.measure)},
              {"model", to_string(a.model)},
              {"note", a.note},
              {"sort", a.sort},
              {"subgroup_variable", a.subgroup_variable},
              {"implausible", to_string(a.implausible)},
              {"prediction_interval", a.prediction_interval},
              // The random-effects fit below keeps metafor's pi_lb/pi_ub; reports leave them out below 3 studies.
              {"prediction_interval_shown",
               a.prediction_interval && r.random && model::prediction_not_shown(r.random->k, r.random->spec.pi_dist).empty()},
              {"prediction_interval_note", r.random && a.prediction_interval ? model::prediction_not_shown(r.random->k, r.random->spec.pi_dist) : ""},
              {"labels",
               {{"experimental", a.label_experimental},
                {"control", a.label_control},
                {"favours_left", a.favours_left},
                {"favours_right", a.favours_right}}},
              {"overrides", a.overrides},
              {"settings", analysis_settings_json(a)},
              {"rows", rows_json(r)},
              {"common", optional_fit(r.common, r.es)},
              {"random", optional_fit(r.random, r.es)},
              {"subgroups", subgroups_json(r)},
              {"subgroup_test", test},
              {"findings", findings},
              {"not_pooled", r.not_pooled},
              {"sensitivity_analyses", declared},
              {"leave_one_out", leave_one_out_json(r)},
              {"influence", influence_json(r)},
              {"cumulative", cumulative_json(r)},
              {"gosh", gosh_json(r)},
              {"small_study", small_study_json(r)},
              {"certainty", certainty_json(r.certainty)}};
  // Only analyses that ask for one carry the key, so results.json of the others is unchanged.
  if (Json m = meta_regression_json(r); !m.is_null()) out["meta_regression"] = std::move(m);
  return out;
}

}  // namespace

Json results_json(const ReviewResult& result) {
  const Review& r = *result.review;
  Json included = Json::array();
  for (const core::Study* s : result.included)
    included.push_back(Json{{"id", s->id},
                            {"trial", s->trial},
                            {"year", s->year},
                            {"label", s->short_label()},
                            {"citation", s->citation},
                            {"design", s->design},
                            {"file", s->file},
                            {"sha256", s->sha256}});
  Json excluded = Json::array();
  for (const Excluded& x : r.excluded)
    excluded.push_back(Json{{"study", x.study}, {"citation", x.citation}, {"reason", x.reason}});
  Json analyses = Json::array();
  for (const AnalysisResult& a : result.analyses) analyses.push_back(analysis_json(a));
  return Json{{"review",
               {{"id", r.id},
                {"title", r.title},
                {"question",
                 {{"population", r.question.population},
                  {"intervention", r.question.intervention},
                  {"comparator", r.question.comparator},
                  {"outcomes", r.question.outcomes}}},
                {"note", r.note},
                {"file", r.file},
                {"sha256", r.sha256},
                {"included", included},
                {"excluded", excluded}}},
              {"analyses", analyses}};
}

}  // namespace metareview::review
