// `metareview leave1out`: the fit without each study in turn (metafor's leave1out()).
#include "cli/method_table.h"
#include "methods/leave_one_out.h"

namespace metareview::cli {

void setup_leave1out(CLI::App& app, Context& ctx) {
  setup_method_command(app, ctx, "leave1out", &methods::leave_one_out_result);
}

}  // namespace metareview::cli
