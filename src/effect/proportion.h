#pragma once
#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// PR, PLO, PAS and PFT from xi events of ni for every row of `table.input`, with
/// metafor's continuity correction (add, to; for PAS and PFT add = 0 unless add_given).
/// `table` comes from escalc() with its vectors sized and rows marked included.
void escalc_proportion(core::Measure measure, EffectTable& table);

}  // namespace metareview::effect
