// `metareview baujat`: each study's contribution to Q and influence on the estimate
// (metafor's baujat(); the numbers, not the plot).
#include "cli/method_table.h"
#include "methods/baujat.h"

namespace metareview::cli {

void setup_baujat(CLI::App& app, Context& ctx) {
  setup_method_command(app, ctx, "baujat", &methods::baujat_result);
}

}  // namespace metareview::cli
