// Confidence intervals as printed: the estimate inside its CI, a ratio's CI symmetric on the
// log scale (a difference's on the linear scale), and a level other than 95% made visible.
#include <algorithm>
#include <cmath>

#include "check/families.h"
#include "check/precision.h"
#include "check/text.h"
#include "core/error.h"
#include "core/format.h"
#include "stats/distributions.h"
#include "stats/tests.h"

namespace metareview::check::detail {
namespace {

// Above this share of the CI's half-width, an estimate off the CI's midpoint is more likely a
// misprint than a CI of another kind (profile likelihood, exact): inconsistent, not a note.
constexpr double kAsymmetryMisprint = 0.25;

// The distance between two intervals (0 when they overlap).
double gap(double lo1, double hi1, double lo2, double hi2) { return std::max({0.0, lo2 - hi1, lo1 - hi2}); }

void contains(const core::Study& s, const core::Outcome& o, const core::Estimate& e, Findings& out) {
  const core::Number &v = e.value, &lb = *e.ci_lb, &ub = *e.ci_ub;
  const std::string ci = "(" + lb.printed + "–" + ub.printed + ")";
  Severity sev = Severity::Ok;
  std::string msg;
  if (lb.value > ub.value) {
    sev = Severity::Inconsistent;
    msg = e.measure + " CI " + ci + " has its lower bound above its upper bound";
  } else if (v.value < lb.value - half_unit(v.decimals) - half_unit(lb.decimals) ||
             v.value > ub.value + half_unit(v.decimals) + half_unit(ub.decimals)) {
    sev = Severity::Inconsistent;
    msg = e.measure + ' ' + v.printed + " lies outside its CI " + ci;
  } else {
    msg = e.measure + ' ' + v.printed + " lies inside its CI " + ci;
  }
  Finding& f = add(out, s, &o, "ci-contains-estimate", sev, msg, e.where);
  f.reported = v.value;
  f.reported_text = v.printed;
}

// A Wald CI is estimate * exp(+-z SE) for a ratio, estimate +- z SE for a difference: the
// estimate is its (geometric) midpoint. Compared after rounding: the midpoint reachable from
// bounds inside their rounding intervals against the estimate's own rounding interval.
void symmetry(const core::Study& s, const core::Outcome& o, const core::Estimate& e, Findings& out) {
  const core::Number &v = e.value, &lb = *e.ci_lb, &ub = *e.ci_ub;
  const bool ratio = is_ratio(e.measure);
  if (lb.value >= ub.value || (ratio && (lb.value <= 0 || v.value <= 0))) return;
  const double hv = half_unit(v.decimals), hl = half_unit(lb.decimals), hu = half_unit(ub.decimals);
  // The scale on which a Wald CI is symmetric.
  const auto scale = [ratio](double x) { return ratio ? std::log(std::max(x, 1e-300)) : x; };
  const auto unscale = [ratio](double x) { return ratio ? std::exp(x) : x; };
  const double mid = unscale((scale(lb.value) + scale(ub.value)) / 2);
  const Range reachable{unscale((scale(lb.value - hl) + scale(ub.value - hu)) / 2),
                        unscale((scale(lb.value + hl) + scale(ub.value + hu)) / 2)};
  const Agreement ag = agree(v, mid, reachable, /*truncation=*/false);
  const int d = v.decimals + 2;
  const std::string ci = "(" + lb.printed + "–" + ub.printed + ")";
  const std::string midpoint = ratio ? "√(" + lb.printed + " × " + ub.printed + ") = " + fixed(mid, d)
                                     : "(" + lb.printed + " + " + ub.printed + ")/2 = " + fixed(mid, d);
  const std::string what = ratio ? "geometric midpoint" : "midpoint";
  Severity sev = Severity::Ok;
  std::string msg;
  if (agrees(ag)) {
    msg = e.measure + ' ' + v.printed + " is the " + what + " of its CI " + ci + ": " + midpoint +
          agreement_clause(ag, reachable, v.decimals, "bounds");
  } else {
    const double half_width = (scale(ub.value) - scale(lb.value)) / 2;
    const double off = gap(scale(std::max(v.value - hv, 1e-300)), scale(v.value + hv), scale(reachable.lo),
                           scale(reachable.hi));
    const double share = off / half_width;
    sev = share > kAsymmetryMisprint ? Severity::Inconsistent : Severity::Note;
    msg = e.measure + ' ' + v.printed + " is not the " + what + " of its CI " + ci + ": " + midpoint + " (" +
          fixed(reachable.lo, d) + " to " + fixed(reachable.hi, d) + " within the rounding of the bounds), so the CI is not " +
          (ratio ? "symmetric on the log scale" : "symmetric") + "; the estimate is off by " +
          core::format_fixed(100 * share, 0) + "% of the CI's " + (ratio ? "log " : "") + "half-width" +
          (sev == Severity::Inconsistent ? " (a misprint?)" : " (a CI of another kind, or rounded inputs)");
  }
  Finding& f = add(out, s, &o, ratio ? "ci-log-symmetry" : "ci-symmetry", sev, msg, e.where);
  f.reported = v.value;
  f.reported_text = v.printed;
  f.recomputed = mid;
  f.recomputed_text = fixed(mid, d);
}

void level(const core::Study& s, const core::Outcome& o, const core::Estimate& e, Findings& out) {
  const std::string lvl = core::format_plain(e.level) + "%";
  std::string msg = lvl + " CI";
  Severity sev = Severity::Ok;
  if (e.level != 95) {
    sev = Severity::Note;
    msg = estimate_text(e) + ": a " + lvl + " CI, not 95%";
    if (is_ratio(e.measure) && e.ci_lb->value > 0 && e.ci_lb->value < e.ci_ub->value && e.value.value > 0) {
      // Ref: stats::log_se_from_ci (SE from a CI at any level), then the 95% Wald CI.
      const double se = stats::log_se_from_ci(e.ci_lb->value, e.ci_ub->value, e.level);
      const double z95 = stats::z_crit(95);
      const int d = std::max(2, e.value.decimals);
      msg += ": SE(log " + e.measure + ") = (ln " + e.ci_ub->printed + " − ln " + e.ci_lb->printed + ")/(2 × " +
             fixed(stats::z_crit(e.level), 3) + ") = " + fixed(se, 3) + ", so the 95% CI is " +
             fixed(std::exp(std::log(e.value.value) - z95 * se), d) + "–" +
             fixed(std::exp(std::log(e.value.value) + z95 * se), d);
    }
  }
  Finding& f = add(out, s, &o, "ci-level", sev, msg, e.where);
  f.reported = e.level;
  f.reported_text = core::format_plain(e.level);
}

}  // namespace

void check_intervals(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.estimate || !o.estimate->ci_lb || !o.estimate->ci_ub) return;
  const core::Estimate& e = *o.estimate;
  contains(s, o, e, out);
  if (e.measure != "percent") symmetry(s, o, e, out);  // binomial CIs are not symmetric
  level(s, o, e, out);
}

}  // namespace metareview::check::detail
