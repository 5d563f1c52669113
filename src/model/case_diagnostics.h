#pragma once
// Per-study case diagnostics of an intercept-only inverse-variance fit, as metafor's
// influence.rma.uni() (with rstudent(), hatvalues(), cooks.distance(), dfbetas()), each
// deleted quantity from the refit without the study (model::Refitter).
#include <cstddef>
#include <optional>
#include <vector>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::model {

/// What the refit without one study gives (metafor's influence() columns).
struct Deleted {
  double resid = 0;       ///< yi - estimate without i (the deleted residual)
  double resid_se = 0;    ///< its standard error
  double rstudent = 0;    ///< resid / resid_se (studentized deleted residual)
  double dffits = 0;
  double cook_d = 0;      ///< Cook's distance
  double cov_r = 0;       ///< covariance ratio: Var(beta without i) / Var(beta)
  std::optional<double> tau2_del;  ///< tau2 without i (nullopt for FE)
  double QE_del = 0;      ///< Cochran's Q without i
  double dfbetas = 0;     ///< DFBETAS of the intercept
};

/// One study of the fit.
struct CaseRow {
  std::size_t row = 0;            ///< row in the effect table
  double hat = 0;                 ///< leverage w_i / sum w (metafor's hatvalues)
  double weight = 0;              ///< percent of the total weight
  std::optional<Deleted> deleted; ///< nullopt when the refit without the study failed
  bool influential = false;       ///< metafor's "*" (see case_diagnostics())
};

struct CaseDiagnostics {
  ModelSpec spec;           ///< the spec every refit used
  int k = 0;                ///< studies in the full fit
  std::vector<CaseRow> rows;///< one per study in the full fit, in input order
};

/// Case diagnostics of fit(es, spec) for FE and every tau2 estimator, with z or Hartung-Knapp
/// (a fixed tau2 stays fixed in the refits). Throws Error for MH, PETO, k < 2, or when the
/// full fit fails; a failed refit leaves that row's `deleted` empty, as metafor's NA row.
/// Ref: metafor 3.8-1 influence.rma.uni.r; Viechtbauer & Cheung (2010), sec. 3.
CaseDiagnostics case_diagnostics(const effect::EffectTable& es, const ModelSpec& spec);

}  // namespace metareview::model
