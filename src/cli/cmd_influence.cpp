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
        const model::Fit full = model::fit(es, r.spec, model::Want::estimates());
        return render::influence_layout(render::influence_input(r, full), m);
      });
}

}  // namespace metareview::cli
