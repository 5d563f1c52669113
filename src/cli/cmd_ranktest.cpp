// `metareview ranktest`: Begg and Mazumdar's rank correlation test (metafor's ranktest()).
#include <CLI/CLI.hpp>

#include <memory>
#include <nlohmann/json.hpp>

#include "cli/analysis_options.h"
#include "cli/bias_command.h"
#include "cli/commands.h"
#include "core/format.h"
#include "methods/ranktest.h"
#include "model/fit_json.h"

namespace metareview::cli {

void setup_ranktest(CLI::App& app, Context& ctx) {
  struct Options {
    AnalysisOptions analysis;
    bool json = false;
  };
  auto o = std::make_shared<Options>();
  add_analysis_options(app, o->analysis);
  app.add_flag("--json", o->json, "print one JSON object instead of text");
  app.callback([o, &ctx] {
    const auto in = load_analysis(o->analysis, "ranktest", ctx);
    if (!in) return;
    const methods::Ranktest r = methods::ranktest(in->es);
    if (o->json) {
      nlohmann::ordered_json j;
      j["k"] = r.k;
      j["tau"] = model::json_number(r.tau);
      j["pval"] = model::json_number(r.pval);
      j["exact"] = r.exact;
      ctx.out << model::json_text(j);
      return;
    }
    // metafor's print.ranktest, plus how p was found.
    ctx.out << "Rank Correlation Test for Funnel Plot Asymmetry\n\n"
            << "Kendall's tau = " << core::format_fixed(r.tau, 4) << ", " << metafor_p(r.pval) << '\n'
            << (r.exact ? "(exact p-value)\n" : "(normal approximation: tied values)\n");
  });
}

}  // namespace metareview::cli
