#pragma once
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "model/regression.h"
#include "model/spec.h"

namespace metareview::model {

/// What fit() computes beyond the coefficients, their test, tau2 and Q/I2/H2. The default
/// is the full fit; refits for sensitivity methods switch off what they do not read (the
/// Q-profile CI alone is two root searches, each many passes over the data).
struct Want {
  bool tau2_ci = true;     ///< Q-profile CI for tau2 (and the I2/H2 CIs from it)
  bool prediction = true;  ///< prediction interval
  bool weights = true;     ///< per-study percent weights
  bool notes = true;       ///< Fit::message

  /// Estimates, tests, tau2 and heterogeneity only: what leave-one-out and influence read.
  static constexpr Want estimates() { return {false, false, false, false}; }
};

/// A fitted model (metafor's rma object): it describes itself, so plots, reports, bias and
/// sensitivity methods read it or refit with fit.spec, never touching raw data.
/// Numbers are on the analysis scale (log for ratios). Quantities that do not apply to the
/// method (tau2 for FE) are nullopt; a number is never an unexplained NaN.
struct Fit {
  ModelSpec spec;                         ///< settings as used
  Want computed;                          ///< what was asked for: a part not asked for is absent
  core::Measure measure = core::Measure::GEN;
  effect::EffectOptions effect_options;   ///< escalc options the yi/vi were made with

  // Data, in input order; rows not included (dropped) have weight 0.
  int k = 0;                              ///< studies included in the fit
  int p = 1;                              ///< coefficients (1 = intercept only)
  std::vector<std::string> slab;
  std::vector<double> yi, vi;
  std::vector<bool> included;
  std::vector<double> weights;            ///< percent of the total weight, as metafor prints

  // Pooled effect (intercept-only model) or coefficients (moderators: beta[0..p-1]).
  std::vector<double> beta, se, zval, pval, ci_lb, ci_ub;  ///< zval holds t when test = KNHA
  std::optional<double> df;               ///< t df when test = KNHA (k - p)
  std::optional<double> pi_lb, pi_ub;     ///< prediction interval (intercept-only fits)
  std::optional<double> pi_df;            ///< t df the prediction interval used (nullopt: z)
  std::optional<double> s2w;              ///< Hartung-Knapp scaling factor as applied
  /// The Hartung-Knapp ad hoc rule (spec.knha_adhoc) changed the interval: the scaling factor
  /// was floored at 1, or (KnhaAdhoc::Ci) the z interval replaced a narrower HK interval.
  bool knha_adhoc_applied = false;

  // Heterogeneity.
  std::optional<double> tau2, se_tau2, tau2_ci_lb, tau2_ci_ub;
  bool tau2_ci_null = false;              ///< both Q-profile bounds below 0 (metafor prints "<0")
  std::optional<double> tau, tau_ci_lb, tau_ci_ub;
  double Q = 0, Q_df = 0, Q_p = 1;        ///< Cochran's Q (or Q_MH / Peto's Q)
  std::optional<double> I2, I2_ci_lb, I2_ci_ub;   ///< percent
  std::optional<double> H2, H2_ci_lb, H2_ci_ub;

  // Convergence (iterative estimators; true and 0 iterations otherwise).
  bool converged = true;
  int iterations = 0;
  bool tau2_at_boundary = false;          ///< tau2 truncated at 0
  bool tau2_fixed = false;                ///< tau2 was given (spec.tau2_fixed), not estimated
  std::string message;                    ///< why something is absent or truncated ("" when nothing)

  // Convenience for the intercept-only model.
  double estimate() const { return beta.at(0); }
};

/// Intercept-only fit in O(k) time and memory (no k x k matrices). MH and PETO read the
/// 2x2 counts in es.input. Input problems throw metareview::Error naming the value.
///
/// Rows enter when es.included is true and yi, vi are finite (vi must be > 0). MH and PETO
/// pool the raw counts of every table (metafor's rma.mh/rma.peto); their per-study yi/vi
/// (MH: es.yi/vi; PETO: Peto's per-study OR with es.options' correction) and Q use only
/// the rows es.included keeps, so drop00 and add/to act on what is shown, not on the pooled
/// estimate. With k = 1 the fit is given as metafor gives it: tau2 = 0 (or the fixed value),
/// test z, Q = 0, I2 = 0, H2 = 1, and no tau2 CI or prediction interval (message says so).
Fit fit(const effect::EffectTable& es, const ModelSpec& spec, const Want& want = {});

/// Fit with moderators: X is k x p (k = es.k(), rows for excluded studies ignored).
/// Only inverse-variance methods (FE and the tau2 estimators) accept a design matrix.
Fit fit(const effect::EffectTable& es, const Eigen::MatrixXd& X, const ModelSpec& spec, const Want& want = {});

/// Inverse-variance fit of a prepared regression whose rows were chosen and checked by the
/// caller (finite yi, vi > 0), with a spec that passed validate(): the path Refitter takes
/// so that a refit neither copies study data nor re-checks it. Per-study results are in the
/// regression's row order: weights (when wanted); slab, yi, vi and included stay empty.
Fit fit(const Regression& model, const ModelSpec& spec, const Want& want = {});

}  // namespace metareview::model
