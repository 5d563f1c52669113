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

// Table rows in the order `order` names: given, year (oldest first; rows without a year
// last) or precision (smallest vi first). Ties keep the input order.
std::vector<std::size_t> cumul_order(const std::string& order, const effect::EffectTable& es) {
  if (order == "given") return {};
  std::vector<double> key(es.k());
  for (std::size_t i = 0; i < es.k(); ++i) {
    if (order == "year") {
      const bool known = i < es.input.size() && es.input[i].year;
      key[i] = known ? *es.input[i].year : 1e300;
    } else if (order == "precision") {
      key[i] = es.vi[i];
    } else {
      throw Error("cumul: unknown --order '" + order + "'; valid: given, year, precision");
    }
  }
  return methods::order_by(key);
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
