#pragma once
// The tau2 estimators of metafor's rma.uni, one cited unit per file, all with one signature.
// Each returns tau2 after metafor's truncation at 0 and its standard error as rma.uni gives it.
#include <optional>
#include <string>

#include "model/regression.h"
#include "model/spec.h"

namespace metareview::model::tau2 {

struct Estimate {
  double tau2 = 0;
  std::optional<double> se_tau2;
  int iterations = 0;
  bool converged = true;
  bool at_boundary = false;  ///< the estimator's own value was below 0 and was truncated
  std::string message;       ///< why tau2 was truncated or the solver stopped ("" when nothing)
};

using Estimator = Estimate (*)(const Regression& model, const Control& control);

/// The estimator for a random-effects method; nullptr for FE, MH and PETO.
Estimator estimator(Method method);

// One per file (src/model/tau2/<code>.cpp).
Estimate dersimonian_laird(const Regression& model, const Control& control);
Estimate hedges(const Regression& model, const Control& control);
Estimate hunter_schmidt(const Regression& model, const Control& control);
Estimate sidik_jonkman(const Regression& model, const Control& control);
Estimate paule_mandel(const Regression& model, const Control& control);
Estimate restricted_ml(const Regression& model, const Control& control);
Estimate maximum_likelihood(const Regression& model, const Control& control);
Estimate empirical_bayes(const Regression& model, const Control& control);

/// The untruncated Hedges (HE) value, which also starts ML, REML and EB as in metafor.
double hedges_raw(const Regression& model);
/// SE of a moment estimator (Q - c) / denom, Q with the weights 1/vi (DL, HS).
double q_moment_se(const WlsResult& r, double df, double tau2, double denom);
/// The root of the generalised Q(tau2) = k - p (0 when Q(0) < k - p), with the EB/PM standard
/// error: the Paule-Mandel estimate, and the fixed point of the empirical Bayes iteration.
/// `name` leads its messages.
Estimate generalised_q_root(const Regression& model, const Control& control, const char* name);
/// The standard error rma.uni reports for EB and PM.
double eb_pm_se(const Regression& model, double tau2);
/// Truncation at 0 shared by the closed-form estimators.
Estimate truncated(double raw, const char* name);

}  // namespace metareview::model::tau2
