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
void escalc_generic(EffectTable& table) {
  for (std::size_t i = 0; i < table.k(); ++i) {
    const StudyInput& r = table.input[i];
    const std::string missing = missing_fields({{"yi", r.yi}, {"vi", r.vi}});
    if (!missing.empty()) {
      exclude(table, i, "not computed: " + missing + " missing");
      continue;
    }
    if (r.vi < 0) fail(core::Measure::GEN, r, "vi must be >= 0, got " + core::format_shortest(r.vi));
    store(table, i, r.yi, r.vi, "not estimable: yi or vi is not finite");
  }
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
  return table;
}

}  // namespace metareview::effect
