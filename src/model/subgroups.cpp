#include "model/subgroups.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace metareview::model {
namespace {

bool usable(const effect::EffectTable& es, std::size_t i) {
  return es.included[i] && std::isfinite(es.yi[i]) && std::isfinite(es.vi[i]);
}

// The rows of `es` at `rows`, with the yi, vi and corrections they have in `es`.
effect::EffectTable rows_of(const effect::EffectTable& es, const std::vector<std::size_t>& rows) {
  effect::EffectTable out;
  out.measure = es.measure;
  out.options = es.options;
  for (const std::size_t i : rows) {
    out.input.push_back(es.input[i]);
    out.yi.push_back(es.yi[i]);
    out.vi.push_back(es.vi[i]);
    out.corrected.push_back(es.corrected[i]);
    out.included.push_back(es.included[i]);
    out.note.push_back(es.note[i]);
    out.ni.push_back(es.ni[i]);
  }
  return out;
}

}  // namespace

SubgroupFits fit_subgroups(const effect::EffectTable& es, const std::optional<ModelSpec>& common,
                           const std::optional<ModelSpec>& random) {
  if (!common && !random) throw Error("model::fit_subgroups: no model given (need a common-effect or random-effects spec)");
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
    if (std::none_of(g.rows.begin(), g.rows.end(), [&](std::size_t i) { return usable(es, i); })) continue;
    const effect::EffectTable part = rows_of(es, g.rows);
    if (common) g.common = fit(part, *common);
    if (random) g.random = fit(part, *random);
    const Fit& compared = g.random ? *g.random : *g.common;
    between.push_back({g.name, compared.estimate(), compared.se.at(0)});
  }
  out.test = subgroup_test(between);
  return out;
}

}  // namespace metareview::model
