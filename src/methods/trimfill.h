#pragma once
// Duval and Tweedie's trim-and-fill (metafor's trimfill()): estimate how many studies are
// missing on one side of the funnel, impute their mirror images, and refit.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::methods {

enum class TrimfillEstimator { L0, R0, Q0 };
enum class TrimfillSide { Left, Right };

struct TrimfillOptions {
  TrimfillEstimator estimator = TrimfillEstimator::L0;
  std::optional<TrimfillSide> side;  ///< nullopt: chosen as metafor does (see trimfill())
  int maxiter = 100;
};

struct Trimfill {
  model::ModelSpec spec;           ///< the spec of every refit
  TrimfillOptions options;
  TrimfillSide side = TrimfillSide::Left;  ///< the side the missing studies are on (used)
  int k = 0;                       ///< observed studies
  int k0 = 0;                      ///< estimated missing studies
  std::optional<double> se_k0;    ///< nullopt where the rank-sum variance is negative (metafor: NaN)
  std::optional<double> p_k0;      ///< R0 only: P(R0 >= k0) under no missing studies
  /// The filled studies (mirror images about the trimmed estimate), in metafor's order.
  std::vector<double> fill_yi, fill_vi;
  // The fit of observed plus filled studies (the original fit when k0 = 0).
  double estimate = 0, se = 0, zval = 0, pval = 1, ci_lb = 0, ci_ub = 0;
  std::optional<double> tau2;      ///< nullopt for FE
};

/// Trim-and-fill on the rows fit(es, spec) uses, every fit with `spec`. Without a side, the
/// missing studies are taken to be on the left when the slope of an Egger-type regression on
/// sei (the model of spec) is >= 0, else on the right. Throws Error with fewer than 3 studies,
/// for MH and PETO (no inverse-variance refit), and when the iteration does not settle.
/// Ref: Duval & Tweedie (2000) Biometrics 56:455 and JASA 95:89; metafor 3.8-1
/// trimfill.rma.uni.r. Unlike metafor, the filled fit keeps the spec's test and level (metafor
/// refits it with z and 95%); under z at 95% the two agree.
Trimfill trimfill(const effect::EffectTable& es, const model::ModelSpec& spec, const TrimfillOptions& options = {});

std::string_view to_string(TrimfillEstimator e);  ///< "L0", "R0", "Q0"
std::optional<TrimfillEstimator> parse_trimfill_estimator(std::string_view code);
std::string valid_trimfill_estimators();
std::string_view to_string(TrimfillSide s);       ///< "left", "right"
std::optional<TrimfillSide> parse_trimfill_side(std::string_view code);
std::string valid_trimfill_sides();

}  // namespace metareview::methods
