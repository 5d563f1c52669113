#include "review/certainty.h"

#include "core/risk_of_bias.h"

#include <cmath>

#include "core/error.h"
#include "core/measure_info.h"
#include "effect/transform.h"
#include "review/analysis.h"
#include "stats/distributions.h"

namespace metareview::review {
namespace {

using methods::GradeDomain;
using methods::GradeJudgment;
constexpr double kNaN = methods::kGradeNaN;

/// A row's size and events, summed over the two arms of its outcome; NaN where an arm lacks one.
struct RowCounts {
  double participants = 0, events = 0;
};

/// Participants: the effect table's sizes (2x2, proportions, means); for hazard ratios the
/// outcome's arm sizes, else the arms' randomised, else analysed counts. Events: the
/// outcome's per-arm events (what a time-to-event outcome reports).
RowCounts row_counts(const AnalysisResult& a, std::size_t i, const core::StudySet& studies) {
  RowCounts c;
  const core::Study* s = studies.find(a.rows[i].study);
  const core::Outcome* o = s ? s->outcome(a.rows[i].outcome) : nullptr;
  if (!o) return {kNaN, kNaN};
  for (const std::string& arm : {o->experimental, o->control}) {
    const core::ArmData* d = o->arm_data(arm);
    const core::Arm* info = s->arm(arm);
    if (d && d->n) c.participants += d->n->value;
    else if (info && info->randomised) c.participants += info->randomised->value;
    else if (info && info->analysed) c.participants += info->analysed->value;
    else c.participants = kNaN;
    c.events += d && d->events ? d->events->value : kNaN;
  }
  if (std::isfinite(a.es.ni.at(i))) c.participants = a.es.ni[i];
  return c;
}

std::optional<GradeJudgment> suggestion_of(const CertaintyResult& c, GradeDomain d) {
  switch (d) {
    case GradeDomain::RiskOfBias: return c.risk_of_bias.suggested;
    case GradeDomain::Inconsistency: return c.inconsistency.suggested;
    case GradeDomain::Indirectness: return std::nullopt;  // a committee judgment only
    case GradeDomain::Imprecision: return c.imprecision.suggested;
    case GradeDomain::PublicationBias: return c.publication_bias.suggested;
  }
  return std::nullopt;
}

}  // namespace

GradeJudgment DomainCertainty::used() const {
  if (judgment) return *judgment;
  return suggested.value_or(GradeJudgment::NotSerious);
}

// RoB 2 and ROBINS-I overall judgments on one scale: ROBINS-I moderate is RoB 2's "some
// concerns", serious and critical its "high" (GRADE Handbook 5.2.1; Schünemann et al. 2019).
// Ref: Guyatt GH et al. GRADE guidelines 4: rating the quality of evidence, study limitations
// (risk of bias). J Clin Epidemiol 2011;64:407-15 (table 3), and Cochrane Handbook 5.1 table
// 8.7.a / section 12.2.2: RoB 1's "unclear risk" is a plausible bias that raises some doubt,
// the counterpart of RoB 2's "some concerns". RoB 1 has no overall judgment of its own: without
// one in the study file the row is no information, never a summary derived here.
methods::RobConcern rob_concern(const core::RobAssessment* r) {
  if (!r || !r->applicable()) return methods::RobConcern::not_assessed;
  const std::string& j = r->overall.judgment;
  if (j == "low") return methods::RobConcern::low;
  if (j == "some-concerns" || j == "moderate" || j == "unclear") return methods::RobConcern::some;
  if (j == "high" || j == "serious" || j == "critical") return methods::RobConcern::high;
  return methods::RobConcern::no_information;
}

RobInput rob_input(const AnalysisResult& a, const core::StudySet& studies) {
  RobInput in;
  bool every_nrs_robins = true, any_nrs = false;
  for (const RowInfo& row : a.rows) {
    in.concerns.push_back(rob_concern(row.risk_of_bias));
    const core::Study* s = studies.find(row.study);
    if (s && methods::is_randomised_design(s->design)) continue;
    any_nrs = true;
    every_nrs_robins = every_nrs_robins && row.risk_of_bias && row.risk_of_bias->tool == "robins-i";
  }
  in.robins_i = any_nrs && every_nrs_robins;
  return in;
}

CertaintyResult assess_certainty(const AnalysisResult& a, const core::StudySet& studies, const RobInput& rob) {
  if (rob.concerns.size() != a.rows.size())
    throw Error("review::assess_certainty: " + std::to_string(rob.concerns.size()) + " risk-of-bias concerns for " +
                std::to_string(a.rows.size()) + " rows");
  const Analysis& an = *a.analysis;
  const core::Measure m = an.measure;
  CertaintyResult c;
  const std::vector<std::size_t> usable = a.es.usable_rows();
  c.studies = static_cast<int>(usable.size());
  const model::Fit* fit = a.random ? &*a.random : a.common ? &*a.common : nullptr;

  // The estimate on the analysis scale: the primary fit's, or the one usable study's own.
  double est = kNaN, lb = kNaN, ub = kNaN;
  if (fit) {
    est = fit->estimate(), lb = fit->ci_lb.at(0), ub = fit->ci_ub.at(0);
  } else if (usable.size() == 1) {
    const std::size_t i = usable[0];
    // Ref: metafor summary.escalc: yi -/+ z_(1-alpha/2) sqrt(vi).
    const double z = stats::z_crit(an.settings.model.level);
    est = a.es.yi[i], lb = est - z * std::sqrt(a.es.vi[i]), ub = est + z * std::sqrt(a.es.vi[i]);
  }
  c.estimable = std::isfinite(est);
  if (!c.estimable) return c;
  std::vector<double> ni;
  for (const std::size_t i : usable) ni.push_back(a.es.ni[i]);
  c.estimate = effect::back_transform(m, est, ni);
  c.ci_lb = effect::back_transform(m, lb, ni);
  c.ci_ub = effect::back_transform(m, ub, ni);

  std::vector<std::string> designs;
  std::vector<methods::RobRow> rob_rows;
  double participants = 0, events = 0, control_events = 0, control_total = 0;
  for (const std::size_t i : usable) {
    const core::Study* s = studies.find(a.rows[i].study);
    designs.push_back(s ? s->design : "");
    rob_rows.push_back({fit ? fit->weights.at(i) : 100.0, rob.concerns[i]});
    const RowCounts counts = row_counts(a, i, studies);
    if (std::isfinite(counts.participants)) participants += counts.participants;
    else c.size_unknown.push_back(a.rows[i].label);
    events += counts.events;
    control_events += a.es.input[i].ci;
    control_total += a.es.input[i].n2i;
  }
  c.participants = participants;
  c.events = m == core::Measure::HR ? events : kNaN;
  c.start = methods::starting_level(designs, rob.robins_i);
  c.risk_of_bias = methods::suggest_risk_of_bias(rob_rows);

  if (fit) {
    c.inconsistency = methods::suggest_inconsistency(*fit, core::null_value(m));
  } else {
    model::Fit one;
    one.k = c.studies;
    c.inconsistency = methods::suggest_inconsistency(one, core::null_value(m));
  }

  methods::ImprecisionInput imp;
  imp.ci_lb = lb, imp.ci_ub = ub, imp.null = core::null_value(m);
  // Ref: Guyatt et al. (2011) J Clin Epidemiol 64:1283: the OIS takes the control-arm risk.
  if (core::is_binary_two_group(m) && control_total > 0) imp.control_risk = control_events / control_total;
  imp.participants = c.size_unknown.empty() ? participants : kNaN;
  imp.events = c.events;
  c.imprecision = methods::suggest_imprecision(m, imp);
  c.publication_bias = methods::suggest_publication_bias(a.es, fit ? fit->spec : an.settings.model);
  const bool randomised = c.start.randomised > 0;
  c.large_effect = methods::suggest_large_effect(m, c.estimate, randomised);

  const CertaintyDecl* decl = an.certainty ? &*an.certainty : nullptr;
  c.judged = decl != nullptr;
  int down = 0, up = 0;
  for (const GradeDomain d : methods::grade_domains()) {
    DomainCertainty dc;
    dc.domain = d;
    dc.suggested = suggestion_of(c, d);
    if (decl) {
      for (const DomainJudgment& j : decl->domains)
        if (j.domain == d) dc.judgment = j.judgment, dc.footnote = j.footnote;
    }
    down += static_cast<int>(dc.used());
    c.domains.push_back(std::move(dc));
  }
  if (!randomised) {
    for (const auto u : {methods::GradeUpgrade::LargeEffect, methods::GradeUpgrade::DoseResponse,
                         methods::GradeUpgrade::PlausibleConfounding}) {
      UpgradeCertainty uc;
      uc.upgrade = u;
      if (u == methods::GradeUpgrade::LargeEffect && c.large_effect.applicable) uc.suggested = c.large_effect.levels;
      if (decl) {
        uc.levels = 0;
        for (const UpgradeJudgment& j : decl->upgrades)
          if (j.upgrade == u) uc.levels = j.levels, uc.footnote = j.footnote;
      }
      up += uc.levels ? *uc.levels : uc.suggested.value_or(0);
      c.upgrades.push_back(std::move(uc));
    }
  }
  c.certainty = methods::final_certainty(c.start.level, down, up);

  // Summary of findings: the comparator risk, declared or from the control arms.
  if (decl) c.follow_up = decl->follow_up, c.risk_time = decl->risk_time;
  if (decl && decl->comparator_risk) {
    c.comparator_source = ComparatorSource::Declared;
    c.comparator_risk = *decl->comparator_risk;
    c.comparator_risk_text = decl->comparator_risk_source;
  } else if (core::is_binary_two_group(m) && control_total > 0) {
    // Ref: GRADE Handbook 5.2.1: the control-arm risk of the studies is the usual assumed risk.
    c.comparator_source = ComparatorSource::ControlArms;
    c.comparator_risk = control_events / control_total;
  }
  if (core::is_proportion(m) || c.comparator_source != ComparatorSource::None)
    c.absolute = methods::absolute_effect(m, c.comparator_risk, c.estimate, c.ci_lb, c.ci_ub);
  return c;
}

}  // namespace metareview::review
