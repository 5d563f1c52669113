// `metareview baujat`: each study's contribution to Q and influence on the estimate
// (metafor's baujat()), as a table or, with --plot, as the Baujat plot.
#include "cli/method_table.h"
#include "methods/baujat.h"
#include "render/baujat_layout.h"

namespace metareview::cli {

void setup_baujat(CLI::App& app, Context& ctx) {
  setup_method_command(
      app, ctx, "baujat", &methods::baujat_result, {},
      [](const methods::MethodResult& r, const effect::EffectTable& es, const render::TextMeasurer& m) {
        const auto x = result_column(r, "x"), y = result_column(r, "y");
        std::vector<render::BaujatPointInput> points;
        for (std::size_t i = 0; i < r.rows.size(); ++i)
          points.push_back({study_label(es, r.rows[i]), x[i].value_or(0), y[i], static_cast<int>(r.rows[i])});
        const model::Method method = r.spec.method;
        return render::baujat_layout(points, method == model::Method::FE || method == model::Method::MH ||
                                                 method == model::Method::PETO, m);
      });
}

}  // namespace metareview::cli
