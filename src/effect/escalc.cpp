#include "effect/escalc.h"

#include <cmath>

#include "core/format.h"
#include "core/measure_info.h"
#include "effect/binary.h"
#include "effect/continuous.h"
#include "effect/hazard.h"
#include "effect/proportion.h"
#include "effect/row_context.h"
#include "effect/variance_type.h"

namespace metareview::effect {
namespace {

// GEN: metafor takes yi and vi as given.
void generic_row(core::Measure measure, EffectTable& table, std::size_t i) {
  const StudyInput& r = table.input[i];
  const std::string missing = missing_fields({{"yi", r.yi}, {"vi", r.vi}});
  if (!missing.empty()) {
    exclude(table, i, "not computed: " + missing + " missing");
    return;
  }
  if (r.vi < 0) fail(measure, r, "vi must be >= 0, got " + core::format_shortest(r.vi));
  store(table, i, r.yi, r.vi, "not estimable: yi or vi is not finite");
}

void escalc_generic(EffectTable& table) {
  for (std::size_t i = 0; i < table.k(); ++i) generic_row(core::Measure::GEN, table, i);
}

}  // namespace

EffectTable escalc(core::Measure measure, const std::vector<StudyInput>& rows, const EffectOptions& options) {
  check_vtype_known(options.vtype);
  EffectTable table;
  table.measure = measure;
  table.options = options;
  table.input = rows;
  const std::size_t k = rows.size();
  table.yi.assign(k, StudyInput::kNaN);
  table.vi.assign(k, StudyInput::kNaN);
  table.corrected.assign(k, false);
  table.included.assign(k, true);
  table.note.assign(k, "");
  table.ni.assign(k, StudyInput::kNaN);

  // The measure's input family picks its escalc file (core/measure_info.h).
  switch (core::measure_info(measure).family) {
    case core::InputFamily::TwoByTwo: escalc_binary(measure, table); break;
    case core::InputFamily::Proportion: escalc_proportion(measure, table); break;
    case core::InputFamily::Continuous: escalc_continuous(measure, table); break;
    case core::InputFamily::TimeToEvent: escalc_hazard(table); break;
    case core::InputFamily::Generic: escalc_generic(table); break;
  }
  // A row that gives yi (a study's <generic> estimate, already on the measure's scale) enters
  // as given, as metafor's rma(yi, vi) takes it; the family's formula had no arm data for it.
  if (core::measure_info(measure).family == core::InputFamily::Generic) return table;
  for (std::size_t i = 0; i < k; ++i) {
    if (std::isnan(rows[i].yi)) continue;
    table.included[i] = true;
    table.corrected[i] = false;
    table.note[i].clear();
    generic_row(measure, table, i);
  }
  return table;
}

}  // namespace metareview::effect
