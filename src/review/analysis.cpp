#include "review/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "check/checks.h"
#include "core/error.h"
#include "core/format.h"
#include "core/measure_info.h"
#include "effect/escalc.h"
#include "methods/influence.h"
#include "model/mh_q.h"

namespace metareview::review {
namespace {

constexpr const char* kImplausibleFlag = "\u2020";  // dagger
constexpr const char* kIntegrityFlag = "\u2021";    // double dagger

/// The escalc input of one row, and why it cannot be estimated ("" when it can).
struct RowInput {
  effect::StudyInput input;
  std::string reason;
  std::vector<std::pair<std::string, const core::Number*>> numbers;  ///< what `input` was set from
};

std::string arm_name(const core::Study& s, const std::string& arm_id) {
  const core::Arm* a = s.arm(arm_id);
  return "arm '" + arm_id + "'" + (a && !a->label.empty() ? " (" + a->label + ")" : "");
}

/// Why an arm's events/total are unusable, or "".
std::string count_gap(const core::Study& s, const std::string& arm_id, const core::ArmData* d) {
  if (!d) return "not estimable: " + arm_name(s, arm_id) + " has no data for this outcome";
  if (d->events && d->total) return "";
  if (d->percent)
    return "not estimable: " + arm_name(s, arm_id) + " is printed as a percentage only (" + d->percent->printed +
           "%), with no count";
  return "not estimable: " + arm_name(s, arm_id) + " has no events and total";
}

const core::ArmData* timepoint_arm(const core::Timepoint& tp, const std::string& arm_id) {
  for (const auto& a : tp.arms)
    if (a.arm == arm_id) return &a;
  return nullptr;
}

std::string continuous_gap(const core::Study& s, const std::string& arm_id, const core::ArmData* d,
                           const std::string& timepoint) {
  const std::string at = " at timepoint '" + timepoint + "'";
  if (!d) return "not estimable: " + arm_name(s, arm_id) + " has no data" + at;
  if (!d->sd) return "not estimable: " + arm_name(s, arm_id) + " has no SD" + at;
  return "";
}

RowInput row_input(const core::Study& s, const core::Outcome& o, const DataRef& d, core::Measure m) {
  RowInput r;
  effect::StudyInput& in = r.input;
  if (o.kind == core::OutcomeKind::Generic) {
    // The study's estimate on the analysis scale (the review reader matched its measure to
    // m); metafor's rma(yi, sei = se) takes it with vi = se^2.
    in.yi = o.yi->value;
    in.vi = o.se->value * o.se->value;
    r.numbers = {{"yi", &*o.yi}, {"sei", &*o.se}};
  } else if (core::measure_info(m).family == core::InputFamily::TimeToEvent) {
    // The reported estimate and its CI at the printed level; the log-rank O - E and V
    // (Tierney 2007) when no CI is printed.
    const auto& e = o.estimate;
    if (e && e->measure == "HR" && e->ci_lb && e->ci_ub) {
      in.hr = e->value.value;
      in.hr_ci_lb = e->ci_lb->value;
      in.hr_ci_ub = e->ci_ub->value;
      in.hr_level = e->level;
      r.numbers = {{"hr", &e->value}, {"hr_ci_lb", &*e->ci_lb}, {"hr_ci_ub", &*e->ci_ub}};
    } else if (o.o_minus_e && o.v) {
      in.o_minus_e = o.o_minus_e->value;
      in.v = o.v->value;
      r.numbers = {{"o_minus_e", &*o.o_minus_e}, {"v", &*o.v}};
    } else {
      r.reason = e ? "not estimable: the HR is printed without a confidence interval"
                   : "not estimable: neither an HR with its CI nor the log-rank O - E and variance is printed";
    }
  } else if (core::is_binary_two_group(m)) {
    const core::ArmData* e = o.arm_data(o.experimental);
    const core::ArmData* c = o.arm_data(o.control);
    r.reason = count_gap(s, o.experimental, e);
    if (r.reason.empty()) r.reason = count_gap(s, o.control, c);
    if (r.reason.empty()) {
      in.ai = e->events->value;
      in.n1i = e->total->value;
      in.ci = c->events->value;
      in.n2i = c->total->value;
      r.numbers = {{"ai", &*e->events}, {"n1i", &*e->total}, {"ci", &*c->events}, {"n2i", &*c->total}};
    }
  } else if (core::is_proportion(m)) {
    const std::string arm = o.kind == core::OutcomeKind::Proportion ? o.arm : d.arm;
    const core::ArmData* a = o.arm_data(arm);
    r.reason = count_gap(s, arm, a);
    if (r.reason.empty()) {
      in.xi = a->events->value;
      in.ni = a->total->value;
      r.numbers = {{"xi", &*a->events}, {"ni", &*a->total}};
    }
  } else {
    const core::Timepoint* tp = nullptr;
    for (const auto& t : o.timepoints)
      if (t.id == d.timepoint) tp = &t;
    if (!tp) throw Error("review::run_review: outcome '" + o.id + "' has no timepoint '" + d.timepoint + "'");
    const core::ArmData* e = timepoint_arm(*tp, o.experimental);
    const core::ArmData* c = timepoint_arm(*tp, o.control);
    r.reason = continuous_gap(s, o.experimental, e, tp->id);
    if (r.reason.empty()) r.reason = continuous_gap(s, o.control, c, tp->id);
    if (r.reason.empty()) {
      in.m1i = e->mean->value;
      in.sd1i = e->sd->value;
      in.n1i = e->n->value;
      in.m2i = c->mean->value;
      in.sd2i = c->sd->value;
      in.n2i = c->n->value;
      r.numbers = {{"m1i", &*e->mean}, {"sd1i", &*e->sd}, {"n1i", &*e->n},
                   {"m2i", &*c->mean}, {"sd2i", &*c->sd}, {"n2i", &*c->n}};
    }
  }
  return r;
}

/// The common-effect spec that goes with an analysis: its pooling (inverse variance, MH or
/// Peto) with a z test at the analysis' level (Hartung-Knapp and prediction intervals belong
/// to random effects).
model::ModelSpec common_spec(const model::ModelSpec& random, model::Method pooling) {
  model::ModelSpec s = random;
  s.method = pooling;
  s.test = model::Test::Z;
  s.knha_adhoc = model::KnhaAdhoc::None;
  s.tau2_fixed.reset();
  return s;
}

/// RevMan 5's random-effects fits after MH pooling (mh_q_convention): each random-effects fit
/// refitted with tau2, Q and I2 from the MH estimate, and the test for subgroup differences
/// redone on those estimates (the reader allows only separate subgroup tau2 here).
void with_mh_q(model::SubgroupFits& fits, const effect::EffectTable& es, const model::ModelSpec& random) {
  fits.random = model::fit_random_mh_q(es, random);
  std::vector<model::SubgroupEstimate> between;
  for (model::SubgroupFit& g : fits.subgroups) {
    if (!g.random) continue;
    g.random = model::fit_random_mh_q(es.subset(g.rows), random);
    between.push_back({g.name, g.random->estimate(), g.random->se.at(0)});
  }
  if (fits.test_random) fits.test = model::subgroup_test(between);
}

/// Drops the prediction interval when the analysis does not show one.
void without_prediction(std::optional<model::Fit>& f) {
  if (!f) return;
  f->pi_lb.reset();
  f->pi_ub.reset();
  f->pi_df.reset();
}

/// Fits the overall and per-subgroup models of `r.es` and the test for subgroup differences,
/// or says why nothing is pooled.
void pool(AnalysisResult& r, const Analysis& a) {
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < r.es.k(); ++i)
    if (r.es.usable(i)) labels.push_back(r.rows[i].label);
  if (labels.size() < 2) {
    r.not_pooled = labels.empty() ? "not pooled: no study has usable data"
                                  : "not pooled: only one study has usable data (" + labels.front() + ")";
    return;
  }
  std::optional<model::ModelSpec> common, random;
  if (a.model != ModelChoice::Random) common = common_spec(a.settings.model, a.pooling);
  if (a.model != ModelChoice::Common) random = a.settings.model;
  model::SubgroupFits fits = model::fit_subgroups(r.es, common, random, a.subgroup_tau2);
  if (random && mh_q_convention(a.pooling, *random)) with_mh_q(fits, r.es, *random);
  // Ref: Deeks & Higgins (2010), RevMan 5 offers Peto as a fixed-effect method only; the
  // random-effects model stays the inverse-variance one (docs/review-format.md) and says so.
  if (fits.random && a.pooling == model::Method::PETO) {
    std::string& m = fits.random->message;
    m += std::string(m.empty() ? "" : "; ") + "random effects by inverse variance: Peto's method has no random-effects model";
  }
  if (!a.prediction_interval) {
    without_prediction(fits.random);
    for (auto& g : fits.subgroups) without_prediction(g.random);
  }
  r.common = std::move(fits.common);
  r.random = std::move(fits.random);
  if (a.subgroup_variable.empty()) return;  // the reader allows subgroups only with a heading
  r.subgroups = std::move(fits.subgroups);
  if (fits.test) r.subgroup_test = SubgroupTest{*fits.test, fits.test_random ? "random" : "common", fits.tau2_common};
}

std::string joined_messages(const std::vector<const check::Finding*>& findings) {
  std::string out;
  for (const auto* f : findings) out += (out.empty() ? "" : "; ") + f->message;
  return out;
}

// "5 implausible and 2 inconsistent findings in the publication's other results (pfs
// se-plausibility, ...)".
std::string integrity_summary(const std::vector<const check::Finding*>& findings) {
  std::size_t implausible = 0;
  std::string which;
  for (const auto* f : findings) {
    implausible += f->severity == check::Severity::Implausible;
    which += (which.empty() ? "" : ", ") + f->outcome + " " + f->check;
  }
  const std::size_t inconsistent = findings.size() - implausible;
  std::string counts;
  if (implausible > 0) counts = core::format_count(static_cast<double>(implausible)) + " implausible";
  if (inconsistent > 0)
    counts += (counts.empty() ? "" : " and ") + core::format_count(static_cast<double>(inconsistent)) + " inconsistent";
  return counts + (findings.size() == 1 ? " finding" : " findings") + " in the publication's other results (" + which + ")";
}

class Runner {
 public:
  explicit Runner(const core::StudySet& studies) : studies_(studies) {}
  AnalysisResult run(const Analysis& a);
  /// The primary analysis `a` refitted as sensitivity analysis `s` declares.
  AnalysisResult run(const Analysis& a, const Sensitivity& s);
  const std::vector<check::Finding>& findings_of(const core::Study& s);

