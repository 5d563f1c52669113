#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "effect/effect_table.h"

namespace metareview::model {

/// Pooling methods; codes are metafor's ("FE" common effect by inverse variance, "MH"
/// Mantel-Haenszel, "PETO" Peto's one-step OR; the rest are rma.uni tau2 estimators).
enum class Method { FE, MH, PETO, DL, REML, ML, PM, HE, HS, SJ, EB };
/// Inference for the pooled effect: Wald z, or Hartung-Knapp (metafor test = "knha").
enum class Test { Z, KNHA };
/// Distribution of the prediction interval: z (metafor's predict default), t with k-1 df,
/// t with k-2 df (Cochrane Handbook; Higgins, Thompson & Spiegelhalter 2009), or none (RevMan 5
/// shows no prediction interval).
/// As in metafor's predict(), Z means "the pooled effect's own distribution": under
/// Hartung-Knapp that is t(k-p) with the scaled SE, which Fit::pi_df records, and t df below 1
/// are raised to 1. T_K1 and T_K2 are Higgins et al.'s interval: the unscaled SE, and no
/// interval when the t has no df (k = 2 for T_K2).
enum class PiDist { Z, T_K1, T_K2, None };
/// I2 from tau2 and the typical within-study variance (metafor, RevMan Web), or from Q,
/// (Q-df)/Q (meta, RevMan 5; Higgins & Thompson 2002).
enum class I2Def { Tau2, Q };
/// Hartung-Knapp ad hoc variants: none; floor the scaling factor at 1 (metafor "adhoc",
/// Knapp & Hartung 2003, meta's adhoc.hakn.ci = "se"); IQWiG's rule (use the floor when the HK
/// CI is narrower than the DerSimonian-Laird z CI; IQWiG General Methods 6.1, as meta's
/// adhoc.hakn.ci = "IQWiG6"); the wider of the HK CI and the same fit's z CI, with that
/// interval's test (Jackson et al. 2017, hybrid method 2; meta's adhoc.hakn.ci = "ci").
enum class KnhaAdhoc { None, Floor, IQWiG, Ci };

/// Iteration control, like metafor's control=list(); defaults solve to full precision.
struct Control {
  double threshold = 1e-10;   ///< stop REML/ML/EB when |delta tau2| < threshold
  int maxiter = 1000;
  double stepadj = 1.0;       ///< step length factor (halved on divergence)
  std::optional<double> tau2_init;
  double root_tol = 1e-14;    ///< PM and Q-profile roots, on tau2
  /// ML/REML: after convergence, fall back to tau2 = 0 when the log-likelihood at 0 exceeds
  /// the one at the estimate by more than this (metafor's ll0check with its tol).
  double ll0_tol = 1.220703125e-4;
  /// Worker threads for the O(k) sums (0: one per core). The sums are split into fixed
  /// chunks added in a fixed order, so results are bit-identical whatever this is.
  unsigned threads = 0;
};

/// Everything that decides a fit; recorded in every result (and report) as used.
struct ModelSpec {
  Method method = Method::REML;
  Test test = Test::Z;
  double level = 95.0;                 ///< confidence level in percent
  PiDist pi_dist = PiDist::Z;
  I2Def i2_def = I2Def::Tau2;
  KnhaAdhoc knha_adhoc = KnhaAdhoc::None;
  std::optional<double> tau2_fixed;    ///< user-fixed tau2 (metafor's tau2=)
  Control control;
  std::string preset = "metafor";      ///< name of the preset these settings started from

  /// Empty when valid; otherwise one message naming the bad setting and its valid values.
  std::string validate() const;
  bool is_random_effects() const;
};

/// A named convention bundle: the effect-size options and the model spec it sets together.
struct Settings {
  effect::EffectOptions effect;
  ModelSpec model;
};

/// Presets: "metafor" (default: REML, z, PI from z, I2 from tau2), "cochrane" (REML,
/// Q-profile tau2 CI, Hartung-Knapp never narrower than z, PI with t(k-2)), "revman5" (DL,
/// z, I2 from Q, no PI), "iqwig" (PM, Hartung-Knapp with the IQWiG ad hoc rule, PI with
/// t(k-2)). docs/presets.md gives the source of each convention.
std::optional<Settings> preset(std::string_view name);
std::string valid_presets();

// Codes, metafor's spelling; parse_* return nullopt on unknown codes, valid_* list them.
std::string_view to_string(Method m);
std::optional<Method> parse_method(std::string_view code);
std::string valid_methods();
std::string_view to_string(Test t);
std::optional<Test> parse_test(std::string_view code);  ///< "z", "knha" (alias "hksj")
std::string valid_tests();
std::string_view to_string(PiDist d);
std::optional<PiDist> parse_pi_dist(std::string_view code);  ///< "z", "t-k1", "t-k2", "none"
std::string valid_pi_dists();
std::string_view to_string(I2Def d);
std::optional<I2Def> parse_i2_def(std::string_view code);  ///< "tau2", "Q"
std::string valid_i2_defs();
std::string_view to_string(KnhaAdhoc a);
std::optional<KnhaAdhoc> parse_knha_adhoc(std::string_view code);  ///< "none", "adhoc", "iqwig", "ci"
std::string valid_knha_adhocs();

}  // namespace metareview::model
