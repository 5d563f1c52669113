#pragma once
// Regression tests for funnel-plot asymmetry (metafor's regtest()): the effect sizes
// regressed on a measure of precision; a slope that differs from 0 signals small-study effects.
#include <optional>
#include <string>
#include <string_view>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::methods {

/// metafor's `model`: "rma" refits the model of the spec with the predictor as moderator;
/// "lm" is Egger's weighted regression with a multiplicative dispersion term (weights 1/vi).
enum class RegtestModel { Rma, Lm };
/// metafor's `predictor`: sei, vi, ni, 1/ni, sqrt(ni), 1/sqrt(ni).
enum class RegtestPredictor { Sei, Vi, Ni, Ninv, Sqrtni, Sqrtninv };

struct RegtestOptions {
  RegtestModel model = RegtestModel::Rma;
  RegtestPredictor predictor = RegtestPredictor::Sei;
};

/// regtest()'s result. zval holds t when the test uses t (model lm, or rma under knha).
struct Regtest {
  model::ModelSpec spec;        ///< the spec the rma refit used (unused by lm)
  RegtestOptions options;
  int k = 0;                    ///< studies in the test
  double zval = 0, pval = 1;    ///< the test of the predictor's coefficient
  std::optional<double> ddf;    ///< t df (k - 2); nullopt for a z test
  /// The limit estimate (the intercept: the effect where the predictor is 0) and its CI at
  /// spec.level; nullopt for predictors ni and sqrtni, which are 0 at no real study.
  std::optional<double> est, ci_lb, ci_ub;
  bool t_test() const { return ddf.has_value(); }
};

inline constexpr int kMinStudiesForRegtest = 3;

/// Egger-type regression test on the rows fit(es, spec) uses. Throws Error with fewer than 3
/// studies, for a predictor of ni on a table without sample sizes, for a predictor that is
/// the same for every study, and when the refit fails.
/// Ref: metafor 3.8-1 regtest.r; Egger et al. (1997) BMJ 315:629 (model lm, predictor sei);
/// Sterne & Egger (2005) in Rothstein et al., Publication Bias in Meta-Analysis, ch. 6.
Regtest regtest(const effect::EffectTable& es, const model::ModelSpec& spec, const RegtestOptions& options = {});

std::string_view to_string(RegtestModel m);          ///< "rma", "lm"
std::optional<RegtestModel> parse_regtest_model(std::string_view code);
std::string_view to_string(RegtestPredictor p);      ///< "sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv"
std::optional<RegtestPredictor> parse_regtest_predictor(std::string_view code);
std::string valid_regtest_models();       ///< "rma, lm", for error messages
std::string valid_regtest_predictors();   ///< "sei, vi, ni, ninv, sqrtni, sqrtninv"

}  // namespace metareview::methods
