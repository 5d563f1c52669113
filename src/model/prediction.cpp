#include "model/prediction.h"

#include <cmath>

#include "model/inference.h"

namespace metareview::model {

PredictionInterval prediction_interval(double beta, double se, double tau2, int k, int p, Test test, PiDist dist,
                                       double level_percent) {
  PredictionInterval pi;
  int df = 0;
  switch (dist) {
    case PiDist::Z: df = test == Test::KNHA ? k - p : 0; break;
    case PiDist::T_K1: df = k - p; break;
    case PiDist::T_K2: df = k - p - 1; break;
    case PiDist::None:
      pi.shown = false;
      pi.message = "no prediction interval (pi-dist none)";
      return pi;
  }
  if (dist != PiDist::Z && df < 1) {
    pi.shown = false;
    pi.message = "no prediction interval: its t has " + std::to_string(df) + " df at k = " + std::to_string(k);
    return pi;
  }
  if (dist != PiDist::Z || test == Test::KNHA) {
    if (df < 1) {
      pi.message = "prediction interval: t would have " + std::to_string(df) + " df; 1 df used, as metafor";
      df = 1;
    }
    pi.df = df;
  }
  const double half = ci_halfwidth(std::sqrt(se * se + tau2), level_percent, pi.df);
  pi.lb = beta - half;
  pi.ub = beta + half;
  return pi;
}

std::string prediction_not_shown(int k, PiDist dist) {
  if (dist == PiDist::None) return "not reported: the analysis asks for none (pi-dist none)";
  if (k >= kMinStudiesForPrediction) return "";
  return "not reported: " + std::to_string(k) + (k == 1 ? " study" : " studies") +
         "; a prediction interval needs at least " + std::to_string(kMinStudiesForPrediction);
}

}  // namespace metareview::model
