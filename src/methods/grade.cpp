#include "methods/grade.h"

#include <algorithm>
#include <cmath>

#include "core/codes.h"
#include "core/error.h"
#include "core/format.h"
#include "methods/regtest.h"
#include "stats/distributions.h"

namespace metareview::methods {
namespace {

constexpr auto kDomains = core::enum_codes<GradeDomain>({{GradeDomain::RiskOfBias, "risk-of-bias"},
                                                         {GradeDomain::Inconsistency, "inconsistency"},
                                                         {GradeDomain::Indirectness, "indirectness"},
                                                         {GradeDomain::Imprecision, "imprecision"},
                                                         {GradeDomain::PublicationBias, "publication-bias"}});
constexpr auto kUpgrades = core::enum_codes<GradeUpgrade>({{GradeUpgrade::LargeEffect, "large-effect"},
                                                           {GradeUpgrade::DoseResponse, "dose-response"},
                                                           {GradeUpgrade::PlausibleConfounding, "plausible-confounding"}});
constexpr auto kJudgments = core::enum_codes<GradeJudgment>({{GradeJudgment::NotSerious, "not-serious"},
                                                             {GradeJudgment::Serious, "serious"},
                                                             {GradeJudgment::VerySerious, "very-serious"}});
constexpr auto kCertainties = core::enum_codes<Certainty>({{Certainty::VeryLow, "very-low"},
                                                           {Certainty::Low, "low"},
                                                           {Certainty::Moderate, "moderate"},
                                                           {Certainty::High, "high"}});
constexpr GradeDomain kDomainOrder[] = {GradeDomain::RiskOfBias, GradeDomain::Inconsistency, GradeDomain::Indirectness,
                                        GradeDomain::Imprecision, GradeDomain::PublicationBias};

GradeJudgment judgment_of(int levels) {
  return levels <= 0 ? GradeJudgment::NotSerious : levels == 1 ? GradeJudgment::Serious : GradeJudgment::VerySerious;
}

/// (z_{1-alpha/2} + z_{power})^2, the factor every sample-size formula here shares.
double z_factor(const char* fn, double alpha, double power) {
  if (!(alpha > 0 && alpha < 1)) throw Error(std::string(fn) + ": alpha " + core::format_plain(alpha) + " is not in (0, 1)");
  if (!(power > 0 && power < 1)) throw Error(std::string(fn) + ": power " + core::format_plain(power) + " is not in (0, 1)");
  // z_crit(level) is the two-sided critical value: z_{1-alpha/2} at level 100(1-alpha), and
  // z_{power} (one-sided) at level 100(2 power - 1).
  const double za = stats::z_crit(100 * (1 - alpha));
  const double zb = stats::z_crit(100 * (2 * power - 1));
  return (za + zb) * (za + zb);
}

}  // namespace

std::string_view to_string(GradeDomain d) { return kDomains.code(d); }
std::string_view to_string(GradeUpgrade u) { return kUpgrades.code(u); }
std::string_view to_string(GradeJudgment j) { return kJudgments.code(j); }
std::string_view to_string(Certainty c) { return kCertainties.code(c); }
std::optional<GradeDomain> parse_grade_domain(std::string_view code) { return kDomains.parse(code); }
std::optional<GradeUpgrade> parse_grade_upgrade(std::string_view code) { return kUpgrades.parse(code); }
std::optional<GradeJudgment> parse_grade_judgment(std::string_view code) { return kJudgments.parse(code); }
std::string valid_grade_domains() { return kDomains.valid(); }
std::string valid_grade_upgrades() { return kUpgrades.valid(); }
std::string valid_grade_judgments() { return kJudgments.valid(); }
std::span<const GradeDomain> grade_domains() { return kDomainOrder; }

std::string_view to_string(RiskOfBiasSuggestion::Reason r) {
  using R = RiskOfBiasSuggestion::Reason;
  static constexpr auto k = core::enum_codes<R>({{R::NotAssessed, "not-assessed"},
                                                 {R::MostHigh, "most-weight-high"},
                                                 {R::MostConcerns, "most-weight-concerns"},
                                                 {R::MostLow, "most-weight-low"}});
  return k.code(r);
}
std::string_view to_string(InconsistencySuggestion::Reason r) {
  using R = InconsistencySuggestion::Reason;
  static constexpr auto k = core::enum_codes<R>({{R::SingleStudy, "single-study"},
                                                 {R::Considerable, "i2-considerable"},
                                                 {R::Substantial, "i2-substantial"},
                                                 {R::OppositeSides, "opposite-sides"},
                                                 {R::Low, "consistent"}});
  return k.code(r);
}
std::string_view to_string(ImprecisionSuggestion::Reason r) {
  using R = ImprecisionSuggestion::Reason;
  static constexpr auto k = core::enum_codes<R>({{R::NoNull, "no-null"},
                                                 {R::CrossesAndBelowOis, "crosses-null-and-below-ois"},
                                                 {R::CrossesNull, "crosses-null"},
                                                 {R::BelowOis, "below-ois"},
                                                 {R::Precise, "precise"}});
  return k.code(r);
}
std::string_view to_string(ImprecisionSuggestion::Ois o) {
  using O = ImprecisionSuggestion::Ois;
  static constexpr auto k = core::enum_codes<O>({{O::Participants, "participants"},
                                                 {O::Events, "events"},
                                                 {O::NoControlRisk, "no-control-risk"},
                                                 {O::NoEvents, "no-events"},
                                                 {O::NotForMeasure, "not-for-measure"}});
  return k.code(o);
}
std::string_view to_string(PublicationBiasSuggestion::Reason r) {
  using R = PublicationBiasSuggestion::Reason;
  static constexpr auto k = core::enum_codes<R>({{R::TooFewStudies, "fewer-than-10-studies"},
                                                 {R::Asymmetry, "asymmetry"},
                                                 {R::NoAsymmetry, "no-asymmetry"},
                                                 {R::TestFailed, "test-failed"}});
  return k.code(r);
}

// ---- starting level ----------------------------------------------------------------------------

bool is_randomised_design(std::string_view design) { return design == "randomised-controlled-trial"; }

StartingLevel starting_level(std::span<const std::string> designs, bool robins_i) {
  if (designs.empty()) throw Error("methods::starting_level: no rows");
  StartingLevel s;
  for (const auto& d : designs) ++(is_randomised_design(d) ? s.randomised : s.non_randomised);
  s.mixed = s.randomised > 0 && s.non_randomised > 0;
  s.robins_i = s.non_randomised > 0 && robins_i;
  // Ref: GRADE Handbook 5.2; Schünemann et al. (2019) J Clin Epidemiol 111:105 (ROBINS-I starts high).
  s.level = s.randomised > 0 || s.robins_i ? Certainty::High : Certainty::Low;
  return s;
}

// ---- risk of bias --------------------------------------------------------------------------------

RiskOfBiasSuggestion suggest_risk_of_bias(std::span<const RobRow> rows) {
  if (rows.empty()) throw Error("methods::suggest_risk_of_bias: no rows");
  double total = 0;
  for (const auto& r : rows) {
    if (!std::isfinite(r.weight) || r.weight < 0)
      throw Error("methods::suggest_risk_of_bias: weight " + core::format_plain(r.weight) + " is not a non-negative number");
    total += r.weight;
  }
  if (!(total > 0)) throw Error("methods::suggest_risk_of_bias: the weights add up to 0");
  RiskOfBiasSuggestion s;
  for (const auto& r : rows) {
    const double share = 100 * r.weight / total;
    switch (r.concern) {
      case RobConcern::low: break;
      case RobConcern::some: s.some += share; break;
      case RobConcern::high: s.high += share; break;
      case RobConcern::no_information: s.no_information += share; break;
      case RobConcern::not_assessed: s.not_assessed += share, ++s.rows_not_assessed; break;
    }
  }
  // Ref: Guyatt et al. (2011) J Clin Epidemiol 64:407 (GRADE 4) and GRADE Handbook 5.2.1: rate
  // down when most of the information comes from studies with limitations, by two levels
  // when most comes from studies at high risk.
  if (s.rows_not_assessed > 0) {
    s.reason = RiskOfBiasSuggestion::Reason::NotAssessed;
  } else if (s.high > 50) {
    s.suggested = GradeJudgment::VerySerious, s.reason = RiskOfBiasSuggestion::Reason::MostHigh;
  } else if (s.high + s.some + s.no_information > 50) {
    s.suggested = GradeJudgment::Serious, s.reason = RiskOfBiasSuggestion::Reason::MostConcerns;
  } else {
    s.suggested = GradeJudgment::NotSerious, s.reason = RiskOfBiasSuggestion::Reason::MostLow;
  }
  return s;
}

// ---- inconsistency ---------------------------------------------------------------------------

InconsistencySuggestion suggest_inconsistency(const model::Fit& fit, std::optional<double> null) {
  using R = InconsistencySuggestion::Reason;
  InconsistencySuggestion s;
  s.k = fit.k;
  if (fit.k < 2) {
    s.reason = R::SingleStudy;
    return s;
  }
  s.I2 = fit.I2;
  if (null) {
    s.ci_crosses_null = fit.ci_lb.at(0) <= *null && *null <= fit.ci_ub.at(0);
    if (fit.pi_lb && fit.pi_ub) s.pi_crosses_null = *fit.pi_lb <= *null && *null <= *fit.pi_ub;
  }
  // Ref: metafor summary.escalc: yi -/+ z_(1-alpha/2) sqrt(vi), at the fit's level.
  const double z = stats::z_crit(fit.spec.level);
  bool below = false, above = false;
  double max_lb = -INFINITY, min_ub = INFINITY;
  for (std::size_t i = 0; i < fit.yi.size(); ++i) {
    if (!fit.included.at(i) || !std::isfinite(fit.yi[i]) || !std::isfinite(fit.vi[i])) continue;
    const double lb = fit.yi[i] - z * std::sqrt(fit.vi[i]), ub = fit.yi[i] + z * std::sqrt(fit.vi[i]);
    below = below || (null && ub < *null);
    above = above || (null && lb > *null);
    max_lb = std::max(max_lb, lb);
    min_ub = std::min(min_ub, ub);
  }
  s.opposite_sides = below && above;
  s.non_overlapping = max_lb > min_ub;
  // Ref: Cochrane Handbook 10.10.2 (I2 50-90% substantial, 75-100% considerable); Guyatt et al.
  // (2011) J Clin Epidemiol 64:1294 (GRADE 7): point estimates on both sides of the null,
  // non-overlapping CIs and a large I2 rate down.
  const double i2 = fit.I2.value_or(0);
  const bool pi_crosses_only = s.pi_crosses_null.value_or(false) && !s.ci_crosses_null;
  if (i2 >= 75 && (s.opposite_sides || pi_crosses_only || (!null && s.non_overlapping))) {
    s.suggested = GradeJudgment::VerySerious, s.reason = R::Considerable;
  } else if (i2 >= 50) {
    s.suggested = GradeJudgment::Serious, s.reason = R::Substantial;
  } else if (s.opposite_sides) {
    s.suggested = GradeJudgment::Serious, s.reason = R::OppositeSides;
  } else {
    s.suggested = GradeJudgment::NotSerious, s.reason = R::Low;
  }
  return s;
}

// ---- imprecision -----------------------------------------------------------------------------

double optimal_information_size(double p_c, double rrr, double alpha, double power) {
  if (!(p_c > 0 && p_c < 1))
    throw Error("methods::optimal_information_size: control risk " + core::format_plain(p_c) + " is not in (0, 1)");
  if (!(rrr > 0 && rrr < 1))
    throw Error("methods::optimal_information_size: relative risk reduction " + core::format_plain(rrr) +
                " is not in (0, 1)");
  const double p_e = p_c * (1 - rrr);
  // Ref: Guyatt et al. (2011) J Clin Epidemiol 64:1283 (GRADE 6), the conventional sample size
  // of a two-arm trial: n per group = (z_{1-a/2} + z_{1-b})^2 [p_c(1-p_c) + p_e(1-p_e)] / (p_c - p_e)^2.
  const double per_group =
      z_factor("methods::optimal_information_size", alpha, power) * (p_c * (1 - p_c) + p_e * (1 - p_e)) /
      ((p_c - p_e) * (p_c - p_e));
  return 2 * std::ceil(per_group);
}

double required_events(double hr, double alpha, double power) {
  if (!(hr > 0) || hr == 1 || !std::isfinite(hr))
    throw Error("methods::required_events: hazard ratio " + core::format_plain(hr) + " is not a positive number other than 1");
  // Ref: Schoenfeld (1983) Biometrics 39:499: D = 4 (z_{1-a/2} + z_{1-b})^2 / (ln HR)^2 for 1:1 allocation.
  const double l = std::log(hr);
  return std::ceil(4 * z_factor("methods::required_events", alpha, power) / (l * l));
}

ImprecisionSuggestion suggest_imprecision(core::Measure m, const ImprecisionInput& in) {
  using R = ImprecisionSuggestion::Reason;
  using O = ImprecisionSuggestion::Ois;
  ImprecisionSuggestion s;
  s.rrr = in.rrr;
  if (!in.null) {
    s.reason = R::NoNull;
    return s;
  }
  s.crosses_null = in.ci_lb <= *in.null && *in.null <= in.ci_ub;
  bool below_ois = false;
  if (core::is_binary_two_group(m)) {
    if (!(in.control_risk > 0 && in.control_risk < 1)) {
      s.ois_kind = O::NoControlRisk;
    } else {
      s.ois_kind = O::Participants;
      s.ois = optimal_information_size(in.control_risk, in.rrr, in.alpha, in.power);
      if (std::isfinite(in.participants)) s.observed = in.participants;
    }
  } else if (m == core::Measure::HR) {
    s.ois_kind = O::Events;
    // The hazard ratio of a relative risk reduction `rrr` under proportional hazards.
    s.ois = required_events(1 - in.rrr, in.alpha, in.power);
    if (std::isfinite(in.events)) s.observed = in.events;
    else s.ois_kind = O::NoEvents;
  }
  below_ois = s.ois && s.observed && *s.observed < *s.ois;
  // Ref: Guyatt et al. (2011) J Clin Epidemiol 64:1283 (GRADE 6): rate down when the CI
  // includes no effect and appreciable benefit or harm, and when the total sample size (or
  // number of events) is below the optimal information size.
  const int levels = (s.crosses_null ? 1 : 0) + (below_ois ? 1 : 0);
  s.suggested = judgment_of(levels);
  s.reason = s.crosses_null && below_ois ? R::CrossesAndBelowOis
             : s.crosses_null           ? R::CrossesNull
             : below_ois                ? R::BelowOis
                                        : R::Precise;
  return s;
}

// ---- publication bias ------------------------------------------------------------------------

PublicationBiasSuggestion suggest_publication_bias(const effect::EffectTable& es, const model::ModelSpec& spec) {
  using R = PublicationBiasSuggestion::Reason;
  PublicationBiasSuggestion s;
  s.k = static_cast<int>(es.usable_rows().size());
  // Ref: Cochrane Handbook 13.3.5.4: tests for funnel plot asymmetry need at least 10 studies.
  if (s.k < kMinStudiesForBiasTest) {
    s.reason = R::TooFewStudies;
    return s;
  }
  try {
    // Ref: Egger et al. (1997) BMJ 315:629, as metafor's regtest(model = "rma", predictor = "sei").
    const Regtest egger = regtest(es, spec);
    s.zval = egger.zval;
    s.pval = egger.pval;
  } catch (const Error&) {
    s.reason = R::TestFailed;
    return s;
  }
  // Ref: Egger et al. (1997): p < 0.10 as the signal of asymmetry.
  const bool signal = *s.pval < 0.10;
  s.suggested = signal ? GradeJudgment::Serious : GradeJudgment::NotSerious;
  s.reason = signal ? R::Asymmetry : R::NoAsymmetry;
  return s;
}

// ---- rating up -------------------------------------------------------------------------------

LargeEffectSuggestion suggest_large_effect(core::Measure m, double estimate, bool randomised) {
  LargeEffectSuggestion s;
  s.estimate = estimate;
  s.applicable = !randomised && (m == core::Measure::RR || m == core::Measure::OR || m == core::Measure::HR) &&
                 std::isfinite(estimate) && estimate > 0;
  if (!s.applicable) return s;
  // Ref: Guyatt et al. (2011) J Clin Epidemiol 64:1311 (GRADE 9): RR > 2 or < 0.5 one level, > 5 or < 0.2 two.
  const double r = estimate < 1 ? 1 / estimate : estimate;
  s.levels = r > 5 ? 2 : r > 2 ? 1 : 0;
  return s;
}

Certainty final_certainty(Certainty start, int levels_down, int levels_up) {
  const int level = std::clamp(static_cast<int>(start) - levels_down + levels_up, 0, 3);
  return static_cast<Certainty>(level);
}

// ---- absolute effects ------------------------------------------------------------------------

std::optional<AbsoluteEffect> absolute_effect(core::Measure m, double p_c, double est, double lb, double ub) {
  using core::Measure;
  AbsoluteEffect a;
  if (core::is_proportion(m)) {
    a.intervention = 1000 * est, a.intervention_lb = 1000 * lb, a.intervention_ub = 1000 * ub;
    return a;
  }
  double (*risk)(double, double) = nullptr;
  switch (m) {
    // Ref: Cochrane Handbook 15.4.4: risk with intervention = p_c x RR.
    case Measure::RR: risk = [](double p, double x) { return p * x; }; break;
    // Ref: Cochrane Handbook 15.4.4: risk with intervention = OR p_c / (1 - p_c + OR p_c).
    case Measure::OR: risk = [](double p, double x) { return x * p / (1 - p + x * p); }; break;
    // Ref: Cochrane Handbook 14.1.5: risk at a time t with intervention = 1 - (1 - p_c(t))^HR.
    case Measure::HR: risk = [](double p, double x) { return 1 - std::pow(1 - p, x); }; break;
    case Measure::RD: risk = [](double p, double x) { return p + x; }; break;
    default: return std::nullopt;
  }
  if (!(p_c > 0 && p_c < 1))
    throw Error("methods::absolute_effect: comparator risk " + core::format_plain(p_c) + " is not in (0, 1)");
  // Each risk is increasing in the effect, so the CI bounds map to the bounds.
  a.comparator = 1000 * p_c;
  a.intervention = 1000 * risk(p_c, est);
  a.intervention_lb = 1000 * risk(p_c, lb);
  a.intervention_ub = 1000 * risk(p_c, ub);
  a.difference = a.intervention - a.comparator;
  a.difference_lb = a.intervention_lb - a.comparator;
  a.difference_ub = a.intervention_ub - a.comparator;
  return a;
}

}  // namespace metareview::methods
