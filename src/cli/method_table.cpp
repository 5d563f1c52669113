#include "cli/method_table.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "core/error.h"
#include "core/format.h"
#include "model/fit_json.h"
#include "model/refitter.h"
#include "render/cairo_writer.h"
#include "render/font.h"

namespace metareview::cli {
namespace {

struct MethodOptions {
  AnalysisOptions analysis;
  bool json = false;
  std::string plot;
};

void print_json(std::ostream& out, const methods::MethodResult& r, const effect::EffectTable& es) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    nlohmann::ordered_json row;
    row["study"] = study_label(es, r.rows[i]);
    for (std::size_t c = 0; c < r.columns.size(); ++c) row[r.columns[c]] = model::json_number(r.values[i][c]);
    rows.push_back(row);
  }
  nlohmann::ordered_json j;
  j["method"] = r.method;
  j["rows"] = rows;
  out << model::json_text(j);
}

// metafor's print of these data frames: 4 decimals, right-aligned columns, NA where empty.
void print_table(std::ostream& out, const methods::MethodResult& r, const effect::EffectTable& es) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::string> head{""};
  head.insert(head.end(), r.columns.begin(), r.columns.end());
  cells.push_back(head);
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    std::vector<std::string> row{study_label(es, r.rows[i])};
    for (const auto& v : r.values[i]) row.push_back(v ? core::format_fixed(*v, 4) : "NA");
    cells.push_back(row);
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& row : cells)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  for (const auto& row : cells) {
    std::string line = row[0] + std::string(width[0] - row[0].size(), ' ');
    for (std::size_t c = 1; c < row.size(); ++c) line += "  " + std::string(width[c] - row[c].size(), ' ') + row[c];
    out << line << '\n';
  }
}

}  // namespace

std::string study_label(const effect::EffectTable& es, std::size_t row) {
  return row < es.input.size() ? es.input[row].study : std::to_string(row + 1);
}


void require_studies(const effect::EffectTable& es, const model::ModelSpec& spec, const std::string& command,
                     std::size_t min_k) {
  const std::size_t k = model::Refitter(es, spec).rows().size();
  if (k < min_k)
    throw Error(command + ": k = " + std::to_string(k) + "; at least " + std::to_string(min_k) +
                " studies are needed");
}

std::string plot_path_problem(const std::string& path) {
  if (render::format_from_path(path)) return "";
  return "--plot: cannot tell the format of '" + path + "': use a .svg, .pdf or .png file name";
}

void write_method_plot(const render::Scene& scene, const std::string& path, Context& ctx) {
  render::write_figure(scene, path, render::WriteOptions::from_environment());
  ctx.err << "wrote " << path << " (" << core::format_fixed(scene.width, 0) << " x "
          << core::format_fixed(scene.height, 0) << " pt)\n";
}

void setup_method_command(CLI::App& app, Context& ctx, std::string command, MethodRunner runner,
                          const std::function<void(CLI::App&)>& extra, MethodPlotter plot) {
  auto o = std::make_shared<MethodOptions>();
  add_analysis_options(app, o->analysis);
  if (extra) extra(app);
  app.add_flag("--json", o->json, "print one JSON object instead of a table");
  if (plot) app.add_option("--plot", o->plot, "also draw the figure to this file: .svg, .pdf or .png");
  app.callback([o, &ctx, command = std::move(command), runner = std::move(runner), plot = std::move(plot)] {
    const auto r = resolve_analysis(o->analysis, command, ctx);
    if (!r) return;
    if (const std::string problem = o->plot.empty() ? "" : plot_path_problem(o->plot); !problem.empty()) {
      ctx.err << "metareview " << command << ": " << problem << '\n';
      ctx.exit_code = kExitUsage;
      return;
    }
    const auto es = read_analysis_data(o->analysis, *r, ctx);
    if (!es) return;
    // A metareview::Error (too few studies, a model that cannot be fitted) propagates to
    // run()'s one boundary: exit 1, nothing printed on stdout.
    const methods::MethodResult result = runner(*es, r->settings.model);
    if (!o->plot.empty()) write_method_plot(plot(result, *es, render::FontMeasurer()), o->plot, ctx);
    if (o->json)
      print_json(ctx.out, result, *es);
    else
      print_table(ctx.out, result, *es);
  });
}

}  // namespace metareview::cli
