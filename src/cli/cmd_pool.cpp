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
#include "cli/metareg_text.h"
#include "cli/method_table.h"
#include "cli/moderator_options.h"
#include "core/format.h"
#include "core/measure.h"
#include "effect/transform.h"
#include "model/fit.h"
#include "model/fit_json.h"
#include "model/metareg.h"
#include "model/metareg_json.h"
#include "model/spec.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"
#include "render/bubble_layout.h"
#include "render/font.h"

namespace metareview::cli {
namespace {

struct PoolOptions {
  AnalysisOptions analysis;
  ModeratorOptions moderators;
  std::string plot;
  std::string subgroup_tau2 = "separate";
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

// ----- Meta-regression (--mods) ----------------------------------------------------------

// metafor's print.rma.uni for a model with moderators.
void print_metareg(std::ostream& out, const model::MetaReg& m) {
  const model::Fit& f = m.fit;
  const auto& s = f.spec;
  const std::string k = "k = " + std::to_string(f.k);
  if (s.is_random_effects())
    out << "Mixed-Effects Model (" << k << "; tau^2 estimator: " << model::to_string(s.method) << ")\n\n";
  else
    out << "Fixed-Effects with Moderators Model (" << k << ")\n\n";
  if (f.tau2) {
    out << "tau^2 (estimated amount of residual heterogeneity):     " << fx(*f.tau2);
    if (f.se_tau2) out << " (SE = " << fx(*f.se_tau2) << ")";
    out << '\n';
    out << "tau (square root of estimated tau^2 value):             " << fx(*f.tau) << '\n';
  }
  if (f.I2) out << "I^2 (residual heterogeneity / unaccounted variability): " << fx(*f.I2, 2) << "%\n";
  if (f.H2) out << "H^2 (unaccounted variability / sampling variability):   " << fx(*f.H2, 2) << '\n';
  // As print.rma.uni: R2 is printed for random-effects models only (JSON carries metafor's FE value too).
  if (m.R2 && f.tau2) out << "R^2 (amount of heterogeneity accounted for):            " << fx(*m.R2, 2) << "%\n";
  out << "\nTest for Residual Heterogeneity:\nQE(df = " << core::format_significant(f.Q_df, 1) << ") = " << fx(f.Q)
      << ", p-val " << (f.Q_p < 1e-4 ? "< .0001" : "= " + fx(f.Q_p)) << "\n\n";
  print_moderator_test(out, m.omnibus, f.p, m.omnibus.QM_p, "p-val");
  out << '\n';
  const bool log_scale = core::is_log_ratio(f.measure);
  out << "Model Results" << (log_scale ? " (log scale)" : "") << ":\n\n";
  std::vector<std::vector<std::string>> rows{{"", "estimate", "se", f.df ? "tval" : "zval"}};
  if (f.df) rows[0].push_back("df");
  rows[0].insert(rows[0].end(), {"pval", "ci.lb", "ci.ub"});
  for (std::size_t j = 0; j < f.beta.size(); ++j) {
    std::vector<std::string> r{m.names[j], fx(f.beta[j]), fx(f.se[j]), fx(f.zval[j])};
    if (f.df) r.push_back(core::format_significant(*f.df, 1));
    r.insert(r.end(), {pv(f.pval[j]), fx(f.ci_lb[j]), fx(f.ci_ub[j])});
    rows.push_back(r);
  }
  print_columns(out, rows);
  if (!f.message.empty()) out << "\nNote: " << f.message << '\n';
}

void run_metareg(const PoolOptions& o, Context& ctx) {
  if (!o.plot.empty()) {
    std::string problem = plot_path_problem(o.plot);
    if (problem.empty() && (o.moderators.mods.size() != 1 || !o.moderators.factors.empty()))
      problem = "--plot draws a bubble plot of one numeric moderator; --mods names " +
                std::to_string(o.moderators.mods.size()) + (o.moderators.factors.empty() ? "" : " read as a factor");
    if (!problem.empty()) {
      ctx.err << "metareview pool: " << problem << '\n';
      ctx.exit_code = kExitUsage;
      return;
    }
  }
  const auto in = load_metareg(o.analysis, o.moderators, "pool", ctx);
  if (!in) return;
  if (!o.plot.empty() && in->design.is_factor.at(0)) {
    ctx.err << "metareview pool: --plot draws a bubble plot of one numeric moderator; '" << o.moderators.mods[0]
            << "' holds text, so it is a factor\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  const model::MetaReg m = model::meta_regression(in->es, in->design, in->analysis.settings.model);
  if (!o.plot.empty())
    write_method_plot(render::bubble_layout(render::bubble_input(m, in->design, o.moderators.mods[0]), render::FontMeasurer()),
                      o.plot, ctx);
  if (o.json)
    ctx.out << model::json_text(model::metareg_json(m));
  else
    print_metareg(ctx.out, m);
}

// ----- Subgroups (a subgroup column) ------------------------------------------------------

bool has_subgroups(const effect::EffectTable& es) {
  return std::any_of(es.input.begin(), es.input.end(), [](const effect::StudyInput& s) { return !s.subgroup.empty(); });
}

// How the subgroups' tau2 was estimated, in words (the methods text of the review says the same).
std::string tau2_convention(const model::SubgroupFits& g) {
  if (!g.test_random) return "common-effect estimates";
  return g.tau2_common ? "random effects with one tau^2 from the mixed-effects model with the subgroup as a factor "
                         "(metafor's rma(mods = ~ factor(subgroup)))"
                       : "random effects with tau^2 estimated separately in each subgroup";
}

model::SubgroupFits pool_subgroups(const PoolOptions& o, const AnalysisInput& in) {
  const model::ModelSpec& spec = in.analysis.settings.model;
  const bool re = spec.is_random_effects();
  const model::SubgroupTau2 tau2 = o.subgroup_tau2 == "common" ? model::SubgroupTau2::Common : model::SubgroupTau2::Separate;
  return model::fit_subgroups(in.es, re ? std::nullopt : std::optional(spec), re ? std::optional(spec) : std::nullopt,
                              tau2);
}

const model::Fit* subgroup_fit(const model::SubgroupFits& g, const model::SubgroupFit& s) {
  return g.test_random ? (s.random ? &*s.random : nullptr) : (s.common ? &*s.common : nullptr);
}

// The test's sentence with its caveat, as the report words it (present::set_subgroup_test).
std::string subgroup_test_text(const model::SubgroupFits& g, const effect::EffectTable& es) {
  const present::AnalysisView view = present::analysis_view(es, g);
  return view.subgroup_test ? view.subgroup_test->text : "";
}

void print_subgroups(std::ostream& out, const model::SubgroupFits& g, const effect::EffectTable& es) {
  out << "\nSubgroups (" << tau2_convention(g) << "):\n\n";
  std::vector<std::vector<std::string>> rows{{"subgroup", "k", "estimate", "se", "ci.lb", "ci.ub", "tau^2"}};
  for (const model::SubgroupFit& s : g.subgroups) {
    const model::Fit* f = subgroup_fit(g, s);
    if (!f) {
      rows.push_back({s.name, "0", "", "", "", "", ""});
      continue;
    }
    rows.push_back({s.name, std::to_string(f->k), fx(f->estimate()), fx(f->se[0]), fx(f->ci_lb[0]), fx(f->ci_ub[0]),
                    f->tau2 ? fx(*f->tau2) : ""});
  }
  print_columns(out, rows);
  if (const std::string t = subgroup_test_text(g, es); !t.empty()) out << '\n' << t << '\n';
}

Json subgroups_json(const model::SubgroupFits& g, const effect::EffectTable& es) {
  Json list = Json::array();
  for (const model::SubgroupFit& s : g.subgroups) {
    const model::Fit* f = subgroup_fit(g, s);
    Json j = Json::object();
    j["name"] = s.name;
    j["k"] = f ? f->k : 0;
    j["estimate"] = f ? Json(model::json_number(f->estimate())) : Json(nullptr);
    j["se"] = f ? Json(model::json_number(f->se[0])) : Json(nullptr);
    j["ci_lb"] = f ? Json(model::json_number(f->ci_lb[0])) : Json(nullptr);
    j["ci_ub"] = f ? Json(model::json_number(f->ci_ub[0])) : Json(nullptr);
    j["tau2"] = f ? Json(model::json_number(f->tau2)) : Json(nullptr);
    list.push_back(j);
  }
  Json out = Json::object();
  out["subgroup_tau2"] = g.test_random ? (g.tau2_common ? "common" : "separate") : Json(nullptr);
  out["tau2_common"] = model::json_number(g.tau2_common);
  out["subgroups"] = list;
  if (g.test) {
    out["test"] = {{"Q", model::json_number(g.test->Q)}, {"df", static_cast<int>(g.test->df)},
                   {"pval", model::json_number(g.test->p)}, {"text", subgroup_test_text(g, es)}};
  } else {
    out["test"] = nullptr;
  }
  return out;
}

void run_pool(const PoolOptions& o, Context& ctx) {
  if (!o.moderators.mods.empty()) return run_metareg(o, ctx);
  if (!o.moderators.factors.empty() || !o.plot.empty()) {
    ctx.err << "metareview pool: " << (o.plot.empty() ? "--factor" : "--plot")
            << " needs --mods (the moderators it applies to)\n";
    ctx.exit_code = kExitUsage;
    return;
  }
  const auto in = load_analysis(o.analysis, "pool", ctx);
  if (!in) return;
  // A metareview::Error (a model that cannot be fitted) propagates to run()'s one boundary.
  const model::Fit f = model::fit(in->es, in->analysis.settings.model);
  const auto groups = has_subgroups(in->es) ? std::optional(pool_subgroups(o, *in)) : std::nullopt;
  if (o.json) {
    Json j = pool_json(f, in->es);
    if (groups) j["subgroups"] = subgroups_json(*groups, in->es);
    ctx.out << model::json_text(j);
  } else {
    print_table(ctx.out, f, in->es);
    if (groups) print_subgroups(ctx.out, *groups, in->es);
  }
}

}  // namespace

void setup_pool(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<PoolOptions>();
  add_analysis_options(app, o->analysis);
  add_moderator_options(app, o->moderators, false);
  app.add_option("--plot", o->plot,
                 "with one numeric moderator in --mods, also draw its bubble plot to this file: .svg, .pdf or .png");
  app.add_option("--subgroup-tau2", o->subgroup_tau2,
                 "with a subgroup column, the random-effects subgroups' tau^2: separate (each its own, default) or "
                 "common (one, from the mixed-effects model with the subgroup as a factor)")
      ->check(CLI::IsMember({"separate", "common"}));
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  app.callback([o, &ctx] { run_pool(*o, ctx); });
}

}  // namespace metareview::cli
