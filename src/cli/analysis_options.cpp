#include "cli/analysis_options.h"

#include <CLI/CLI.hpp>

#include <ostream>

#include "core/diagnostics.h"
#include "core/format.h"
#include "core/level.h"
#include "effect/effect_csv.h"
#include "effect/escalc.h"

namespace metareview::cli {
void add_analysis_options(CLI::App& app, AnalysisOptions& o) {
  app.add_option("--data", o.data, "CSV file, one row per study (columns depend on --measure; a subgroup column groups rows)")
      ->required();
  app.add_option("--measure", o.measure, "effect measure: " + core::valid_measures())->required();
  app.add_option("--method", o.method, "pooling method: " + model::valid_methods() + " (default: the preset's)");
  app.add_option("--test", o.test, "test of the pooled effect: " + model::valid_tests());
  o.level_option = app.add_option("--level", o.level, "confidence level: 95 or 0.95 (default 95)");
  app.add_option("--preset", o.preset, "convention bundle: " + model::valid_presets() + " (default metafor)");
  app.add_option("--pi-dist", o.pi_dist, "prediction interval distribution: " + model::valid_pi_dists());
  app.add_option("--i2", o.i2, "I^2 definition: " + model::valid_i2_defs());
  app.add_option("--adhoc", o.adhoc, "Hartung-Knapp ad hoc variant: " + model::valid_knha_adhocs());
  app.add_flag("--strict", o.strict,
               "a missing value (NA or empty) is an error; by default its row is left out with a warning, as metafor does");
}

std::optional<ResolvedAnalysis> resolve_analysis(const AnalysisOptions& o, std::string_view command, Context& ctx) {
  const auto fail = [&]() -> std::optional<ResolvedAnalysis> {
    ctx.exit_code = kExitUsage;
    return std::nullopt;
  };
  const std::string me = "metareview " + std::string(command) + ": ";
  ResolvedAnalysis r;
  const auto preset = model::preset(o.preset);
  if (!preset) {
    ctx.err << me << "--preset: unknown value '" << o.preset << "'; valid values: " << model::valid_presets() << '\n';
    return fail();
  }
  r.settings = *preset;
  auto& m = r.settings.model;
  const bool ok =
      parse_code_option(ctx, command, "--measure", o.measure, core::parse_measure, core::valid_measures(), r.measure) &&
      parse_code_option(ctx, command, "--method", o.method, model::parse_method, model::valid_methods(), m.method) &&
      parse_code_option(ctx, command, "--test", o.test, model::parse_test, model::valid_tests(), m.test) &&
      parse_code_option(ctx, command, "--pi-dist", o.pi_dist, model::parse_pi_dist, model::valid_pi_dists(), m.pi_dist) &&
      parse_code_option(ctx, command, "--i2", o.i2, model::parse_i2_def, model::valid_i2_defs(), m.i2_def) &&
      parse_code_option(ctx, command, "--adhoc", o.adhoc, model::parse_knha_adhoc, model::valid_knha_adhocs(), m.knha_adhoc);
  if (!ok) return fail();
  if (o.level_option && o.level_option->count() > 0) {
    const auto percent = core::confidence_level_percent(o.level);
    if (!percent) {
      ctx.err << me << "--level " << core::format_shortest(o.level) << " is not a confidence level: "
              << core::kLevelHint << '\n';
      return fail();
    }
    m.level = *percent;
  }
  // A preset's Hartung-Knapp ad hoc rule goes with its test: "--preset iqwig --test z" is z.
  if (!o.test.empty() && m.test == model::Test::Z && o.adhoc.empty()) m.knha_adhoc = model::KnhaAdhoc::None;
  const bool counts = m.method == model::Method::MH || m.method == model::Method::PETO;
  if (counts && !core::is_binary_two_group(r.measure)) {
    ctx.err << me << "--method " << model::to_string(m.method) << " pools 2x2 tables; it applies to the measures "
            << (m.method == model::Method::PETO ? "OR" : "OR, RR, RD") << ", not " << core::to_string(r.measure)
            << '\n';
    return fail();
  }
  if (m.method == model::Method::PETO && r.measure != core::Measure::OR) {
    ctx.err << me << "--method PETO gives an odds ratio; use --measure OR, not " << core::to_string(r.measure) << '\n';
    return fail();
  }
  // rma.mh and rma.peto leave double-zero tables out of the per-study outcomes by default.
  if (counts) r.settings.effect.drop00 = true;
  if (const std::string err = m.validate(); !err.empty()) {
    ctx.err << me << err << '\n';
    return fail();
  }
  return r;
}

std::optional<effect::EffectTable> read_analysis_data(const AnalysisOptions& o, const ResolvedAnalysis& r,
                                                      Context& ctx, effect::ExtraColumns* extra) {
  core::Diagnostics diags;
  const auto rows = effect::read_effect_csv(o.data, r.measure, diags,
                                           o.strict ? effect::MissingValues::Error : effect::MissingValues::Drop, extra);
  ctx.err << diags.to_string();
  if (diags.has_errors()) {
    ctx.exit_code = kExitInvalidInput;
    return std::nullopt;
  }
  // A metareview::Error here (rows escalc cannot use) propagates to run()'s one boundary.
  return effect::escalc(r.measure, rows, r.settings.effect);
}

std::optional<AnalysisInput> load_analysis(const AnalysisOptions& o, std::string_view command, Context& ctx) {
  auto r = resolve_analysis(o, command, ctx);
  if (!r) return std::nullopt;
  auto es = read_analysis_data(o, *r, ctx);
  if (!es) return std::nullopt;
  return AnalysisInput{std::move(*r), std::move(*es)};
}

}  // namespace metareview::cli
