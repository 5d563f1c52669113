#pragma once
// Meta-regression (metafor's rma(yi, vi, mods = ...)): the fit with a design matrix, the
// omnibus test of the moderators (QM), and the pseudo-R2 against the model without them.
#include <optional>
#include <string>
#include <vector>

#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/moderators.h"
#include "model/regression.h"

namespace metareview::model {

/// The omnibus test of the coefficients but the intercept (metafor's btt = 2:p; all of
/// them, i.e. the intercept, in an intercept-only model): Wald chi2(m) with z, or QM/m
/// against F(m, k - p) under Hartung-Knapp.
struct Omnibus {
  double QM = 0, QM_p = 1;
  int QM_df1 = 0;
  std::optional<double> QM_df2;  ///< F's second df (Hartung-Knapp)
};

/// QM of a fit of `model` (made by fit(model, spec, ...)). Ref: metafor rma.uni (QM, QMdf, QMp).
Omnibus omnibus_test(const Regression& model, const Fit& f);

struct MetaReg {
  Fit fit;                          ///< coefficients, residual tau2, QE (fit.Q), I2, H2
  std::vector<std::string> names;   ///< coefficient names (Design::names)
  Omnibus omnibus;
  std::optional<double> R2;         ///< percent; absent when metafor gives none
  std::optional<double> tau2_RE;    ///< tau2 of the model without moderators (random effects)
  Eigen::MatrixXd vb;               ///< Var(beta) as tested (scaled by s2w under Hartung-Knapp)
};

/// Fits `design` to the rows of `es` it was made for (Design::X rows = es rows).
/// R2: random effects, max(0, (tau2_RE - tau2) / tau2_RE) in percent, 0 when tau2_RE = 0
/// (Ref: Raudenbush (2009), ch. 16; metafor rma.uni, r2def "1"); common effect, the
/// weighted regression's adjusted R2, floored at 0, as metafor (summary(lm(yi ~ X,
/// weights = 1/vi))$adj.r.squared).
MetaReg meta_regression(const effect::EffectTable& es, const Design& design, const ModelSpec& spec,
                        const Want& want = {});

/// The fitted value at one design row x (1, x1, ...), as metafor's predict.rma: pred = x'b,
/// se = sqrt(x' vb x), the CI with z or t(k - p), and for random-effects models the
/// prediction interval pred +- crit sqrt(se^2 + tau2). Ref: metafor predict.rma.
struct Prediction {
  double pred = 0, se = 0, ci_lb = 0, ci_ub = 0;
  std::optional<double> pi_lb, pi_ub;
};
Prediction predict(const MetaReg& m, const Eigen::RowVectorXd& x);

}  // namespace metareview::model
