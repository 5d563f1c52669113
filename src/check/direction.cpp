// Which way an effect goes, told twice: a ratio against the arms' medians or proportions, and
// the log-rank O - E against the HR. An opposite direction is inconsistent when the CI
// excludes no effect, and a note when it does not (crossing curves, a covariate-adjusted
// ratio, or a near-null effect can legitimately disagree with crude summaries).
#include <cmath>

#include "check/families.h"
#include "check/text.h"
#include "core/format.h"

namespace metareview::check::detail {
namespace {

// -1 when the ratio (or difference) is below its null, +1 above, 0 at it.
int side(double x, double null) { return x < null ? -1 : x > null ? 1 : 0; }

// Whether the CI excludes the null (nullopt without a CI).
std::optional<bool> excludes_null(const core::Estimate& e, double null) {
  if (!e.ci_lb || !e.ci_ub) return std::nullopt;
  return e.ci_ub->value < null || e.ci_lb->value > null;
}

Severity conflict_severity(const core::Estimate& e, double null) {
  return excludes_null(e, null).value_or(false) ? Severity::Inconsistent : Severity::Note;
}

void medians(const core::Study& s, const core::Outcome& o, Findings& out) {
  const core::Estimate& e = *o.estimate;
  const auto [de, dc] = two_arms(o);
  if (!de || !dc || !de->median || !dc->median) return;
  const std::string le = arm_label(s, o.experimental), lc = arm_label(s, o.control);
  const std::string unit = o.unit.empty() ? "" : " " + o.unit;
  const int hr_side = side(e.value.value, 1);
  const int median_side = side(de->median->value, dc->median->value);  // +1: experimental lives longer
  const std::string medians_text = "the " + le + " median (" + de->median->printed + unit + ") is " +
                                   (median_side > 0 ? "longer than" : median_side < 0 ? "shorter than" : "equal to") +
                                   " the " + lc + " median (" + dc->median->printed + unit + ")";
  const std::string hr_text = e.measure + ' ' + e.value.printed + (hr_side < 0 ? " < 1" : hr_side > 0 ? " > 1" : " = 1");
  // Longer medians on the experimental arm go with HR < 1.
  const bool conflict = hr_side != 0 && median_side != 0 && hr_side == median_side;
  const Severity sev = conflict ? conflict_severity(e, 1) : Severity::Ok;
  const std::string msg = hr_text + (conflict ? ", but " : " and ") + medians_text;
  Finding& f = add(out, s, &o, "direction", sev, msg, e.where);
  f.reported = e.value.value;
  f.reported_text = e.value.printed;
  f.recomputed = de->median->value - dc->median->value;
  f.recomputed_text = core::format_plain(*f.recomputed);
}

void observed_minus_expected(const core::Study& s, const core::Outcome& o, Findings& out) {
  const core::Estimate& e = *o.estimate;
  const core::Number& oe = *o.o_minus_e;
  const int hr_side = side(e.value.value, 1), oe_side = side(oe.value, 0);
  const bool conflict = hr_side != 0 && oe_side != 0 && hr_side != oe_side;
  const std::string msg = "log-rank O − E " + oe.printed + (conflict ? " does not go" : " goes") + " the way of " +
                          e.measure + ' ' + e.value.printed;
  Finding& f = add(out, s, &o, "direction", conflict ? conflict_severity(e, 1) : Severity::Ok, msg, oe.where);
  f.reported = e.value.value;
  f.reported_text = e.value.printed;
  f.recomputed = oe.value;
  f.recomputed_text = oe.printed;
}

std::optional<double> proportion(const core::ArmData* a) {
  if (!a) return std::nullopt;
  if (a->events && a->total && a->total->value > 0) return a->events->value / a->total->value;
  if (a->percent) return a->percent->value / 100;
  return std::nullopt;
}

void proportions(const core::Study& s, const core::Outcome& o, Findings& out) {
  const core::Estimate& e = *o.estimate;
  const bool ratio = is_ratio(e.measure);
  if (!ratio && e.measure != "RD") return;
  const auto [de, dc] = two_arms(o);
  const auto pe = proportion(de), pc = proportion(dc);
  if (!pe || !pc) return;
  const double null = ratio ? 1 : 0;
  const int est_side = side(e.value.value, null), arm_side = side(*pe, *pc);
  const bool conflict = est_side != 0 && arm_side != 0 && est_side != arm_side;
  const std::string le = arm_label(s, o.experimental), lc = arm_label(s, o.control);
  const std::string pct = le + "'s " + core::format_fixed(100 * *pe, 1) + "% is " +
                          (arm_side > 0 ? "above" : arm_side < 0 ? "below" : "equal to") + ' ' + lc + "'s " +
                          core::format_fixed(100 * *pc, 1) + "%";
  const std::string est = e.measure + ' ' + e.value.printed + (est_side < 0 ? " < " : est_side > 0 ? " > " : " = ") +
                          (ratio ? "1" : "0");
  Finding& f = add(out, s, &o, "direction", conflict ? conflict_severity(e, null) : Severity::Ok,
                   est + (conflict ? ", but " : " and ") + pct, e.where);
  f.reported = e.value.value;
  f.reported_text = e.value.printed;
  f.recomputed = ratio ? *pe / *pc : *pe - *pc;
  f.recomputed_text = core::format_fixed(*f.recomputed, e.value.decimals + 2);
}

}  // namespace

void check_direction(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.estimate) return;
  switch (o.kind) {
    case core::OutcomeKind::TimeToEvent:
      if (o.estimate->measure != "HR") return;
      medians(s, o, out);
      if (o.o_minus_e) observed_minus_expected(s, o, out);
      break;
    case core::OutcomeKind::Binary: proportions(s, o, out); break;
    default: break;
  }
}

}  // namespace metareview::check::detail
