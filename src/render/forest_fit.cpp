#include "render/forest_fit.h"

#include <algorithm>

#include "core/error.h"
#include "effect/escalc.h"
#include "model/fit.h"
#include "model/subgroup_test.h"

namespace metareview::render {

ForestInput fit_forest_input(const effect::EffectTable& es, const std::optional<model::ModelSpec>& common,
                             const std::optional<model::ModelSpec>& random, const ForestOptions& options) {
  if (!common && !random) throw Error("render::fit_forest_input: no model given (need a common-effect or random-effects spec)");
  std::optional<model::Fit> fc, fr;
  if (common) fc = model::fit(es, *common);
  if (random) fr = model::fit(es, *random);
  ForestInput in = forest_input(es, fc ? &*fc : nullptr, fr ? &*fr : nullptr, options);

  std::vector<std::string> groups;
  for (const auto& row : es.input)
    if (!row.subgroup.empty() && std::find(groups.begin(), groups.end(), row.subgroup) == groups.end())
      groups.push_back(row.subgroup);
  if (groups.empty()) return in;

  std::vector<model::SubgroupEstimate> between;  // of the model the test compares
  for (const auto& g : groups) {
    std::vector<effect::StudyInput> rows;
    for (const auto& row : es.input)
      if (row.subgroup == g) rows.push_back(row);
    // The same rows through escalc with the same options give the same yi and vi.
    const effect::EffectTable part = effect::escalc(es.measure, rows, es.options);
    std::optional<model::Fit> gc, gr;
    if (common) gc = model::fit(part, *common);
    if (random) gr = model::fit(part, *random);
    add_subgroup(in, g, gc ? &*gc : nullptr, gr ? &*gr : nullptr);
    const model::Fit& compared = gr ? *gr : *gc;
    between.push_back({g, compared.estimate(), compared.se.at(0)});
  }
  if (const auto test = model::subgroup_test(between)) set_subgroup_test(in, *test);
  return in;
}

}  // namespace metareview::render
