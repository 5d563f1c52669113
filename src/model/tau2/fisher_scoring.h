#pragma once
#include <functional>

#include "model/tau2/tau2.h"

namespace metareview::model::tau2 {

/// The Fisher scoring step of one likelihood, from a pass at the current tau2.
using ScoringStep = double (*)(const WlsResult& r, double k, double p);
/// The log-likelihood (up to a constant shared by tau2 = 0 and the estimate) from a pass at
/// tau2 with kWlsLogLik; nullptr skips metafor's ll0check (EB has no likelihood).
using LogLik = double (*)(const WlsResult& r, double k, double p);

/// metafor's iteration for ML, REML and EB: start at control.tau2_init or max(0, HE), add
/// the scoring step (times control.stepadj), halving it while it would take tau2 below 0,
/// until |delta tau2| <= control.threshold or control.maxiter steps. With a likelihood,
/// falls back to tau2 = 0 when that has a clearly higher likelihood (metafor's ll0check).
Estimate fisher_scoring(const Regression& model, const Control& control, const char* name, ScoringStep step,
                        LogLik loglik);

}  // namespace metareview::model::tau2
