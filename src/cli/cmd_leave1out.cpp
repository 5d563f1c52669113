// `metareview leave1out`: the fit without each study in turn (metafor's leave1out()), as a
// table or, with --plot, as a forest plot of the refits (R meta's forest(metainf(...))).
#include "cli/method_table.h"
#include "methods/leave_one_out.h"
#include "model/fit.h"
#include "render/refit_forest_layout.h"

namespace metareview::cli {

void setup_leave1out(CLI::App& app, Context& ctx) {
  setup_method_command(
      app, ctx, "leave1out", &methods::leave_one_out_result, {},
      [](const methods::MethodResult& r, const effect::EffectTable& es, const render::TextMeasurer& m) {
        return render::refit_forest_layout(es, model::fit(es, r.spec), r, render::RefitKind::LeaveOneOut, m);
      });
}

}  // namespace metareview::cli
