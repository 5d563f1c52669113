// `metareview influence`: metafor's influence() diagnostics of each study, as a table or,
// with --plot, as the panel of metafor's plot(influence(...)).
#include "cli/method_table.h"
#include "methods/influence.h"
#include "model/fit.h"
#include "render/influence_layout.h"

namespace metareview::cli {

void setup_influence(CLI::App& app, Context& ctx) {
  setup_method_command(
      app, ctx, "influence",
      [](const effect::EffectTable& es, const model::ModelSpec& spec) {
        require_studies(es, spec, "influence", 3);
        return methods::influence_result(es, spec);
      },
      {},
      [](const methods::MethodResult& r, const effect::EffectTable& es, const render::TextMeasurer& m) {
        render::InfluenceInput in;
        for (const char* name : {"rstudent", "dffits", "cook_d", "cov_r", "tau2_del", "QE_del", "hat", "weight"})
          in.columns.emplace_back(name, result_column(r, name));
        for (const auto& v : result_column(r, "inf")) in.inf.push_back(v.value_or(0) != 0);
        for (const std::size_t row : r.rows) in.source_rows.push_back(static_cast<int>(row));
        const model::Fit full = model::fit(es, r.spec, model::Want::estimates());
        in.tau2 = full.tau2;
        in.QE = full.Q;
        return render::influence_layout(in, m);
      });
}

}  // namespace metareview::cli
