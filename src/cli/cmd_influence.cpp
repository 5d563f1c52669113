// `metareview influence`: metafor's influence() diagnostics of each study.
#include "cli/method_table.h"
#include "methods/influence.h"

namespace metareview::cli {

void setup_influence(CLI::App& app, Context& ctx) {
  setup_method_command(app, ctx, "influence", [](const effect::EffectTable& es, const model::ModelSpec& spec) {
    require_studies(es, spec, "influence", 3);
    return methods::influence_result(es, spec);
  });
}

}  // namespace metareview::cli
