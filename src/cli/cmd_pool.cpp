// `metareview pool`: pool the studies of one CSV file (effect/effect_csv.h) with one measure
// and one method, and print the fit as a table like metafor's print.rma or as JSON.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/analysis_options.h"
#include "cli/commands.h"
#include "core/format.h"
#include "core/measure.h"
#include "effect/transform.h"
#include "model/fit.h"
#include "model/fit_json.h"
#include "model/spec.h"

namespace metareview::cli {
namespace {

struct PoolOptions {
  AnalysisOptions analysis;
  bool json = false;
};

// ----- JSON -----------------------------------------------------------------------------

using Json = nlohmann::ordered_json;

/// The fields of `from` named in `keys`, in that order.
Json pick(const nlohmann::json& from, std::initializer_list<const char*> keys) {
  Json out = Json::object();
  for (const char* key : keys) out[key] = from.at(key);
  return out;
}

// The fit as results.json holds it (model::fit_json), in the subset and key order `pool
// --json` has always printed: the spec's method and test up front, degrees of freedom as
// whole numbers, and each study's yi, vi and weight. Its keys are the command's interface
// (tests/unit/cli/pool_test.cpp pins them).
Json pool_json(const model::Fit& f, const effect::EffectTable& es) {
  const nlohmann::json fit = model::fit_json(f, es);
  const nlohmann::json& settings = fit.at("settings");
  Json out = Json::object();
  for (const char* key : {"k", "measure", "method", "test", "estimate", "se", "zval", "df", "pval", "ci_lb", "ci_ub",
                          "pi_lb", "pi_ub", "pi_df", "tau2", "se_tau2", "tau2_ci_lb", "tau2_ci_ub", "tau", "Q", "Q_df",
                          "Q_p", "I2", "I2_ci_lb", "I2_ci_ub", "H2", "H2_ci_lb", "H2_ci_ub", "s2w", "converged",
                          "iterations", "tau2_at_boundary", "message"})
    out[key] = fit.contains(key) ? fit.at(key) : settings.at(key);  // method and test: the spec's
  for (const char* key : {"df", "pi_df", "Q_df"})
    if (!out[key].is_null()) out[key] = static_cast<int>(out[key].get<double>());
  Json studies = Json::array();
  for (std::size_t i = 0; i < f.yi.size(); ++i)
    studies.push_back({{"study", f.slab[i]},
                       {"yi", model::json_number(f.yi[i])},
                       {"vi", model::json_number(f.vi[i])},
                       {"weight", fit.at("weights").at(i)}});
  out["studies"] = studies;
  out["transformed"] = pick(fit.at("transformed"), {"estimate", "ci_lb", "ci_ub", "pi_lb", "pi_ub"});
  Json s = pick(settings, {"preset", "method", "test", "level", "pi_dist", "i2", "adhoc", "tau2_fixed"});
  s["control"] = pick(settings.at("control"), {"threshold", "maxiter", "stepadj", "root_tol", "tau2_init"});
  s["effect"] = pick(settings.at("effect"), {"add", "to", "drop00", "drop00_ratio", "smd_revman5", "vtype"});
  out["settings"] = s;
  return out;
}

// ----- Table (metafor's print.rma layout) -----------------------------------------------

std::string fx(double x, int d = 4) { return core::format_fixed(x, d); }
// metafor's p-value style: 4 decimals, "<.0001" below.
std::string pv(double p) { return p < 1e-4 ? "<.0001" : core::format_fixed(p, 4); }
std::string ci_text(std::optional<double> lb, std::optional<double> ub, int d = 4, const char* unit = "") {
  if (!lb || !ub) return "";
  return " [" + fx(*lb, d) + unit + ", " + fx(*ub, d) + unit + "]";
}

void print_row(std::ostream& out, const std::vector<std::string>& head, const std::vector<std::string>& row) {
  std::string h, r;
  for (std::size_t j = 0; j < head.size(); ++j) {
    const std::size_t w = std::max(head[j].size(), row[j].size()) + (j == 0 ? 0 : 2);
    h += std::string(w - head[j].size(), ' ') + head[j];
    r += std::string(w - row[j].size(), ' ') + row[j];
  }
  out << h << '\n' << r << '\n';
}

void print_table(std::ostream& out, const model::Fit& f, const effect::EffectTable& es) {
  const auto& s = f.spec;
  const std::string k = "k = " + std::to_string(f.k);
  if (s.is_random_effects())
    out << "Random-Effects Model (" << k << "; tau^2 estimator: " << model::to_string(s.method) << ")\n\n";
  else
    out << "Common-Effect Model (" << k << "; "
        << (s.method == model::Method::MH ? "Mantel-Haenszel" : s.method == model::Method::PETO ? "Peto" : "inverse variance")
        << ")\n\n";
  if (f.tau2) {
    out << "tau^2 (estimated amount of total heterogeneity): " << fx(*f.tau2);
    if (f.se_tau2) out << " (SE = " << fx(*f.se_tau2) << ")";
    out << ci_text(f.tau2_ci_lb, f.tau2_ci_ub) << '\n';
    out << "tau (square root of estimated tau^2 value):      " << fx(*f.tau) << ci_text(f.tau_ci_lb, f.tau_ci_ub) << '\n';
  }
  if (f.I2) {
    out << "I^2 (total heterogeneity / total variability):   " << fx(*f.I2, 2) << '%'
        << ci_text(f.I2_ci_lb, f.I2_ci_ub, 2, "%") << '\n';
    out << "H^2 (total variability / sampling variability):  " << fx(*f.H2, 2) << ci_text(f.H2_ci_lb, f.H2_ci_ub, 2)
        << '\n';
  }
  out << "\nTest for Heterogeneity:\nQ(df = " << core::format_significant(f.Q_df, 1) << ") = " << fx(f.Q)
      << ", p-val " << (f.Q_p < 1e-4 ? "< .0001" : "= " + fx(f.Q_p)) << "\n\n";
  const bool log_scale = core::is_log_ratio(f.measure);
  out << "Model Results" << (log_scale ? " (log scale)" : "") << ":\n\n";
  std::vector<std::string> head{"estimate", "se", f.df ? "tval" : "zval"};
  std::vector<std::string> row{fx(f.estimate()), fx(f.se[0]), fx(f.zval[0])};
  if (f.df) head.push_back("df"), row.push_back(core::format_significant(*f.df, 1));
  head.insert(head.end(), {"pval", "ci.lb", "ci.ub"});
  row.insert(row.end(), {pv(f.pval[0]), fx(f.ci_lb[0]), fx(f.ci_ub[0])});
  print_row(out, head, row);
  if (f.pi_lb)
    out << "\nPrediction interval: [" << fx(*f.pi_lb) << ", " << fx(*f.pi_ub) << "] ("
        << (f.pi_df ? "t with " + core::format_significant(*f.pi_df, 1) + " df" : std::string("z")) << ")\n";
  if (f.measure != core::Measure::GEN && f.measure != core::Measure::MD && f.measure != core::Measure::SMD &&
      f.measure != core::Measure::RD) {
    const auto bt = [&](double x) { return fx(effect::back_transform(f.measure, x, es.ni)); };
    out << "\nBack-transformed (" << core::to_string(f.measure) << "): " << bt(f.estimate()) << " [" << bt(f.ci_lb[0])
        << ", " << bt(f.ci_ub[0]) << "]";
    if (f.pi_lb) out << "; prediction interval [" << bt(*f.pi_lb) << ", " << bt(*f.pi_ub) << "]";
    out << '\n';
  }
  if (!f.message.empty()) out << "\nNote: " << f.message << '\n';
}

void run_pool(const PoolOptions& o, Context& ctx) {
  const auto in = load_analysis(o.analysis, "pool", ctx);
  if (!in) return;
  // A metareview::Error (a model that cannot be fitted) propagates to run()'s one boundary.
  const model::Fit f = model::fit(in->es, in->analysis.settings.model);
  if (o.json)
    ctx.out << model::json_text(pool_json(f, in->es));
  else
    print_table(ctx.out, f, in->es);
}

}  // namespace

void setup_pool(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PoolOptions>();
  add_analysis_options(app, o->analysis);
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  app.callback([o, &ctx] { run_pool(*o, ctx); });
}

}  // namespace metareview::cli
