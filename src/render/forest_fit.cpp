#include "render/forest_fit.h"

#include <algorithm>

#include "core/error.h"
#include "effect/escalc.h"
#include "model/fit.h"

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

  // Subgroup estimates of the model the test compares, on the analysis scale.
  effect::EffectTable between;
  between.measure = core::Measure::GEN;
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
    effect::StudyInput s;
    s.study = g;
    between.input.push_back(s);
    between.yi.push_back(compared.estimate());
    between.vi.push_back(compared.se.at(0) * compared.se.at(0));
    between.included.push_back(true);
    between.corrected.push_back(false);
    between.note.emplace_back();
  }
  if (groups.size() >= 2) {
    // Ref: Borenstein et al. (2009), Introduction to Meta-Analysis, ch. 19: Q_between is the
    // Q statistic of the subgroup summaries treated as studies (R meta's Q.b).
    model::ModelSpec fe;
    fe.method = model::Method::FE;
    const model::Fit q = model::fit(between, fe);
    set_subgroup_test(in, {q.Q, q.Q_df, q.Q_p});
  }
  return in;
}

}  // namespace metareview::render