 private:
  const core::Study& study(const std::string& id) const;
  const core::Outcome& outcome(const core::Study& s, const std::string& id) const;
  /// `escalc_included`: each row's inclusion before the implausible-row policy removed any.
  void floor_se(const AnalysisResult& main, const std::vector<std::size_t>& implausible,
                const std::vector<bool>& escalc_included, AnalysisResult& out);

  const core::StudySet& studies_;
  std::map<std::string, std::vector<check::Finding>> checked_;  // study id -> check_study()
};

const std::vector<check::Finding>& Runner::findings_of(const core::Study& s) {
  auto it = checked_.find(s.id);
  if (it == checked_.end()) it = checked_.emplace(s.id, check::check_study(s)).first;
  return it->second;
}

const core::Study& Runner::study(const std::string& id) const {
  const core::Study* s = studies_.find(id);
  if (!s) throw Error("review::run_review: study '" + id + "' is not in the study set");
  return *s;
}

const core::Outcome& Runner::outcome(const core::Study& s, const std::string& id) const {
  const core::Outcome* o = s.outcome(id);
  if (!o) throw Error("review::run_review: study '" + s.id + "' has no outcome '" + id + "'");
  return *o;
}

AnalysisResult Runner::run(const Analysis& a) {
  AnalysisResult r;
  r.analysis = &a;
  std::vector<effect::StudyInput> inputs;
  std::vector<std::string> reasons;
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const DataRef& d : a.data) {
    const core::Study& s = study(d.study);
    const core::Outcome& o = outcome(s, d.outcome);
    RowInfo info;
    info.study = s.id;
    info.outcome = o.id;
    info.label = d.label.empty() ? s.trial : d.label;
    if (s.year > 0) info.year = s.year;
    info.subgroup = d.subgroup;
    // RoB 2 judges a result, so the row takes the assessment of its own outcome.
    info.risk_of_bias = s.risk_of_bias_for(o.id);
    RowInput in = row_input(s, o, d, a.measure);
    for (const auto& named : in.numbers) {
      const core::Number& number = *named.second;
      const auto src = std::find_if(s.sources.begin(), s.sources.end(),
                                    [&](const core::Source& x) { return x.id == number.prov.source; });
      info.pooled.push_back(
          {named.first, number.printed, number.prov, src != s.sources.end() ? src->type : core::SourceType::Primary});
    }
    in.input.study = info.label;
    in.input.subgroup = d.subgroup;
    in.input.year = info.year;
    in.input.where = o.where;
    inputs.push_back(std::move(in.input));
    reasons.push_back(std::move(in.reason));
    pairs.emplace_back(s.id, o.id);
    r.rows.push_back(std::move(info));
  }
  r.es = effect::escalc(a.measure, inputs, a.settings.effect);
  const std::vector<bool> escalc_included = r.es.included;

