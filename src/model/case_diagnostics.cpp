#include "model/case_diagnostics.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"
#include "model/fit.h"
#include "model/refitter.h"
#include "stats/distributions.h"

namespace metareview::model {
namespace {

// The quantities of the refit without study i that the diagnostics read, with p = 1.
struct Refit {
  double beta = 0;
  double vb = 0;      ///< Var(beta) as tested (scaled by s2w under Hartung-Knapp)
  double s2w = 1;     ///< 1 for z
  std::optional<double> tau2;
  double QE = 0;
};

Refit refit_without(const Refitter& refitter, std::size_t row) {
  const Fit f = refitter.without(row);
  return {f.beta.at(0), f.se.at(0) * f.se.at(0), f.s2w.value_or(1.0), f.tau2, f.Q};
}

// metafor's rule: |dffits| > 3 sqrt(p / (k - p)), pchisq(cook.d, p) > 0.5, hat > 3 p / k or
// any |dfbetas| > 1, here with p = 1. Ref: metafor 3.8-1 influence.rma.uni.r (is.infl).
bool influential(const CaseRow& c, int k) {
  if (c.hat > 3.0 / k) return true;
  if (!c.deleted) return false;
  const Deleted& d = *c.deleted;
  return std::fabs(d.dffits) > 3 * std::sqrt(1.0 / (k - 1)) ||
         stats::p_upper_chi2(d.cook_d, 1) < 0.5 || std::fabs(d.dfbetas) > 1;
}

}  // namespace

CaseDiagnostics case_diagnostics(const effect::EffectTable& es, const ModelSpec& spec) {
  if (spec.method == Method::MH || spec.method == Method::PETO)
    throw Error("case diagnostics: " + std::string(to_string(spec.method)) +
                " is not an inverse-variance fit; use FE or a tau2 estimator");
  Want want = Want::estimates();
  want.weights = true;
  const Refitter refitter(es, spec, want);
  const Fit full = refitter.all();
  if (full.k < 2) throw Error("case diagnostics: k = " + std::to_string(full.k) + "; at least 2 studies are needed");
  const double tau2 = full.tau2.value_or(0.0);
  const double beta = full.beta.at(0), vb = full.se.at(0) * full.se.at(0);
  // Every study's weight 1/(v + tau2) and their sum, at the full fit's tau2.
  double sum_w = 0;
  for (const std::size_t i : refitter.rows()) sum_w += 1 / (es.vi[i] + tau2);

  CaseDiagnostics out;
  out.spec = spec;
  out.k = full.k;
  for (const std::size_t i : refitter.rows()) {
    CaseRow c;
    c.row = i;
    // Ref: metafor hatvalues.rma.uni (diag of X (X'WX)^-1 X'W; values within 10 eps of 1 are 1).
    c.hat = 1 / (es.vi[i] + tau2) / sum_w;
    if (c.hat > 1 - 10 * std::numeric_limits<double>::epsilon()) c.hat = 1;
    c.weight = full.weights.at(i);
    try {
      const Refit del = refit_without(refitter, i);
      const double tau2_del = del.tau2.value_or(0.0);
      Deleted d;
      // Ref: metafor influence.rma.uni.r: resid = yi - X_i beta(-i), se^2 = s2w(-i) (vi + tau2(-i))
      // + Var(X_i beta(-i)); metafor sets |resid| < 100 eps to 0.
      d.resid = es.yi[i] - del.beta;
      if (std::fabs(d.resid) < 100 * std::numeric_limits<double>::epsilon()) d.resid = 0;
      d.resid_se = std::sqrt(es.vi[i] * del.s2w + del.vb + tau2_del * del.s2w);
      d.rstudent = d.resid / d.resid_se;
      // Ref: same file: DFFITS = (X_i beta - X_i beta(-i)) / sqrt(s2w(-i) h_i (tau2(-i) + vi)).
      d.dffits = (beta - del.beta) / std::sqrt(del.s2w * c.hat * (tau2_del + es.vi[i]));
      // Ref: same file: Cook's distance (beta - beta(-i))' Var(beta)^-1 (beta - beta(-i)) and
      // the covariance ratio det Var(beta(-i)) / det Var(beta), both as tested.
      d.cook_d = (beta - del.beta) * (beta - del.beta) / vb;
      d.cov_r = del.vb / vb;
      // Ref: same file: DFBETAS scales by (X'W X)^-1 with every study weighted 1/(v + tau2(-i)).
      double sum_w_del = 0;
      for (const std::size_t j : refitter.rows()) sum_w_del += 1 / (es.vi[j] + tau2_del);
      d.dfbetas = (beta - del.beta) / std::sqrt(del.s2w / sum_w_del);
      d.tau2_del = del.tau2;
      d.QE_del = del.QE;
      c.deleted = d;
    } catch (const Error&) {
      // A failed refit leaves an empty row (metafor: try(), then NA).
    }
    c.influential = influential(c, full.k);
    out.rows.push_back(c);
  }
  return out;
}

}  // namespace metareview::model
