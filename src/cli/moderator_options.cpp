#include "cli/moderator_options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "core/text.h"

namespace metareview::cli {

void add_moderator_options(CLI::App& app, ModeratorOptions& o, bool required) {
  auto* mods = app.add_option("--mods", o.mods,
                              "moderators: CSV columns, comma-separated (a text column is a factor, its first level "
                              "in sorted order the reference); an intercept is always included")
                   ->delimiter(',');
  if (required) mods->required();
  app.add_option("--factor", o.factors, "moderators of --mods to read as factors though numeric (comma-separated)")
      ->delimiter(',');
}

std::optional<MetaRegInput> load_metareg(const AnalysisOptions& a, const ModeratorOptions& m,
                                         std::string_view command, Context& ctx) {
  const std::string me = "metareview " + std::string(command) + ": ";
  for (std::size_t i = 0; i < m.mods.size(); ++i)
    if (std::find(m.mods.begin(), m.mods.begin() + static_cast<std::ptrdiff_t>(i), m.mods[i]) !=
        m.mods.begin() + static_cast<std::ptrdiff_t>(i)) {
      ctx.err << me << "--mods: column '" << m.mods[i] << "' is named twice\n";
      ctx.exit_code = kExitUsage;
      return std::nullopt;
    }
  for (const std::string& f : m.factors)
    if (std::find(m.mods.begin(), m.mods.end(), f) == m.mods.end()) {
      ctx.err << me << "--factor " << f << ": not one of the --mods columns (" << core::join(m.mods, ", ") << ")\n";
      ctx.exit_code = kExitUsage;
      return std::nullopt;
    }
  auto r = resolve_analysis(a, command, ctx);
  if (!r) return std::nullopt;
  if (!m.mods.empty() && (r->settings.model.method == model::Method::MH || r->settings.model.method == model::Method::PETO)) {
    ctx.err << me << "--mods: --method " << model::to_string(r->settings.model.method)
            << " pools 2x2 tables and takes no moderators; use an inverse-variance method (FE, DL, REML, ...)\n";
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  }
  effect::ExtraColumns extra;
  extra.names = m.mods;
  auto es = read_analysis_data(a, *r, ctx, &extra);
  if (!es) return std::nullopt;
  std::vector<model::ModeratorColumn> cols;
  for (std::size_t c = 0; c < m.mods.size(); ++c) {
    const bool factor = std::find(m.factors.begin(), m.factors.end(), m.mods[c]) != m.factors.end();
    cols.push_back({m.mods[c], std::move(extra.values[c]), extra.header[c], std::move(extra.where[c]), factor});
  }
  // The rows a fit uses (model/fit.h): included, with finite yi and vi.
  std::vector<bool> used(es->k());
  for (std::size_t i = 0; i < es->k(); ++i)
    used[i] = (es->included.empty() || es->included[i]) && std::isfinite(es->yi[i]) && std::isfinite(es->vi[i]);
  core::Diagnostics diags;
  model::Design design = model::make_design(cols, used, r->settings.model.is_random_effects() && !r->settings.model.tau2_fixed, diags);
  ctx.err << diags.to_string();
  if (diags.has_errors()) {
    ctx.exit_code = kExitInvalidInput;
    return std::nullopt;
  }
  return MetaRegInput{std::move(*r), std::move(*es), std::move(design)};
}

}  // namespace metareview::cli
