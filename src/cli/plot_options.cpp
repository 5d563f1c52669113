#include "cli/plot_options.h"

#include <CLI/CLI.hpp>

#include <ostream>

#include "core/error.h"
#include "core/format.h"
#include "core/measure.h"
#include "effect/escalc.h"
#include "effect/effect_csv.h"
#include "render/cairo_writer.h"

namespace metareview::cli {

void add_plot_options(CLI::App& app, PlotArgs& a) {
  app.add_option("--data", a.data, "CSV file, one row per study (as for `pool`; a subgroup column groups rows)")
      ->required();
  app.add_option("--measure", a.measure, "effect measure: " + core::valid_measures())->required();
  app.add_option("--method", a.method, "pooling method: " + model::valid_methods() + " (default REML)");
  app.add_option("--test", a.test, "test of the pooled effect: " + model::valid_tests());
  app.add_option("--dpi", a.dpi, "PNG resolution in pixels per inch (default 300)");
  app.add_option("-o,--output", a.output, "figure file: .svg, .pdf or .png")->required();
}

std::optional<PlotData> load_plot_data(const PlotArgs& a, const char* command, Context& ctx) {
  const std::string me = std::string("metareview ") + command + ": ";
  auto usage = [&](const std::string& message) {
    ctx.err << me << message << '\n';
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  };
  const auto measure = core::parse_measure(a.measure);
  if (!measure) return usage("--measure: unknown value '" + a.measure + "'; valid values: " + core::valid_measures());
  PlotData d;
  const auto settings = model::preset("metafor");
  if (!settings) throw Error("cli::load_plot_data: the metafor preset is missing");
  d.spec = settings->model;
  if (!a.method.empty()) {
    const auto method = model::parse_method(a.method);
    if (!method) return usage("--method: unknown value '" + a.method + "'; valid values: " + model::valid_methods());
    d.spec.method = *method;
  }
  if (!a.test.empty()) {
    const auto test = model::parse_test(a.test);
    if (!test) return usage("--test: unknown value '" + a.test + "'; valid values: " + model::valid_tests());
    d.spec.test = *test;
  }
  if (const std::string err = d.spec.validate(); !err.empty()) return usage(err);
  if (!render::format_from_path(a.output))
    return usage("-o: cannot tell the format of '" + a.output + "': use a .svg, .pdf or .png file name");
  render::WriteOptions w;
  w.dpi = a.dpi;
  if (const std::string err = w.validate(); !err.empty()) return usage("--dpi: " + err);

  core::Diagnostics diags;
  const auto rows = effect::read_effect_csv(a.data, *measure, diags);
  if (diags.has_errors()) {
    ctx.err << diags.to_string();
    ctx.exit_code = kExitInvalidInput;
    return std::nullopt;
  }
  effect::EffectOptions options = settings->effect;
  // rma.mh and rma.peto leave double-zero tables out of the per-study outcomes, as `pool`.
  if (d.spec.method == model::Method::MH || d.spec.method == model::Method::PETO) options.drop00 = true;
  d.es = effect::escalc(*measure, rows, options);
  return d;
}

void write_plot(const render::Scene& scene, const PlotArgs& a, Context& ctx) {
  render::WriteOptions w = render::WriteOptions::from_environment();
  w.dpi = a.dpi;
  render::write_figure(scene, a.output, w);
  ctx.out << "wrote " << a.output << " (" << core::format_fixed(scene.width, 0) << " x "
          << core::format_fixed(scene.height, 0) << " pt)\n";
}

}  // namespace metareview::cli
