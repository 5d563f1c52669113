// Numbers a study of this size cannot produce: a ratio's CI narrower than its patients or
// events allow, an SD or mean incompatible with the printed range.
#include <algorithm>
#include <cmath>

#include "check/checks.h"
#include "check/families.h"
#include "check/precision.h"
#include "check/text.h"
#include "core/error.h"
#include "core/format.h"
#include "stats/distributions.h"
#include "stats/tests.h"

namespace metareview::check {
namespace {

// What the minimum SE of a log ratio rests on, for the message.
struct SeBound {
  double min_se = 0;
  std::string with;  ///< "80 patients analysed", "431 events", "arms of 201 and 99"
  std::string but;   ///< "at most 80 patients were analysed", "only 80 events were observed"
};

// The sizes of the experimental and control arms behind an outcome.
std::optional<std::pair<double, double>> arm_ns(const core::Study& s, const core::Outcome& o) {
  const auto [e, c] = detail::two_arms(o);
  const auto n = [&](const core::ArmData* d, const std::string& id) {
    return d ? detail::outcome_arm_n(s, *d) : detail::arm_size(s, id);
  };
  const auto n1 = n(e, o.experimental), n2 = n(c, o.control);
  if (!n1 || !n2 || *n1 <= 0 || *n2 <= 0) return std::nullopt;
  return std::pair{*n1, *n2};
}

// `ratio` is the RR at which the RR bound is evaluated (the printed one, or the value within
// its rounding interval nearest 1, which gives the weakest bound).
std::optional<SeBound> se_bound(const core::Study& s, const core::Outcome& o, std::optional<double> ratio) {
  const std::string measure = o.estimate ? o.estimate->measure : (o.kind == core::OutcomeKind::TimeToEvent ? "HR" : "");
  if (measure == "HR") {
    // Ref: Tierney et al. (2007), Trials 8:16: Var(log HR) ~ 1/V with V the log-rank variance,
    // V = E r/(1 + r)^2 <= E/4 (r the allocation ratio). Exactly so for a Cox model's Wald SE:
    // its information for the treatment term is a sum over events of the variance of a 0/1
    // covariate in the risk set (<= 1/4 each), and adjusting for covariates only lowers it
    // (a Schur complement). So SE >= 2/sqrt(E), and E <= N gives SE >= 2/sqrt(N).
    const auto [e, c] = detail::two_arms(o);
    if (e && c && e->events && c->events && e->events->value + c->events->value > 0) {
      const double events = e->events->value + c->events->value;
      const std::string e_text = core::format_count(events);
      return SeBound{2 / std::sqrt(events), e_text + " events", "only " + e_text + " events were observed"};
    }
    std::optional<double> n;
    if (const auto ns = arm_ns(s, o)) n = ns->first + ns->second;
    if (!n && o.subgroup_n) n = o.subgroup_n->value;
    if (!n) return std::nullopt;
    const std::string n_text = core::format_count(*n);
    return SeBound{2 / std::sqrt(*n), n_text + " patients analysed", "at most " + n_text + " patients were analysed"};
  }
  const auto ns = arm_ns(s, o);
  if (!ns) return std::nullopt;
  const auto [n1, n2] = *ns;
  const std::string arms = "arms of " + core::format_count(n1) + " and " + core::format_count(n2);
  if (measure == "OR") {
    // Woolf: Var(log OR) = 1/a + 1/(n1 - a) + 1/c + 1/(n2 - c), and 1/a + 1/(n1 - a) >= 4/n1
    // (equality at a = n1/2), so Var >= 4/n1 + 4/n2. A logistic model's Wald variance obeys the
    // same bound: the information for the arm term given the intercept is W1 W0/(W1 + W0) with
    // W = sum of p(1 - p) <= n/4 per arm, i.e. at most n1 n2/(4(n1 + n2)), and covariates only
    // lower it. Ref: Woolf (1955), Ann Hum Genet 19:251.
    return SeBound{2 * std::sqrt(1 / n1 + 1 / n2), arms, arms + " allow no less"};
  }
  if (measure == "RR" && ratio && *ratio > 0) {
    // Katz: Var(log RR) = (1 - p1)/(n1 p1) + (1 - p2)/(n2 p2), each term falling as its p grows.
    // With p1 = RR p2 and both p <= 1, it is smallest at p2 = min(1, 1/RR): (1 - RR)/(n1 RR)
    // for RR < 1, (RR - 1)/n2 for RR > 1. Ref: Katz et al. (1978), Biometrics 34:469.
    const double r = *ratio;
    const double var = r < 1 ? (1 - r) / (n1 * r) : (r - 1) / n2;
    if (var <= 0) return std::nullopt;
    const std::string at = arms + " at RR " + core::format_plain(r);
    return SeBound{std::sqrt(var), at, at + " allow no less"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> min_plausible_se(const core::Study& study, const core::Outcome& outcome) {
  std::optional<double> ratio;
  if (outcome.estimate) ratio = outcome.estimate->value.value;
  const auto b = se_bound(study, outcome, ratio);
  return b ? std::optional<double>(b->min_se) : std::nullopt;
}

namespace detail {
namespace {

void se_plausibility(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.estimate || !o.estimate->ci_lb || !o.estimate->ci_ub) return;
  const core::Estimate& e = *o.estimate;
  const core::Number &v = e.value, &lb = *e.ci_lb, &ub = *e.ci_ub;
  if (!is_ratio(e.measure) || !(lb.value > 0 && lb.value < ub.value && e.level > 0 && e.level < 100)) return;
  // The RR bound is weakest at the RR nearest 1 that rounds to the printed one.
  const double h = half_unit(v.decimals);
  const double weakest = v.value < 1 ? std::min(1.0, v.value + h) : std::max(1.0, v.value - h);
  const auto bound = se_bound(s, o, weakest);
  if (!bound) return;
  const double se = stats::log_se_from_ci(lb.value, ub.value, e.level);
  // The widest CI that rounds to the printed one.
  const double se_max = stats::log_se_from_ci(std::max(lb.value - half_unit(lb.decimals), 1e-300),
                                              ub.value + half_unit(ub.decimals), e.level);
  std::string implied = estimate_text(e) + " implies SE " + fixed(se, 3);
  if (e.measure == "HR") implied += " (≈ " + core::format_count(4 / (se * se)) + " events)";
  const std::string min_text = fixed(bound->min_se, 3);
  Severity sev = Severity::Ok;
  std::string msg;
  if (se_max < bound->min_se) {
    sev = Severity::Implausible;
    msg = implied + ", but " + bound->but + ": minimum SE " + min_text;
  } else {
    msg = implied + "; the minimum SE with " + bound->with + " is " + min_text;
    if (se < bound->min_se)
      msg += ", reached only within the rounding of the CI (SE up to " + fixed(se_max, 3) + ")";
  }
  Finding& f = add(out, s, &o, "se-plausibility", sev, msg, e.where);
  f.reported = se;
  f.reported_text = fixed(se, 3);
  f.recomputed = bound->min_se;
  f.recomputed_text = min_text;
}

// A log-rank chi2 (or z) printed with an HR: the statistic is (O - E)^2/V and the Peto
// estimate is ln HR = (O - E)/V, so chi2 = (ln HR)^2 V, and V <= events/4 <= N/4 (see
// se_bound). Ref: Yusuf et al. (1985), Prog Cardiovasc Dis 27:335; Tierney et al. (2007),
// Trials 8:16. A Cox HR is not the Peto HR, so the bound is judged at the HR within its
// rounding nearest 1 (the loosest bound) and at the smallest statistic that rounds to the
// printed one; only a statistic beyond even that is impossible.
void statistic_plausibility(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.estimate || o.estimate->measure != "HR" || !(o.estimate->value.value > 0)) return;
  const core::Number& hr = o.estimate->value;
  const double h = half_unit(hr.decimals);
  const double weakest = hr.value < 1 ? std::min(1.0, hr.value + h) : std::max(1.0, hr.value - h);
  const auto bound = se_bound(s, o, weakest);
  if (!bound) return;
  for (const core::ReportedTest& t : o.tests) {
    if (!t.statistic || !(t.kind == "logrank-chi2" || t.kind == "chi2" || t.kind == "z")) continue;
    if (t.kind != "z" && t.df && *t.df != 1) continue;
    const core::Number& st = *t.statistic;
    const bool z = t.kind == "z";
    // chi2 = (ln HR / min SE)^2; z is its square root.
    const auto most = [&](double ratio) {
      const double chi2 = std::pow(std::log(ratio) / bound->min_se, 2);
      return z ? std::sqrt(chi2) : chi2;
    };
    const double at_printed = most(hr.value), loosest = most(weakest);
    const double smallest = std::max(0.0, std::fabs(st.value) - half_unit(st.decimals));
    const std::string symbol = z ? "z" : t.kind == "chi2" ? "chi²" : "log-rank chi²";
    const std::string allows = "HR " + hr.printed + " with " + bound->with + " allows at most " + fixed(at_printed, 2) +
                               " (" + symbol + (z ? " = |ln HR| √V" : " = (ln HR)² V") + ", V ≤ " +
                               (bound->with.find("events") != std::string::npos ? "events" : "patients") + "/4)";
    Severity sev = Severity::Ok;
    std::string msg;
    if (smallest > loosest) {
      sev = Severity::Implausible;
      msg = symbol + " " + st.printed + " is impossible: " + allows;
    } else {
      msg = symbol + " " + st.printed + " is possible: " + allows;
    }
    Finding& f = add(out, s, &o, "statistic-plausibility", sev, msg, st.where.line ? st.where : t.where);
    f.reported = std::fabs(st.value);
    f.reported_text = st.printed;
    f.recomputed = at_printed;
    f.recomputed_text = fixed(at_printed, 2);
  }
}

// The SD and mean of n values whose printed minimum and maximum are both attained.
// SD: the smallest spread puts the other n - 2 values at the midpoint, s^2 = R^2/(2(n - 1));
// the largest puts half the values at each end, s <= (R/2) sqrt(n/(n - 1)) (Popoviciu's
// inequality with Bessel's correction). Mean: between ((n - 1) min + max)/n and
// ((n - 1) max + min)/n. Every bound is taken at the most favourable rounding of the inputs.
void range_checks(const core::Study& s, const core::Outcome& o, Findings& out) {
  for (const core::Timepoint& tp : o.timepoints) {
    for (const core::ArmData& a : tp.arms) {
      if (!a.min || !a.max) continue;
      const std::optional<double> n = outcome_arm_n(s, a);
      if (!n || *n < 2 || a.max->value < a.min->value) continue;
      const double r = a.max->value - a.min->value;
      const double r_lo = std::max(0.0, r - half_unit(a.min->decimals) - half_unit(a.max->decimals));
      const double r_hi = r + half_unit(a.min->decimals) + half_unit(a.max->decimals);
      const std::string label = arm_label(s, a.arm) + ": ";
      const std::string range = core::format_count(*n) + " values ranging " + a.min->printed + "–" + a.max->printed;
      if (a.sd) {
        const core::Number& sd = *a.sd;
        const double smallest = r / std::sqrt(2 * (*n - 1)), smallest_lo = r_lo / std::sqrt(2 * (*n - 1));
        const double largest = r / 2 * std::sqrt(*n / (*n - 1)), largest_hi = r_hi / 2 * std::sqrt(*n / (*n - 1));
        const int d = sd.decimals + 1;
        Severity sev = Severity::Ok;
        std::string msg;
        double bound = smallest;
        if (sd.value + half_unit(sd.decimals) < smallest_lo) {
          sev = Severity::Implausible;
          msg = label + "SD " + sd.printed + " cannot come from " + range + ": the smallest SD with that range is " +
                fixed(r, a.max->decimals) + "/√(2 × " + core::format_count(*n - 1) + ") = " + fixed(smallest, d) +
                " (" + fixed(smallest_lo, d) + " allowing for rounding)";
        } else if (sd.value - half_unit(sd.decimals) > largest_hi) {
          sev = Severity::Implausible;
          bound = largest;
          msg = label + "SD " + sd.printed + " cannot come from " + range + ": the largest SD with that range is " +
                fixed(largest, d) + " (" + fixed(largest_hi, d) + " allowing for rounding)";
        } else {
          msg = label + "SD " + sd.printed + " is possible for " + range + " (between " + fixed(smallest, d) + " and " +
                fixed(largest, d) + ")";
        }
        Finding& f = add(out, s, &o, "sd-range", sev, msg, sd.where, tp.id);
        f.reported = sd.value;
        f.reported_text = sd.printed;
        f.recomputed = bound;
        f.recomputed_text = fixed(bound, d);
      }
      if (a.mean) {
        const core::Number& m = *a.mean;
        const double hm = half_unit(m.decimals);
        const double lo = ((*n - 1) * a.min->value + a.max->value) / *n;
        const double hi = ((*n - 1) * a.max->value + a.min->value) / *n;
        const double lo_min = lo - half_unit(a.min->decimals), hi_max = hi + half_unit(a.max->decimals);
        const int d = m.decimals;
        const bool ok = m.value + hm >= lo_min && m.value - hm <= hi_max;
        const std::string between = fixed(lo, d) + " to " + fixed(hi, d);
        Finding& f = add(out, s, &o, "mean-range", ok ? Severity::Ok : Severity::Implausible,
                         label + "mean " + m.printed + (ok ? " lies within what " : " lies outside what ") + range +
                             " allow (" + between + ")",
                         m.where, tp.id);
        f.reported = m.value;
        f.reported_text = m.printed;
        f.recomputed = m.value < lo ? lo : hi;
        f.recomputed_text = fixed(*f.recomputed, d);
      }
    }
  }
}

}  // namespace

void check_plausibility(const core::Study& s, const core::Outcome& o, Findings& out) {
  se_plausibility(s, o, out);
  statistic_plausibility(s, o, out);
  range_checks(s, o, out);
}

}  // namespace detail
}  // namespace metareview::check
