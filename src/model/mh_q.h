#pragma once
// RevMan 5's random-effects model after Mantel-Haenszel pooling: Cochran's Q is taken around
// the MH estimate (not the inverse-variance one), and I2 and the DerSimonian-Laird tau2 follow
// from that Q. R meta calls this Q.Cochrane ("like RevMan 5"); metafor has no such option.
#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/spec.h"

namespace metareview::model {

/// DerSimonian-Laird tau2 from the Mantel-Haenszel Q of `es`: max(0, (Q_MH - df) / C) with
/// C = sum w - sum w^2 / sum w over the rows Q uses (w = 1/vi), 0 when df < 1.
/// Ref: Deeks & Higgins (2010), "Statistical algorithms in Review Manager 5", sec. 2.1.3
/// (MH Q) and 2.3 (DL with that Q); R meta 7.0 metabin(method = "MH", Q.Cochrane = TRUE).
double tau2_dl_mh_q(const effect::EffectTable& es);

/// The inverse-variance random-effects fit of `random` (method DL, tau2 not fixed) with tau2
/// from tau2_dl_mh_q(), and Q, its p-value, I2 and H2 those of the Mantel-Haenszel Q (I2 from
/// Q, or from tau2 as random.i2_def says). fit.spec is `random` as given; fit.message says
/// where tau2 came from. No Q-profile CI: the profile belongs to the inverse-variance Q.
Fit fit_random_mh_q(const effect::EffectTable& es, const ModelSpec& random, const Want& want = {});

}  // namespace metareview::model
