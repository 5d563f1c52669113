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
  /// The fitted line yi = intercept + slope * predictor (every predictor): what a funnel plot
  /// draws as the regression line (render::FunnelLine).
  double intercept = 0, slope = 0;
  bool t_test() const { return ddf.has_value(); }
};

inline constexpr int kMinStudiesForRegtest = 3;

/// Egger-type regression test on the rows fit(es, spec) uses. Throws Error with fewer than 3
/// studies, for a predictor of ni on a table without sample sizes, for a predictor that is
/// the same for every study, for model rma with MH or PETO, and when the refit fails.
/// Ref: metafor 3.8-1 regtest.r; Egger et al. (1997) BMJ 315:629 (model lm, predictor sei);
/// Sterne & Egger (2005) in Rothstein et al., Publication Bias in Meta-Analysis, ch. 6.
Regtest regtest(const effect::EffectTable& es, const model::ModelSpec& spec, const RegtestOptions& options = {});

/// R meta's metabias() tests for binary outcomes, from the 2x2 counts.
enum class BinaryBiasTest { Peters, Harbord };

/// metabias()'s result (meta 7.0's names): a weighted regression with multiplicative
/// dispersion, its slope `bias` tested by t on k - 2 df.
struct BinaryBias {
  BinaryBiasTest test = BinaryBiasTest::Peters;
  int k = 0;
  double statistic = 0, df = 0, pval = 1;
  double bias = 0, se_bias = 0, intercept = 0, se_intercept = 0;
  double tau = 0;  ///< the residual standard deviation (meta's tau for model lm)
};

/// Peters' test (yi on 1/(n1i + n2i), weights 1/(1/(ai + ci) + 1/(bi + di))) for the 2x2
/// measures, or Harbord's score test (Z/V on 1/sqrt(V), Z and V the score and its variance of
/// the log OR) for OR, on the usable rows. Throws Error for a measure without 2x2 counts
/// (Harbord: other than OR), with fewer than 3 studies, and when a study has no events or no
/// non-events in both arms together (Peters' weight is 0) or a score variance of 0 (Harbord).
/// Ref: Peters et al. (2006) JAMA 295:676; Harbord, Egger & Sterne (2006) Stat Med 25:3443;
/// R meta 7.0-0 metabias.R (method.bias "Peters", "Harbord") and meta-math.R linregcore().
BinaryBias binary_bias_test(const effect::EffectTable& es, BinaryBiasTest test);

std::string_view to_string(BinaryBiasTest t);  ///< "peters", "harbord"
std::optional<BinaryBiasTest> parse_binary_bias_test(std::string_view code);
std::string valid_binary_bias_tests();

std::string_view to_string(RegtestModel m);          ///< "rma", "lm"
std::optional<RegtestModel> parse_regtest_model(std::string_view code);
std::string_view to_string(RegtestPredictor p);      ///< "sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv"
std::optional<RegtestPredictor> parse_regtest_predictor(std::string_view code);
std::string valid_regtest_models();       ///< "rma, lm", for error messages
std::string valid_regtest_predictors();   ///< "sei, vi, ni, ninv, sqrtni, sqrtninv"

}  // namespace metareview::methods
