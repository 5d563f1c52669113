// `metareview cumul`: cumulative meta-analysis (metafor's cumul()), in the order --order asks,
// as a table or, with --plot, as a forest plot of the fits (R meta's forest(metacum(...))).
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "cli/method_table.h"
#include "core/error.h"
#include "methods/cumulative.h"
#include "model/fit.h"
#include "render/refit_forest_layout.h"

namespace metareview::cli {
namespace {

// Table rows in the order `order` names (methods::cumulative_order), with the command's message.
std::vector<std::size_t> cumul_order(const std::string& order, const effect::EffectTable& es) {
  if (order != "given" && order != "year" && order != "precision")
    throw Error("cumul: unknown --order '" + order + "'; valid: given, year, precision");
  return methods::cumulative_order(order, es);
}

}  // namespace

void setup_cumul(CLI::App& app, Context& ctx) {
  auto order = std::make_shared<std::string>("given");
  setup_method_command(
      app, ctx, "cumul",
      [order](const effect::EffectTable& es, const model::ModelSpec& spec) {
        const methods::Cumulative c = methods::cumulative(es, spec, cumul_order(*order, es));
        return methods::refit_table("cumulative", c.spec, c.rows);
      },
      [order](CLI::App& a) {
        a.add_option("--order", *order, "the order studies enter: given, year or precision (default: given)");
      },
      [](const methods::MethodResult& r, const effect::EffectTable& es, const render::TextMeasurer& m) {
        return render::refit_forest_layout(es, model::fit(es, r.spec), r, render::RefitKind::Cumulative, m);
      });
}

}  // namespace metareview::cli
