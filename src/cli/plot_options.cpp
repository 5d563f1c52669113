#include "cli/plot_options.h"

#include <CLI/CLI.hpp>

#include <ostream>

#include "core/format.h"
#include "render/cairo_writer.h"

namespace metareview::cli {

void add_plot_options(CLI::App& app, PlotArgs& a) {
  add_analysis_options(app, a.analysis);
  app.add_option("--dpi", a.dpi, "PNG resolution in pixels per inch (default 300)");
  app.add_option("-o,--output", a.output, "figure file: .svg, .pdf or .png")->required();
}

std::optional<PlotData> load_plot_data(const PlotArgs& a, const char* command, Context& ctx) {
  const auto r = resolve_analysis(a.analysis, command, ctx);
  if (!r) return std::nullopt;
  auto usage = [&](const std::string& message) {
    ctx.err << "metareview " << command << ": " << message << '\n';
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  };
  if (!render::format_from_path(a.output))
    return usage("-o: cannot tell the format of '" + a.output + "': use a .svg, .pdf or .png file name");
  render::WriteOptions w;
  w.dpi = a.dpi;
  if (const std::string err = w.validate(); !err.empty()) return usage("--dpi: " + err);
  auto es = read_analysis_data(a.analysis, *r, ctx);
  if (!es) return std::nullopt;
  return PlotData{std::move(*es), r->settings.model};
}

void write_plot(const render::Scene& scene, const PlotArgs& a, Context& ctx) {
  render::WriteOptions w = render::WriteOptions::from_environment();
  w.dpi = a.dpi;
  render::write_figure(scene, a.output, w);
  ctx.out << "wrote " << a.output << " (" << core::format_fixed(scene.width, 0) << " x "
          << core::format_fixed(scene.height, 0) << " pt)\n";
}

}  // namespace metareview::cli