  std::vector<std::size_t> implausible;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    RowInfo& row = r.rows[i];
    if (!reasons[i].empty()) {
      row.note = reasons[i];
      r.es.note[i] = reasons[i];
    }
    std::vector<const check::Finding*> bad, elsewhere;
    for (const check::Finding& f : findings_of(study(row.study))) {
      const bool failed = f.severity == check::Severity::Implausible || f.severity == check::Severity::Inconsistent;
      if (f.outcome != row.outcome) {
        if (failed) elsewhere.push_back(&f);
        continue;
      }
      r.findings.push_back(f);
      if (f.severity == check::Severity::Implausible) bad.push_back(&f);
    }
    // A publication whose other results fail the checks is in doubt as a whole (issue 12):
    // the row is flagged, never changed.
    if (bad.empty() && !elsewhere.empty()) {
      row.flag = kIntegrityFlag;
      const std::string why = "integrity in doubt: " + integrity_summary(elsewhere);
      row.note = row.note.empty() ? why : row.note + "; " + why;
    }
    if (bad.empty()) continue;
    implausible.push_back(i);
    row.flag = kImplausibleFlag;
    const std::string why = "implausible: " + joined_messages(bad);
    // floor-se keeps the impossible precision out of the main analysis too (issue 12): the
    // row enters only the sensitivity analysis, with its SE floored.
    if (a.implausible == ImplausiblePolicy::Exclude || a.implausible == ImplausiblePolicy::FloorSe) {
      row.excluded_by_policy = true;
      r.es.included[i] = false;
      r.es.note[i] = "excluded by the review's policy for implausible studies";
      row.note = "excluded (" + why + ")";
    } else if (row.note.empty()) {
      row.note = why;
    } else {
      row.note += "; " + why;
    }
  }
  const auto same_trial = check::check_pooled(studies_, pairs);
  r.findings.insert(r.findings.end(), same_trial.begin(), same_trial.end());

  pool(r, a);
  if (a.implausible == ImplausiblePolicy::FloorSe && !implausible.empty()) {
    AnalysisResult s;
    floor_se(r, implausible, escalc_included, s);
    r.sensitivity_analyses.push_back(std::move(s));
  }
  // Leave-one-out refits the model the headline reports: random effects when fitted.
  const std::optional<model::Fit>& headline = r.random ? r.random : r.common;
  if (a.leave_one_out && headline && headline->k >= 3) r.leave_one_out = methods::leave_one_out(r.es, headline->spec);
  // Influence and GOSH need 3 studies, as their commands do; cumulative needs 2.
  if (a.influence && headline && headline->k >= 3) r.influence = methods::influence_result(r.es, headline->spec);
  if (a.gosh && headline && headline->k >= 3) r.gosh = methods::gosh(r.es, headline->spec);
  if (!a.cumulative.empty() && headline && headline->k >= 2)
    r.cumulative = methods::cumulative(r.es, headline->spec, methods::cumulative_order(a.cumulative, r.es));
  // The small-study tests read the headline model too (metafor's regtest() refits the fit given).
  if (a.small_study && headline) r.small_study = small_study(r.es, headline->spec, headline->k, *a.small_study);
  if (a.meta_regression && headline) {
    std::vector<const core::Study*> row_studies;
    for (const RowInfo& row : r.rows) row_studies.push_back(studies_.find(row.study));
    r.meta_regression = review::meta_regression(r.es, headline->spec, *a.meta_regression, row_studies);
  }
  return r;
}

