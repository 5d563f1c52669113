#pragma once
#include <optional>
#include <string>

#include "model/spec.h"

namespace metareview::model {

struct PredictionInterval {
  bool shown = true;         ///< false: no interval (PiDist::None, or a t without df)
  double lb = 0, ub = 0;
  std::optional<double> df;  ///< t df used (nullopt: z)
  std::string message;       ///< e.g. df raised to 1, or why there is none ("" when nothing)
};

/// Prediction interval for the true effect of a new study: beta +- crit sqrt(se^2 + tau2).
/// crit is z, or t with k - p (PiDist::Z under Hartung-Knapp, as metafor's predict; df below
/// 1 raised to 1 as metafor), k - 1 or k - 2 df (Higgins et al.: none when that is below 1).
/// The caller passes the SE the convention uses (the test's own for Z, the unscaled for t).
/// Ref: Higgins, Thompson & Spiegelhalter (2009), eq. 12; metafor predict.rma (pi.type).
PredictionInterval prediction_interval(double beta, double se, double tau2, int k, int p, Test test, PiDist dist,
                                       double level_percent);

/// Fewer studies than this get no prediction interval in headlines, tables or figures: its
/// t quantile has k - 2 df, none at k = 2, and two studies say too little about τ² for any
/// interval to mean much. Fits keep metafor's numbers; results.json says why they are not shown.
// Ref: Higgins, Thompson & Spiegelhalter (2009), eq. 12; Riley, Higgins & Deeks (2011), BMJ 342:d549.
inline constexpr int kMinStudiesForPrediction = 3;

/// "" when the prediction interval of a fit of `k` studies is shown; else why it is not:
/// "not reported: 2 studies; a prediction interval needs at least 3".
std::string prediction_not_shown(int k, PiDist dist);

}  // namespace metareview::model
