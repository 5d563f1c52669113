// libFuzzer harness: an effect CSV as `pool`, `forest` and `funnel` read it, then what each
// of them computes from it (escalc, the fit and its JSON, the forest and funnel layouts;
// drawing the Scene with Cairo is left out, it adds no parsing). The first byte picks the
// measure, the second the method and test; the rest is the file. Seeds:
// tests/fuzz/corpus/effect_csv; dictionary: tests/fuzz/csv.dict.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/measure_info.h"
#include "effect/effect_csv.h"
#include "effect/escalc.h"
#include "model/fit.h"
#include "model/fit_json.h"
#include "model/spec.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render/funnel_layout.h"
#include "fuzz.h"

using namespace metareview;

namespace {

constexpr model::Method kMethods[] = {model::Method::FE, model::Method::MH, model::Method::PETO, model::Method::DL,
                                      model::Method::REML, model::Method::ML, model::Method::PM, model::Method::HE,
                                      model::Method::HS, model::Method::SJ, model::Method::EB};

bool is_common(model::Method m) { return m == model::Method::FE || m == model::Method::MH || m == model::Method::PETO; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const core::Measure measure = core::kMeasureInfo[data[0] % core::kMeasureInfo.size()].measure;
  model::Settings settings = *model::preset("metafor");
  model::ModelSpec& spec = settings.model;
  spec.method = kMethods[(data[1] & 0x7F) % std::size(kMethods)];
  if (data[1] & 0x80) spec.test = model::Test::KNHA;
  // As `pool` refuses them: MH and Peto pool 2x2 tables, Peto only as an odds ratio.
  const bool counts = spec.method == model::Method::MH || spec.method == model::Method::PETO;
  if ((counts && !core::is_binary_two_group(measure)) ||
      (spec.method == model::Method::PETO && measure != core::Measure::OR))
    spec.method = model::Method::REML;
  if (spec.method == model::Method::MH || spec.method == model::Method::PETO) settings.effect.drop00 = true;
  if (!spec.validate().empty()) spec.test = model::Test::Z;

  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  core::Diagnostics diags;
  std::vector<effect::StudyInput> rows;
  fuzz::run_step([&] { rows = effect::parse_effect_csv(text, "fuzz.csv", measure, diags); });
  fuzz::check_located(diags);
  if (diags.has_errors()) return 0;

  static const render::FontMeasurer fonts;
  std::optional<effect::EffectTable> es;
  fuzz::run_step([&] { es = effect::escalc(measure, rows, settings.effect); });
  if (!es) return 0;
  fuzz::run_step([&] {  // pool, and pool --json
    const model::Fit f = model::fit(*es, spec);
    (void)model::fit_json(f, *es).dump(2);
  });
  fuzz::run_step([&] {  // forest
    std::optional<model::ModelSpec> common, random;
    (is_common(spec.method) ? common : random) = spec;
    const present::AnalysisView view = present::analysis_view(*es, model::fit_subgroups(*es, common, random), {});
    (void)render::forest_layout(view, fonts);
  });
  fuzz::run_step([&] {  // funnel
    model::ModelSpec s = spec;
    if (!counts) s.method = model::Method::FE;
    s.test = model::Test::Z;
    const model::Fit f = model::fit(*es, s);
    (void)render::funnel_layout(render::funnel_input(*es, f, {(data[1] & 0x40) != 0}), fonts);
  });
  return 0;
}
