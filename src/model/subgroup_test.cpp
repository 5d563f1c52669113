#include "model/subgroup_test.h"

#include "effect/escalc.h"

namespace metareview::model {

std::optional<SubgroupTest> subgroup_test(const std::vector<SubgroupEstimate>& subgroups) {
  if (subgroups.size() < 2) return std::nullopt;
  std::vector<effect::StudyInput> studies;  // the subgroup estimates taken as studies
  for (const SubgroupEstimate& g : subgroups) {
    effect::StudyInput s;
    s.study = g.name;
    s.yi = g.estimate;
    s.vi = g.se * g.se;
    studies.push_back(std::move(s));
  }
  ModelSpec fe;
  fe.method = Method::FE;
  const Fit q = fit(effect::escalc(core::Measure::GEN, studies), fe);
  return SubgroupTest{q.Q, q.Q_df, q.Q_p};
}

}  // namespace metareview::model
