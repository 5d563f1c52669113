// Counts against each other: percentages against counts and denominators (GRIM-style: can
// any whole number of patients give the printed percentage?), denominators against the arm
// sizes, response categories and grade bands against their totals, subgroups against the whole.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "check/families.h"
#include "check/precision.h"
#include "check/text.h"
#include "core/format.h"

namespace metareview::check::detail {
namespace {

std::string count_text(double x) { return core::format_count(x); }

// The sum of an arm's grade bands when they are disjoint ("1-2" + "3-4"); nullopt otherwise.
std::optional<double> disjoint_band_sum(const std::map<std::string, core::Number>& by_grade) {
  std::vector<std::pair<int, int>> ranges;
  double sum = 0;
  for (const auto& [band, count] : by_grade) {
    if (band == "any") continue;
    const auto r = band_range(band);
    if (!r) return std::nullopt;
    ranges.push_back(*r);
    sum += count.value;
  }
  if (ranges.empty()) return std::nullopt;
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i - 1].second >= ranges[i].first) return std::nullopt;
  return sum;
}

struct PercentInput {
  std::string check = "percent-grim";
  std::string label;            ///< "KRd", "KRd, CR"
  std::optional<double> count;  ///< printed (or derived) count
  std::optional<double> n;      ///< denominator
  bool n_assumed = false;       ///< n is the arm size, not a printed denominator
  const core::Number* percent = nullptr;
  std::string item;
};

// GRIM (Brown & Heathers 2017, Soc Psychol Personal Sci 8:363): a percentage of n patients
// printed with d decimals is possible only if some whole count k gives 100 k/n that rounds to
// it. Truncation is accepted for a printed count (2/3 printed as 66.6%: said so), but a count
// inferred from a percentage alone assumes rounding, the convention: a percentage only some
// truncated k/n gives is reported as missing, with that k named.
void percent_check(const core::Study& s, const core::Outcome& o, const PercentInput& in, Findings& out) {
  const core::Number& p = *in.percent;
  // A subgroup's patients are fewer than its arms': the arm size is no denominator for it.
  if (!in.n || *in.n <= 0 || (in.n_assumed && !o.subgroup.empty())) return;
  const double n = *in.n;
  const int d = p.decimals + 2;
  std::vector<double> possible, truncating;
  for (double k = 0; k <= n; ++k) {
    const Agreement a = agree(p, 100 * k / n);
    if (a == Agreement::Rounded) possible.push_back(k);
    if (a == Agreement::Truncated) truncating.push_back(k);
  }
  const std::string of_n = in.n_assumed ? "the " + count_text(n) + " in the arm" : count_text(n);
  const std::string head = in.label + ": ";
  Severity sev = Severity::Ok;
  std::string msg;
  std::optional<double> recomputed;
  if (in.count) {
    const double k = *in.count;
    recomputed = 100 * k / n;
    const Agreement ag = agree(p, *recomputed);
    const std::string frac = count_text(k) + "/" + count_text(n) + " = " + fixed(*recomputed, d) + "%";
    if (agrees(ag)) {
      msg = head + frac + ", printed " + p.printed + "%" + agreement_clause(ag, std::nullopt, p.decimals, "");
    } else {
      sev = in.n_assumed ? Severity::Note : Severity::Inconsistent;
      msg = head + frac + ", not the printed " + p.printed + "%";
      if (possible.empty()) msg += " (no count out of " + count_text(n) + " gives it)";
      else msg += " (" + count_text(possible.front()) + "/" + count_text(n) + " would)";
    }
  } else if (possible.empty()) {
    sev = in.n_assumed ? Severity::Note : Severity::Inconsistent;
    const double k = truncating.empty() ? std::round(p.value * n / 100) : truncating.front();
    recomputed = 100 * k / n;
    msg = head + "no count out of " + of_n + " gives " + p.printed + "% (" + count_text(k) + "/" + count_text(n) +
          " = " + fixed(*recomputed, d) + "%" + (truncating.empty() ? "" : ", only if truncated") + ")";
    if (in.n_assumed) msg += ": the denominator is not the arm size";
  } else {
    recomputed = 100 * possible.front() / n;
    const auto frac = [&](double k) { return count_text(k) + "/" + count_text(n); };
    msg = head + p.printed + "% of " + of_n + " is " + frac(possible.front());
    if (possible.size() > 1) msg += (possible.size() == 2 ? " or " : " to ") + frac(possible.back());
    if (possible.size() == 1) msg += " (the only count)";
  }
  Finding& f = add(out, s, &o, in.check, sev, msg, p.where, in.item);
  f.reported = p.value;
  f.reported_text = p.printed;
  f.recomputed = recomputed;
  f.recomputed_text = fixed(*recomputed, d);
}

// A denominator printed for an outcome arm against the study's arm size.
struct Denominator {
  std::string arm;
  const core::Number* n = nullptr;
  const core::Number* events = nullptr;  ///< events counted out of it
  std::string item;
};