AnalysisResult Runner::run(const Analysis& a, const Sensitivity& s) {
  auto changed = std::make_shared<Analysis>(a);
  changed->data = s.data;
  changed->settings = s.settings;
  changed->overrides = s.overrides;
  changed->pooling = s.pooling;
  if (s.model) changed->model = *s.model;
  // floor-se's own sensitivity analysis belongs to the primary; here its implausible rows stay out.
  if (s.exclude_implausible || a.implausible == ImplausiblePolicy::FloorSe)
    changed->implausible = ImplausiblePolicy::Exclude;
  changed->sensitivities.clear();
  changed->leave_one_out = false;
  changed->influence = changed->gosh = false;
  changed->cumulative.clear();
  changed->small_study.reset();
  changed->meta_regression.reset();
  changed->certainty.reset();
  AnalysisResult r = run(*changed);
  r.sensitivity_id = s.id;
  r.declared = &s;
  r.sensitivity_label = s.title;
  r.refitted = std::move(changed);
  return r;
}

void Runner::floor_se(const AnalysisResult& main, const std::vector<std::size_t>& implausible,
                      const std::vector<bool>& escalc_included, AnalysisResult& out) {
  out.analysis = main.analysis;
  out.rows = main.rows;
  out.es = main.es;
  out.sensitivity_id = kFloorSeId;
  out.sensitivity_label = kFloorSeTitle;
  for (const std::size_t i : implausible) {
    RowInfo& row = out.rows[i];
    // The main analysis left the row out by policy; here it is pooled as escalc left it (a
    // row escalc dropped, e.g. by drop00, stays dropped).
    out.es.included[i] = escalc_included.at(i);
    row.excluded_by_policy = false;
    if (!out.es.usable(i)) continue;
    const core::Study& s = study(row.study);
    std::optional<double> floor = check::min_plausible_se(s, outcome(s, row.outcome));
    // Ref: SE(log HR) >= 2/sqrt(E) (check/plausibility.cpp); the review's documented bound on E.
    const std::optional<double> max_events = main.analysis->data.at(i).max_events;
    const bool by_events = max_events && (!floor || 2 / std::sqrt(*max_events) > *floor);
    if (by_events) floor = 2 / std::sqrt(*max_events);
    const double se = std::sqrt(out.es.vi[i]);
    const std::string why = by_events ? "the smallest at most " + core::format_count(*max_events) +
                                            " events allow (the review's bound)"
                                      : "the smallest its size allows";
    if (!floor) {
      row.note = "SE kept as reported: the study gives too little to bound it";
    } else if (se < *floor) {
      // The row's yi stays; only its variance rises to the bound.
      out.es.vi[i] = *floor * *floor;
      row.note = "SE raised from " + core::format_fixed(se, 3) + " to " + core::format_fixed(*floor, 3) + ", " + why;
    } else {
      row.note = "SE kept as reported: it is not below " + why;
    }
    out.es.note[i] = row.note;
  }
  pool(out, *main.analysis);
}

}  // namespace

