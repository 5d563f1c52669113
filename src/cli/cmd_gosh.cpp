// `metareview gosh`: the fit of every subset of the studies (metafor's gosh()), summarised,
// with every subset written by --table as metafor's incl and res and, with --plot, drawn as
// metafor's plot.gosh().
#include <CLI/CLI.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/analysis_options.h"
#include "cli/method_table.h"
#include "core/error.h"
#include "core/format.h"
#include "io/fs.h"
#include "methods/gosh.h"
#include "model/fit_json.h"
#include "model/refitter.h"
#include "render/font.h"
#include "render/gosh_layout.h"

namespace metareview::cli {
namespace {

struct GoshCliOptions {
  AnalysisOptions analysis;
  std::optional<std::size_t> subsets;
  std::uint64_t seed = 0;
  std::string table;
  std::string plot;
  bool json = false;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + '"';
}

// metafor's gosh() table: one 0/1 column per study (named by its label), then the fit. All
// subsets are in metafor's order, by size and then as expand.grid lists them (study 1 the
// fastest-changing); random subsets in the order drawn.
std::string gosh_csv(const methods::Gosh& g, const effect::EffectTable& es) {
  std::vector<std::size_t> order(g.fits.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (g.exhaustive)
    std::sort(order.begin(), order.end(), [&g](std::size_t a, std::size_t b) {
      const int ka = std::popcount(g.incl[a]), kb = std::popcount(g.incl[b]);
      return ka != kb ? ka < kb : g.incl[a] < g.incl[b];
    });
  std::string text;
  for (const std::size_t row : g.studies)
    text += csv_field(row < es.input.size() ? es.input[row].study : std::to_string(row + 1)) + ',';
  text += "estimate,tau2,I2,Q,H2\n";
  const auto num = [](const methods::GoshFit& f, double x) { return f.ok ? core::format_shortest(x) : "NA"; };
  for (const std::size_t r : order) {
    for (std::size_t j = 0; j < g.studies.size(); ++j) text += g.included(r, j) ? "1," : "0,";
    const methods::GoshFit& f = g.fits[r];
    text += num(f, f.estimate) + ',' + num(f, f.tau2) + ',' + num(f, f.I2) + ',' + num(f, f.Q) + ',' + num(f, f.H2) +
            '\n';
  }
  return text;
}

nlohmann::ordered_json distribution_json(const methods::Distribution& d) {
  nlohmann::ordered_json j;
  j["min"] = model::json_number(d.min);
  j["q1"] = model::json_number(d.q1);
  j["median"] = model::json_number(d.median);
  j["q3"] = model::json_number(d.q3);
  j["max"] = model::json_number(d.max);
  j["mean"] = model::json_number(d.mean);
  return j;
}

void print_summary(std::ostream& out, const methods::Gosh& g, const methods::GoshSummary& s) {
  out << "GOSH: " << s.fits << " of " << g.fits.size() << ' ' << (g.exhaustive ? "subsets (all)" : "random subsets")
      << " fitted (" << model::to_string(g.spec.method) << ")\n\n";
  // Right-aligned in columns of 10 after a name column of 8.
  const auto cell = [](const std::string& v) { return std::string(10 - std::min<std::size_t>(9, v.size()), ' ') + v; };
  std::string head(8, ' ');
  for (const char* name : {"min", "q1", "median", "q3", "max", "mean"}) head += cell(name);
  out << head << '\n';
  const auto row = [&out, &cell](const char* name, const methods::Distribution& d) {
    std::string line = name;
    line.resize(8, ' ');
    for (const double x : {d.min, d.q1, d.median, d.q3, d.max, d.mean}) line += cell(core::format_fixed(x, 4));
    out << line << '\n';
  };
  row("estimate", s.estimate);
  row("I2", s.I2);
  row("tau2", s.tau2);
}

void run_gosh(const GoshCliOptions& o, Context& ctx) {
  const auto r = resolve_analysis(o.analysis, "gosh", ctx);
  if (!r) return;
  if (const std::string problem = o.plot.empty() ? "" : plot_path_problem(o.plot); !problem.empty()) {
    ctx.err << "metareview gosh: " << problem << '\n';
    ctx.exit_code = kExitUsage;
    return;
  }
  const auto es = read_analysis_data(o.analysis, *r, ctx);
  if (!es) return;
  methods::GoshOptions go;
  go.subsets = o.subsets;
  go.seed = o.seed;
  // A metareview::Error (k < 3, k > 20 without --subsets) propagates to run()'s boundary,
  // with the options that ask for random subsets named when there are too many for all.
  const std::optional<methods::Gosh> g = [&]() -> std::optional<methods::Gosh> {
    try {
      return methods::gosh(*es, r->settings.model, go);
    } catch (const Error& e) {
      if (o.subsets || model::Refitter(*es, r->settings.model).rows().size() <= methods::kGoshMaxExhaustiveK) throw;
      throw Error(std::string(e.what()) + " (--subsets N --seed S)");
    }
  }();
  const methods::GoshSummary s = methods::summarize(*g);
  if (!o.table.empty()) io::write_file_atomic(o.table, gosh_csv(*g, *es));
  if (!o.plot.empty())
    write_method_plot(render::gosh_layout(render::gosh_input(*g, es->measure), render::FontMeasurer()), o.plot, ctx);
  if (o.json) {
    nlohmann::ordered_json j;
    j["method"] = std::string(model::to_string(g->spec.method));
    j["subsets"] = g->fits.size();
    j["exhaustive"] = g->exhaustive;
    j["fits"] = s.fits;
    j["estimate"] = distribution_json(s.estimate);
    j["I2"] = distribution_json(s.I2);
    j["tau2"] = distribution_json(s.tau2);
    ctx.out << model::json_text(j);
  } else {
    print_summary(ctx.out, *g, s);
  }
}

}  // namespace

void setup_gosh(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<GoshCliOptions>();
  add_analysis_options(app, o->analysis);
  app.add_option("--subsets", o->subsets, "fit N random subsets instead of all 2^k - 1 (needed for k > 20)");
  app.add_option("--seed", o->seed, "seed of the random subsets (default 0)");
  app.add_option("--table", o->table, "write every subset and its fit to this CSV file (metafor's incl and res)");
  app.add_option("--plot", o->plot, "also draw I2 against the estimate of every subset to this file: .svg, .pdf or .png");
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  app.callback([o, &ctx] { run_gosh(*o, ctx); });
}

}  // namespace metareview::cli
