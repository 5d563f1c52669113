#include <array>
#include <utility>

#include "model/tau2/tau2.h"

namespace metareview::model::tau2 {

Estimator estimator(Method method) {
  static constexpr std::array<std::pair<Method, Estimator>, 8> kTable{{
      {Method::DL, &dersimonian_laird},
      {Method::HE, &hedges},
      {Method::HS, &hunter_schmidt},
      {Method::SJ, &sidik_jonkman},
      {Method::PM, &paule_mandel},
      {Method::REML, &restricted_ml},
      {Method::ML, &maximum_likelihood},
      {Method::EB, &empirical_bayes},
  }};
  for (const auto& [m, fn] : kTable)
    if (m == method) return fn;
  return nullptr;
}

Estimate truncated(double raw, const char* name) {
  Estimate est;
  est.tau2 = raw;
  if (raw < 0) {
    est.tau2 = 0;
    est.at_boundary = true;
    est.message = std::string(name) + ": the estimate was negative and is truncated at 0";
  }
  return est;
}

}  // namespace metareview::model::tau2
