#pragma once
#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// OR, RR and RD from ai/n1i/ci/n2i (bi = n1i - ai, di = n2i - ci) for every row of
/// `table.input`, with metafor's continuity correction (add, to) and drop00 rules.
/// `table` comes from escalc() with its vectors sized and rows marked included.
void escalc_binary(core::Measure measure, EffectTable& table);

}  // namespace metareview::effect
