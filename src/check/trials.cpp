// One trial pooled twice: several publications (or analyses) of one trial in one review count
// its patients twice. Study::trial names the trial all its publications share.
#include <algorithm>
#include <map>

#include "check/checks.h"
#include "check/families.h"
#include "core/error.h"

namespace metareview::check {

std::vector<Finding> check_pooled(const core::StudySet& studies,
                                  const std::vector<std::pair<std::string, std::string>>& study_outcome_pairs) {
  struct Pooled {
    const core::Study* study;
    const core::Outcome* outcome;
    std::size_t outcome_index;
  };
  std::vector<Pooled> pooled;
  for (const auto& [study_id, outcome_id] : study_outcome_pairs) {
    const core::Study* s = studies.find(study_id);
    if (!s) throw Error("check::check_pooled: no study '" + study_id + "'");
    const core::Outcome* o = s->outcome(outcome_id);
    if (!o) throw Error("check::check_pooled: study '" + study_id + "' has no outcome '" + outcome_id + "'");
    pooled.push_back({s, o, static_cast<std::size_t>(o - s->outcomes.data())});
  }
  std::stable_sort(pooled.begin(), pooled.end(), [](const Pooled& a, const Pooled& b) {
    if (a.study->id != b.study->id) return a.study->id < b.study->id;
    return a.outcome_index < b.outcome_index;
  });
  std::map<std::string, std::vector<const Pooled*>> by_trial;
  for (const Pooled& p : pooled) by_trial[p.study->trial].push_back(&p);

  std::vector<Finding> out;
  for (const Pooled& p : pooled) {
    const auto& same = by_trial.at(p.study->trial);
    const auto name = [](const Pooled* q) {
      std::string s = q->study->id + "/" + q->outcome->id;
      if (!q->outcome->analysis.empty()) s += " (" + q->outcome->analysis + ")";
      return s;
    };
    std::string message;
    Severity sev = Severity::Ok;
    if (same.size() == 1) {
      message = p.study->trial + " is pooled once: " + name(&p);
    } else {
      sev = Severity::Inconsistent;
      std::string list;
      for (std::size_t i = 0; i < same.size(); ++i)
        list += (i == 0 ? "" : i + 1 == same.size() ? " and " : ", ") + name(same[i]);
      message = p.study->trial + " is pooled " + std::to_string(same.size()) + " times: " + list +
                "; pool one analysis per trial";
    }
    detail::Findings one;
    Finding& f = detail::add(one, *p.study, p.outcome, "same-trial", sev, message, p.outcome->where);
    f.reported = static_cast<double>(same.size());
    f.reported_text = std::to_string(same.size());
    f.recomputed = 1;
    f.recomputed_text = "1";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace metareview::check