void arm_sizes(const core::Study& s, const core::Outcome& o, const std::vector<Denominator>& dens, Findings& out) {
  bool compared = false, problem = false;
  std::string summary;
  for (const Denominator& d : dens) {
    if (!d.n) continue;
    const std::string label = arm_label(s, d.arm);
    if (d.events && d.events->value > d.n->value) {
      problem = true;
      Finding& f = add(out, s, &o, "arm-sizes", Severity::Inconsistent,
                       label + ": " + d.events->printed + " events out of " + d.n->printed, d.events->where, d.item);
      f.reported = d.events->value;
      f.reported_text = d.events->printed;
      f.recomputed = d.n->value;
      f.recomputed_text = d.n->printed;
    }
    const core::Arm* arm = s.arm(d.arm);
    if (!arm || (!arm->randomised && !arm->analysed)) continue;
    compared = true;
    const core::Number& cap = arm->randomised ? *arm->randomised : *arm->analysed;
    const std::string cap_text = cap.printed + (arm->randomised ? " randomised" : " analysed");
    const double n = d.n->value;
    Severity sev = Severity::Ok;
    std::string msg;
    if (n > cap.value) {
      sev = Severity::Inconsistent;
      msg = label + ": " + d.n->printed + " patients, more than the " + cap_text;
    } else if (n < cap.value && (!arm->analysed || n != arm->analysed->value) && o.subgroup.empty()) {
      sev = Severity::Note;
      msg = label + ": out of " + d.n->printed + ", not the " + cap_text + " (not every patient of the arm is counted)";
    }
    if (sev == Severity::Ok) {
      if (summary.find(label + ' ') == std::string::npos)
        summary += (summary.empty() ? "" : ", ") + label + ' ' + d.n->printed;
      continue;
    }
    problem = true;
    Finding& f = add(out, s, &o, "arm-sizes", sev, msg, d.n->where, d.item);
    f.reported = n;
    f.reported_text = d.n->printed;
    f.recomputed = cap.value;
    f.recomputed_text = cap.printed;
  }
  if (compared && !problem)
    add(out, s, &o, "arm-sizes", Severity::Ok,
        "denominators agree with the arm sizes" + std::string(o.subgroup.empty() ? "" : " (a subgroup)") + ": " + summary,
        o.where);
}

const core::Number* ptr(const std::optional<core::Number>& n) { return n ? &*n : nullptr; }

std::optional<double> size_of(const core::Study& s, const core::ArmData& a, const std::optional<core::Number>& total,
                              bool& assumed) {
  assumed = !total;
  if (total) return total->value;
  return arm_size(s, a.arm);
}

void binary_counts(const core::Study& s, const core::Outcome& o, Findings& out) {
  std::vector<Denominator> dens;
  for (const core::ArmData& a : o.arms) {
    dens.push_back({a.arm, ptr(a.total), ptr(a.events), ""});
    if (!a.percent) continue;
    PercentInput in;
    in.label = arm_label(s, a.arm);
    if (a.events) in.count = a.events->value;
    in.n = size_of(s, a, a.total, in.n_assumed);
    in.percent = &*a.percent;
    in.item = a.arm;
    percent_check(s, o, in, out);
  }
  arm_sizes(s, o, dens, out);
}

void ordinal_counts(const core::Study& s, const core::Outcome& o, Findings& out) {
  std::vector<Denominator> dens;
  for (const core::ArmData& a : o.arms) {
    dens.push_back({a.arm, ptr(a.total), nullptr, ""});
    const std::string label = arm_label(s, a.arm);
    bool assumed = false;
    const std::optional<double> n = size_of(s, a, a.total, assumed);
    for (const std::string& cat : o.categories) {
      const auto pc = a.category_percents.find(cat);
      if (pc == a.category_percents.end()) continue;
      PercentInput in;
      in.label = label + ", " + cat;
      const auto cc = a.category_counts.find(cat);
      if (cc != a.category_counts.end()) in.count = cc->second.value;
      in.n = n;
      in.n_assumed = assumed;
      in.percent = &pc->second;
      in.item = a.arm;
      percent_check(s, o, in, out);
    }
    if (!a.total || a.category_counts.empty()) continue;
    double sum = 0;
    std::string terms;
    bool complete = true;
    for (const std::string& cat : o.categories) {
      const auto cc = a.category_counts.find(cat);
      if (cc == a.category_counts.end()) {
        complete = false;
        continue;
      }
      sum += cc->second.value;
      terms += (terms.empty() ? "" : " + ") + cc->second.printed;
    }
    const bool ok = complete ? sum == a.total->value : sum <= a.total->value;
    std::string msg = label + ": " + terms + " = " + count_text(sum);
    if (ok) msg += complete ? ", the printed total" : ", within the printed total " + a.total->printed + " (categories missing)";
    else msg += complete ? ", not the printed total " + a.total->printed : ", more than the printed total " + a.total->printed;
    Finding& f = add(out, s, &o, "category-sum", ok ? Severity::Ok : Severity::Inconsistent, msg, a.where, a.arm);
    f.reported = a.total->value;
    f.reported_text = a.total->printed;
    f.recomputed = sum;
    f.recomputed_text = count_text(sum);
  }
  arm_sizes(s, o, dens, out);
}

