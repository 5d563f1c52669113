#include "model/subgroups.h"

#include <algorithm>

#include "core/error.h"

namespace metareview::model {
SubgroupFits fit_subgroups(const effect::EffectTable& es, const std::optional<ModelSpec>& common,
                           const std::optional<ModelSpec>& random) {
  if (!common && !random) throw Error("no model given to pool the subgroups with (need a common-effect or random-effects spec)");
  SubgroupFits out;
  out.test_random = random.has_value();
  if (common) out.common = fit(es, *common);
  if (random) out.random = fit(es, *random);

  for (std::size_t i = 0; i < es.k(); ++i) {
    const std::string& name = es.input[i].subgroup;
    if (name.empty()) continue;
    auto it = std::find_if(out.subgroups.begin(), out.subgroups.end(), [&](const SubgroupFit& g) { return g.name == name; });
    if (it == out.subgroups.end()) it = out.subgroups.insert(out.subgroups.end(), SubgroupFit{name, {}, {}, {}});
    it->rows.push_back(i);
  }
  std::vector<SubgroupEstimate> between;  // of the model the test compares
  for (SubgroupFit& g : out.subgroups) {
    if (std::none_of(g.rows.begin(), g.rows.end(), [&](std::size_t i) { return es.usable(i); })) continue;
    const effect::EffectTable part = es.subset(g.rows);
    if (common) g.common = fit(part, *common);
    if (random) g.random = fit(part, *random);
    const Fit& compared = g.random ? *g.random : *g.common;
    between.push_back({g.name, compared.estimate(), compared.se.at(0)});
  }
  out.test = subgroup_test(between);
  return out;
}

}  // namespace metareview::model
