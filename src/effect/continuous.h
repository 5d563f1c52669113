#pragma once
#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// Hedges' exact small-sample bias correction c(m) = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)),
/// m = n1i + n2i - 2; NaN for m <= 1, where it is undefined (metafor's .cmicalc gives NA).
double hedges_correction(double m);

/// MD and SMD (Hedges' g) from m1i/sd1i/n1i and m2i/sd2i/n2i for every row of
/// `table.input`. `table` comes from escalc() with its vectors sized and rows marked included.
void escalc_continuous(core::Measure measure, EffectTable& table);

}  // namespace metareview::effect
