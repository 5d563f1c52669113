// `metareview permutest`: permutation p-values for the coefficients and the omnibus test of
// `pool --mods` (metafor's permutest.rma.uni), exact or from reproducible random draws.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "cli/metareg_text.h"
#include "cli/moderator_options.h"
#include "core/format.h"
#include "methods/permutest.h"
#include "model/fit_json.h"

namespace metareview::cli {
namespace {

struct PermutestCliOptions {
  AnalysisOptions analysis;
  ModeratorOptions moderators;
  bool exact = false;
  std::uint64_t iter = 1000;
  std::uint64_t seed = methods::kPermutestDefaultSeed;
  unsigned threads = 0;
  bool json = false;
};

std::string fx(double x) { return core::format_fixed(x, 4); }
std::string pv(double p) { return p < 1e-4 ? "<.0001" : core::format_fixed(p, 4); }

void print_permutest(std::ostream& out, const methods::Permutest& t) {
  const model::Fit& f = t.observed.fit;
  const model::Omnibus& o = t.observed.omnibus;
  out << (t.exact ? "Exact" : "Approximate") << " permutation test (" << t.iter << " permutations"
      << (t.seed ? "; seed " + std::to_string(*t.seed) : std::string()) << "; k = " << f.k
      << "; method: " << model::to_string(f.spec.method) << ")\n";
  if (t.failed > 0) out << t.failed << " refits failed and are left out (as metafor's NA rows)\n";
  out << '\n';
  print_moderator_test(out, o, f.p, t.QM_p, "p-val*");
  out << "\nModel Results:\n\n";
  std::vector<std::vector<std::string>> rows{{"", "estimate", "se", f.df ? "tval" : "zval", "pval*", "ci.lb", "ci.ub"}};
  for (std::size_t j = 0; j < f.beta.size(); ++j)
    rows.push_back({t.observed.names[j], fx(f.beta[j]), fx(f.se[j]), fx(f.zval[j]), pv(t.pval[j]), fx(f.ci_lb[j]),
                    fx(f.ci_ub[j])});
  print_columns(out, rows);
  out << "\n* p-values from the permutation distribution; estimates, SEs and CIs from the model as fitted\n";
}

nlohmann::ordered_json permutest_json(const methods::Permutest& t) {
  const model::Fit& f = t.observed.fit;
  nlohmann::ordered_json j;
  j["k"] = f.k;
  j["method"] = std::string(model::to_string(f.spec.method));
  j["test"] = std::string(model::to_string(f.spec.test));
  j["exact"] = t.exact;
  j["iter"] = t.iter;
  j["seed"] = t.seed ? nlohmann::ordered_json(*t.seed) : nlohmann::ordered_json(nullptr);
  j["failed"] = t.failed;
  j["QM"] = model::json_number(t.observed.omnibus.QM);
  j["QM_p"] = model::json_number(t.QM_p);
  nlohmann::ordered_json coefs = nlohmann::ordered_json::array();
  for (std::size_t c = 0; c < f.beta.size(); ++c) {
    nlohmann::ordered_json e;
    e["name"] = t.observed.names[c];
    e["estimate"] = model::json_number(f.beta[c]);
    e[f.df ? "tval" : "zval"] = model::json_number(f.zval[c]);
    e["pval"] = model::json_number(t.pval[c]);
    coefs.push_back(e);
  }
  j["coefficients"] = coefs;
  return j;
}

void run_permutest(const PermutestCliOptions& o, const CLI::Option* seed_option, Context& ctx) {
  if (o.exact && seed_option->count() > 0) {
    ctx.err << "metareview permutest: --seed has no use with --exact (every permutation is enumerated)\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  const auto in = load_metareg(o.analysis, o.moderators, "permutest", ctx);
  if (!in) return;
  methods::PermutestOptions po;
  po.exact = o.exact;
  po.iter = o.iter;
  po.seed = o.seed;
  po.threads = o.threads;
  // A metareview::Error (too many permutations for --exact) propagates to run()'s boundary.
  const methods::Permutest t = methods::permutest(in->es, in->design, in->analysis.settings.model, po);
  if (o.json)
    ctx.out << model::json_text(permutest_json(t));
  else
    print_permutest(ctx.out, t);
}

}  // namespace

void setup_permutest(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PermutestCliOptions>();
  add_analysis_options(app, o->analysis);
  add_moderator_options(app, o->moderators, false);
  app.add_flag("--exact", o->exact,
               "enumerate every permutation (the default when there are at most --iter distinct ones, as metafor)");
  app.add_option("--iter", o->iter, "random permutations when not exact (default 1000; the data as given are the first)");
  const CLI::Option* seed = app.add_option(
      "--seed", o->seed,
      "seed of the random permutations (default " + std::to_string(methods::kPermutestDefaultSeed) +
          "; the same seed gives the same p-values on any machine and thread count)");
  app.add_option("--threads", o->threads, "worker threads (default: one per core; results do not depend on it)");
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  app.callback([o, seed, &ctx] { run_permutest(*o, seed, ctx); });
}

}  // namespace metareview::cli