void adverse_event_counts(const core::Study& s, const core::Outcome& o, Findings& out) {
  std::vector<Denominator> dens;
  for (const core::AdverseEvent& ev : o.adverse_events) {
    for (const auto& a : ev.arms) {
      dens.push_back({a.arm, ptr(a.total), nullptr, ev.id});
      const std::string label = arm_label(s, a.arm) + ", " + ev.id;
      const auto any = a.by_grade.find("any");
      const std::optional<double> bands = disjoint_band_sum(a.by_grade);
      if (any != a.by_grade.end() && bands) {
        const bool ok = *bands <= any->second.value;
        std::string msg = label + ": the grade bands sum to " + count_text(*bands);
        msg += ok ? (*bands == any->second.value ? ", the printed any-grade count"
                                                  : ", within the printed any-grade count " + any->second.printed)
                  : ", more than the printed any-grade count " + any->second.printed;
        Finding& f = add(out, s, &o, "grade-sum", ok ? Severity::Ok : Severity::Inconsistent, msg, a.where, ev.id);
        f.reported = any->second.value;
        f.reported_text = any->second.printed;
        f.recomputed = *bands;
        f.recomputed_text = count_text(*bands);
      }
      if (!a.percent) continue;
      PercentInput in;
      in.check = "ae-incidence";
      in.label = label;
      if (any != a.by_grade.end()) in.count = any->second.value;
      else if (bands) in.count = *bands;
      in.n_assumed = !a.total;
      in.n = a.total ? std::optional<double>(a.total->value) : arm_size(s, a.arm);
      in.percent = &*a.percent;
      in.item = ev.id;
      percent_check(s, o, in, out);
    }
  }
  arm_sizes(s, o, dens, out);
}

void subgroup_sum(const core::Study& s, const core::Outcome& o, Findings& out) {
  if (!o.subgroup_n) return;
  double sum = 0;
  std::string terms;
  for (const std::string& id : {o.experimental, o.control}) {
    const core::ArmData* a = o.arm_data(id);
    const core::Number* n = a ? (a->n ? &*a->n : a->total ? &*a->total : nullptr) : nullptr;
    if (!n) return;
    sum += n->value;
    terms += (terms.empty() ? "" : " + ") + n->printed;
  }
  const bool ok = sum == o.subgroup_n->value;
  Finding& f = add(out, s, &o, "subgroup-sum", ok ? Severity::Ok : Severity::Inconsistent,
                   "subgroup arms " + terms + " = " + count_text(sum) + (ok ? ", the printed " : ", not the printed ") +
                       o.subgroup_n->printed + " in the subgroup",
                   o.subgroup_n->where);
  f.reported = o.subgroup_n->value;
  f.reported_text = o.subgroup_n->printed;
  f.recomputed = sum;
  f.recomputed_text = count_text(sum);
}

}  // namespace

void check_counts(const core::Study& s, const core::Outcome& o, Findings& out) {
  switch (o.kind) {
    case core::OutcomeKind::Binary:
    case core::OutcomeKind::Proportion: binary_counts(s, o, out); break;
    case core::OutcomeKind::Ordinal: ordinal_counts(s, o, out); break;
    case core::OutcomeKind::AdverseEvents: adverse_event_counts(s, o, out); break;
    case core::OutcomeKind::Continuous: {
      std::vector<Denominator> dens;
      for (const core::Timepoint& tp : o.timepoints)
        for (const core::ArmData& a : tp.arms) dens.push_back({a.arm, ptr(a.n), nullptr, tp.id});
      arm_sizes(s, o, dens, out);
      break;
    }
    case core::OutcomeKind::TimeToEvent: {
      std::vector<Denominator> dens;
      for (const core::ArmData& a : o.arms) dens.push_back({a.arm, ptr(a.n), ptr(a.events), ""});
      arm_sizes(s, o, dens, out);
      break;
    }
    case core::OutcomeKind::Generic: break;  // an estimate and its SE: no counts to check
  }
  subgroup_sum(s, o, out);
}

void check_study_arms(const core::Study& s, Findings& out) {
  bool compared = false, problem = false;
  for (const core::Arm& a : s.arms) {
    if (!a.randomised || !a.analysed) continue;
    compared = true;
    if (a.analysed->value <= a.randomised->value) continue;
    problem = true;
    Finding& f = add(out, s, nullptr, "arm-sizes", Severity::Inconsistent,
                     (a.label.empty() ? a.id : a.label) + ": " + a.analysed->printed + " analysed, more than the " +
                         a.randomised->printed + " randomised",
                     a.analysed->where, a.id);
    f.reported = a.analysed->value;
    f.reported_text = a.analysed->printed;
    f.recomputed = a.randomised->value;
    f.recomputed_text = a.randomised->printed;
  }
  if (compared && !problem)
    add(out, s, nullptr, "arm-sizes", Severity::Ok, "no arm analyses more patients than it randomised", s.where);
}

}  // namespace metareview::check::detail
