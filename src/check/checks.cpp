#include "check/checks.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "check/families.h"

namespace metareview::check {
namespace detail {

Finding& add(Findings& out, const core::Study& s, const core::Outcome* o, std::string check, Severity severity,
             std::string message, const core::SourceLocation& where, std::string item) {
  Finding f;
  f.study = s.id;
  f.outcome = o ? o->id : "";
  f.check = std::move(check);
  f.severity = severity;
  f.message = std::move(message);
  f.where = where;
  f.item = std::move(item);
  out.push_back(std::move(f));
  return out.back();
}

std::pair<const core::ArmData*, const core::ArmData*> two_arms(const core::Outcome& o) {
  return {o.experimental.empty() ? nullptr : o.arm_data(o.experimental),
          o.control.empty() ? nullptr : o.arm_data(o.control)};
}

std::pair<const core::ArmData*, const core::ArmData*> two_arms(const core::Outcome& o, const core::Timepoint& tp) {
  const core::ArmData *e = nullptr, *c = nullptr;
  for (const core::ArmData& a : tp.arms) {
    if (!o.experimental.empty() && a.arm == o.experimental) e = &a;
    if (!o.control.empty() && a.arm == o.control) c = &a;
  }
  return {e, c};
}

std::optional<double> arm_size(const core::Study& s, const std::string& arm_id) {
  const core::Arm* a = s.arm(arm_id);
  if (!a) return std::nullopt;
  if (a->analysed) return a->analysed->value;
  if (a->randomised) return a->randomised->value;
  return std::nullopt;
}

std::optional<double> outcome_arm_n(const core::Study& s, const core::ArmData& d) {
  if (d.n) return d.n->value;
  if (d.total) return d.total->value;
  return arm_size(s, d.arm);
}

std::optional<std::pair<int, int>> band_range(const std::string& band) {
  int lo = 0, hi = 0;
  char dash = 0, rest = 0;
  const int n = std::sscanf(band.c_str(), "%d%c%d%c", &lo, &dash, &hi, &rest);
  if (n == 1) return std::pair{lo, lo};
  if (n == 3 && dash == '-' && lo <= hi) return std::pair{lo, hi};
  return std::nullopt;
}

bool is_ratio(const std::string& measure) {
  return measure == "HR" || measure == "OR" || measure == "RR" || measure == "IRR";
}

}  // namespace detail

namespace {

// Outcome order in the file, the study's own checks ("") first; then check id. Stable, so
// findings of one check keep the order they were made in (timepoints, arms, events).
void order(const core::Study& s, std::vector<Finding>& findings) {
  std::map<std::string, int> index{{"", -1}};
  for (std::size_t i = 0; i < s.outcomes.size(); ++i) index.emplace(s.outcomes[i].id, static_cast<int>(i));
  std::stable_sort(findings.begin(), findings.end(), [&](const Finding& a, const Finding& b) {
    const int ia = index.at(a.outcome), ib = index.at(b.outcome);
    if (ia != ib) return ia < ib;
    return a.check < b.check;
  });
}

}  // namespace

std::vector<Finding> check_study(const core::Study& study) {
  std::vector<Finding> out;
  detail::check_study_arms(study, out);
  for (const core::Outcome& o : study.outcomes) {
    detail::check_statistics(study, o, out);
    detail::check_intervals(study, o, out);
    detail::check_plausibility(study, o, out);
    detail::check_counts(study, o, out);
    detail::check_direction(study, o, out);
  }
  order(study, out);
  return out;
}

std::vector<Finding> check_studies(const core::StudySet& studies) {
  std::vector<const core::Study*> sorted;
  for (const core::Study& s : studies.studies) sorted.push_back(&s);
  std::stable_sort(sorted.begin(), sorted.end(), [](const core::Study* a, const core::Study* b) { return a->id < b->id; });
  std::vector<Finding> out;
  for (const core::Study* s : sorted) {
    auto f = check_study(*s);
    out.insert(out.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
  }
  return out;
}

bool has_problems(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::Inconsistent || f.severity == Severity::Implausible;
  });
}

}  // namespace metareview::check
