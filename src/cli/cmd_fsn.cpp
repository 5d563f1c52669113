// `metareview fsn`: fail-safe N (metafor's fsn()).
#include <CLI/CLI.hpp>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cli/analysis_options.h"
#include "cli/bias_command.h"
#include "cli/commands.h"
#include "core/format.h"
#include "methods/fsn.h"
#include "model/fit_json.h"

namespace metareview::cli {
namespace {

struct FsnCliOptions {
  AnalysisOptions analysis;
  std::string type;
  double alpha = 0.05;
  std::optional<double> target;
  bool weighted = false;
  bool json = false;
};

// metafor's print.fsn.
void print_text(std::ostream& out, const methods::Fsn& f) {
  out << "Fail-safe N Calculation Using the " << methods::to_string(f.options.type) << " Approach\n\n";
  const auto p = [](double x) { return x < 1e-4 ? std::string("<.0001") : core::format_fixed(x, 4); };
  switch (f.options.type) {
    case methods::FsnType::Rosenthal:
      out << "Observed Significance Level: " << p(*f.pval) << '\n'
          << "Target Significance Level:   " << core::format_shortest(f.options.alpha) << '\n';
      break;
    case methods::FsnType::Orwin:
      out << "Average Effect Size: " << core::format_fixed(*f.meanes, 4) << '\n'
          << "Target Effect Size:  " << core::format_fixed(*f.target, 4) << '\n';
      break;
    case methods::FsnType::Rosenberg:
      out << "Average Effect Size:         " << core::format_fixed(*f.meanes, 4) << '\n'
          << "Observed Significance Level: " << p(*f.pval) << '\n'
          << "Target Significance Level:   " << core::format_shortest(f.options.alpha) << '\n';
      break;
  }
  out << "\nFail-safe N: " << core::format_shortest(f.fsnum) << '\n';
}

void run_fsn(const FsnCliOptions& o, Context& ctx) {
  methods::FsnOptions fo;
  if (!parse_code_option(ctx, "fsn", "--type", o.type, methods::parse_fsn_type, methods::valid_fsn_types(), fo.type))
    return;
  fo.alpha = o.alpha;
  fo.target = o.target;
  fo.weighted = o.weighted;
  const auto in = load_analysis(o.analysis, "fsn", ctx);
  if (!in) return;
  const methods::Fsn f = methods::fsn(in->es, fo);
  if (!o.json) return print_text(ctx.out, f);
  nlohmann::ordered_json j;
  j["type"] = std::string(methods::to_string(f.options.type));
  j["k"] = f.k;
  j["fsnum"] = model::json_number(f.fsnum);
  j["alpha"] = model::json_number(f.options.alpha);
  j["pval"] = model::json_number(f.pval);
  j["meanes"] = model::json_number(f.meanes);
  j["target"] = model::json_number(f.target);
  ctx.out << model::json_text(j);
}

}  // namespace

void setup_fsn(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<FsnCliOptions>();
  add_analysis_options(app, o->analysis);
  app.add_option("--type", o->type, "method: " + methods::valid_fsn_types() + " (default Rosenthal)");
  app.add_option("--alpha", o->alpha, "target significance level (default 0.05)");
  app.add_option("--target", o->target, "Orwin: the effect to bring the mean down to (default: half the mean)");
  app.add_flag("--weighted", o->weighted, "Orwin: inverse-variance weighted mean instead of the plain mean");
  app.add_flag("--json", o->json, "print one JSON object instead of text");
  app.callback([o, &ctx] { run_fsn(*o, ctx); });
}

}  // namespace metareview::cli
