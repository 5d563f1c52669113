#pragma once
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// Observed effects and sampling variances for one measure, as metafor's escalc() with the
/// same option names and defaults (effect/effect_table.h). Rows keep input order. Input is
/// expected to be validated (events <= n, n > 0, sd >= 0); a value no formula accepts
/// throws metareview::Error naming the study and the value.
EffectTable escalc(core::Measure measure, const std::vector<StudyInput>& rows,
                   const EffectOptions& options = {});

}  // namespace metareview::effect