std::optional<core::Status> pooled_status(const RowInfo& row) {
  std::optional<core::Status> out;
  for (const PooledNumber& n : row.pooled)
    if (!out || n.prov.status > *out) out = n.prov.status;
  return out;
}

bool pooled_from_secondary(const RowInfo& row) {
  return std::any_of(row.pooled.begin(), row.pooled.end(),
                     [](const PooledNumber& n) { return n.source_type == core::SourceType::Secondary; });
}

ReviewResult run_review(const Review& review, const core::StudySet& studies) {
  ReviewResult out;
  out.review = &review;
  for (const auto& id : review.included) {
    const core::Study* s = studies.find(id);
    if (!s) throw Error("review::run_review: review '" + review.id + "' includes study '" + id + "', which is not in the study set");
    out.included.push_back(s);
  }
  Runner runner(studies);
  for (const Analysis& a : review.analyses) {
    try {
      AnalysisResult result = runner.run(a);
      for (const Sensitivity& s : a.sensitivities) result.sensitivity_analyses.push_back(runner.run(a, s));
      result.certainty = assess_certainty(result, studies, rob_input(result, studies));
      out.analyses.push_back(std::move(result));
    } catch (const Error& e) {
      throw Error("review '" + review.id + "', analysis '" + a.id + "': " + e.what());
    }
  }
  for (const core::Study* s : out.included) {
    const auto& f = runner.findings_of(*s);
    out.findings.insert(out.findings.end(), f.begin(), f.end());
  }
  return out;
}

}  // namespace metareview::review
