#include "model/subgroups.h"

#include <algorithm>
#include <string>

#include "core/error.h"

namespace metareview::model {
namespace {

// Ref: Borenstein et al. (2009), ch. 19 ("pooling tau2 across subgroups"); Viechtbauer (2010),
// sec. 3.3 (mixed-effects model): tau2 of rma(yi, vi, mods = ~ factor(g)) over the grouped rows.
// Its Wald test of the group terms equals Q_between of subgroup estimates fitted with that tau2.
double common_tau2(const effect::EffectTable& es, const std::vector<SubgroupFit*>& groups, const ModelSpec& random) {
  std::vector<std::size_t> rows;
  std::vector<std::size_t> group_of;
  std::size_t usable = 0;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const std::size_t i : groups[g]->rows) {
      rows.push_back(i);
      group_of.push_back(g);
      usable += es.usable(i);
    }
  if (usable <= groups.size())
    throw Error("a common tau2 across subgroups needs more studies than subgroups (" + std::to_string(usable) +
                " studies in " + std::to_string(groups.size()) + " subgroups); use separate tau2 per subgroup");
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows.size()),
                                            static_cast<Eigen::Index>(groups.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    X(static_cast<Eigen::Index>(r), 0) = 1;  // the first subgroup is the reference level
    if (group_of[r] > 0) X(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(group_of[r])) = 1;
  }
  ModelSpec spec = random;
  spec.tau2_fixed.reset();
  return *fit(es.subset(rows), X, spec).tau2;
}

}  // namespace

SubgroupFits fit_subgroups(const effect::EffectTable& es, const std::optional<ModelSpec>& common,
                           const std::optional<ModelSpec>& random, SubgroupTau2 tau2) {
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
  std::vector<SubgroupFit*> fitted;  // subgroups with a usable row
  for (SubgroupFit& g : out.subgroups)
    if (std::any_of(g.rows.begin(), g.rows.end(), [&](std::size_t i) { return es.usable(i); })) fitted.push_back(&g);
  std::optional<ModelSpec> random_part = random;
  if (tau2 == SubgroupTau2::Common && random && !random->tau2_fixed && fitted.size() >= 2)
    random_part->tau2_fixed = common_tau2(es, fitted, *random);
  std::vector<SubgroupEstimate> between;  // of the model the test compares
  for (SubgroupFit* gp : fitted) {
    SubgroupFit& g = *gp;
    const effect::EffectTable part = es.subset(g.rows);
    if (common) g.common = fit(part, *common);
    if (random_part) g.random = fit(part, *random_part);
    const Fit& compared = g.random ? *g.random : *g.common;
    between.push_back({g.name, compared.estimate(), compared.se.at(0)});
  }
  out.test = subgroup_test(between);
  if (out.test && random_part && !random->tau2_fixed) out.tau2_common = random_part->tau2_fixed;
  return out;
}

}  // namespace metareview::model
