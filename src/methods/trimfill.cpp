#include "methods/trimfill.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/codes.h"
#include "core/error.h"
#include "model/fit.h"

namespace metareview::methods {
namespace {

constexpr auto kEstimators = core::enum_codes<TrimfillEstimator>(
    {{TrimfillEstimator::L0, "L0"}, {TrimfillEstimator::R0, "R0"}, {TrimfillEstimator::Q0, "Q0"}});
constexpr auto kSides = core::enum_codes<TrimfillSide>({{TrimfillSide::Left, "left"}, {TrimfillSide::Right, "right"}});

effect::EffectTable table_of(const std::vector<double>& yi, const std::vector<double>& vi) {
  effect::EffectTable t;
  t.yi = yi;
  t.vi = vi;
  t.included.assign(yi.size(), true);
  return t;
}

int sign(double d) { return (d > 0) - (d < 0); }

// Ref: Duval & Tweedie (2000) Biometrics 56:455 (the variance of the rank sum under k0 missing, as
// metafor 3.8-1 trimfill.rma.uni.r writes it for L0 and Q0).
double var_sr(double k, double k0) {
  return (k * (k + 1) * (2 * k + 1) + 10 * k0 * k0 * k0 + 27 * k0 * k0 + 17 * k0 - 18 * k * k0 * k0 -
          18 * k * k0 + 6 * k * k * k0) /
         24;
}

}  // namespace

Trimfill trimfill(const effect::EffectTable& es, const model::ModelSpec& spec, const TrimfillOptions& options) {
  Trimfill r;
  r.spec = spec;
  r.options = options;
  if (spec.method == model::Method::MH || spec.method == model::Method::PETO)
    throw Error("trimfill: method " + std::string(model::to_string(spec.method)) +
                " cannot be refitted on filled studies; use FE or a tau2 estimator");
  std::vector<double> yi, vi;
  for (const std::size_t i : es.usable_rows()) yi.push_back(es.yi[i]), vi.push_back(es.vi[i]);
  r.k = static_cast<int>(yi.size());
  if (r.k < 3) throw Error("trimfill: k = " + std::to_string(r.k) + "; at least 3 studies are needed");
  const model::Want want = model::Want::estimates();

  if (options.side) {
    r.side = *options.side;
  } else {
    // Ref: metafor 3.8-1 trimfill.rma.uni.r: the side whose studies a regression on sei says
    // are missing (a negative slope: small studies lie low, so the missing are on the right).
    Eigen::MatrixXd X(static_cast<Eigen::Index>(yi.size()), 2);
    for (std::size_t i = 0; i < yi.size(); ++i) {
      X(static_cast<Eigen::Index>(i), 0) = 1;
      X(static_cast<Eigen::Index>(i), 1) = std::sqrt(vi[i]);
    }
    const model::Fit egger = model::fit(table_of(yi, vi), X, spec, want);
    r.side = egger.beta.at(1) < 0 ? TrimfillSide::Right : TrimfillSide::Left;
  }
  const double flip = r.side == TrimfillSide::Right ? -1 : 1;

  // Studies sorted by effect (flipped so that the missing ones are always on the left).
  std::vector<std::size_t> ix(yi.size());
  std::iota(ix.begin(), ix.end(), std::size_t{0});
  std::stable_sort(ix.begin(), ix.end(), [&](std::size_t a, std::size_t b) { return flip * yi[a] < flip * yi[b]; });
  std::vector<double> y, v;
  for (const std::size_t i : ix) y.push_back(flip * yi[i]), v.push_back(vi[i]);

  const auto k = static_cast<double>(r.k);
  const std::size_t n = y.size();
  int k0 = 0, k0_prev = -1, iter = 0;
  double beta = 0;
  while (k0 != k0_prev) {
    k0_prev = k0;
    if (++iter > options.maxiter)
      throw Error("trimfill: the trim-and-fill iteration did not settle in " + std::to_string(options.maxiter) +
                  " steps");
    // Trim the k0 largest, refit, and rank the distances from the trimmed estimate.
    const auto keep = static_cast<std::ptrdiff_t>(n) - k0;
    beta = model::fit(table_of({y.begin(), y.begin() + keep}, {v.begin(), v.begin() + keep}), spec, want).estimate();
    std::vector<std::size_t> by_abs(n);
    std::iota(by_abs.begin(), by_abs.end(), std::size_t{0});
    std::stable_sort(by_abs.begin(), by_abs.end(),
                     [&](std::size_t a, std::size_t b) { return std::fabs(y[a] - beta) < std::fabs(y[b] - beta); });
    std::vector<double> signed_rank(n);
    for (std::size_t j = 0; j < n; ++j) signed_rank[by_abs[j]] = sign(y[by_abs[j]] - beta) * static_cast<double>(j + 1);
    double sr = 0, max_neg = 0;
    bool any_neg = false;
    for (const double s : signed_rank) {
      if (s > 0) sr += s;
      if (s < 0) any_neg = true, max_neg = std::max(max_neg, -s);
    }
    double est = 0, se = 0;
    switch (options.estimator) {
      case TrimfillEstimator::R0:
        // Ref: Duval & Tweedie (2000) Biometrics 56:455: R0 = gamma* - 1, gamma* the
        // rightmost run of positive ranks.
        if (!any_neg) throw Error("trimfill: R0 is undefined: every study lies above the trimmed estimate");
        est = k - max_neg - 1;
        se = std::sqrt(2 * std::max(0.0, est) + 2);
        break;
      case TrimfillEstimator::L0:
        // Ref: Duval & Tweedie (2000) Biometrics 56:455: L0 = (4 S_rank - k(k+1)) / (2k - 1).
        est = (4 * sr - k * (k + 1)) / (2 * k - 1);
        se = 4 * std::sqrt(var_sr(k, est)) / (2 * k - 1);
        break;
      case TrimfillEstimator::Q0:
        // Ref: Duval & Tweedie (2000) JASA 95:89 and metafor 3.8-1: Q0 = k - 1/2 - sqrt(2k^2 - 4 S_rank + 1/4).
        est = k - 0.5 - std::sqrt(2 * k * k - 4 * sr + 0.25);
        se = 2 * std::sqrt(var_sr(k, est)) / std::sqrt((k - 0.5) * (k - 0.5) - est * (2 * k - est - 1));
        break;
    }
    // R's round(): halves to even, as nearbyint in the default rounding mode.
    k0 = static_cast<int>(std::max(0.0, std::nearbyint(est)));
    // A negative variance (possible far from the model's assumptions) gives no SE.
    r.se_k0 = std::isfinite(se) ? std::optional<double>(std::max(0.0, se)) : std::nullopt;
  }
  r.k0 = k0;
  if (options.estimator == TrimfillEstimator::R0) {
    // Ref: metafor 3.8-1 trimfill.rma.uni.r: 1 - sum_{m=-1}^{k0-1} C(m+1, m+1) 0.5^(m+2).
    double s = 0;
    for (int m = -1; m <= k0 - 1; ++m) s += std::pow(0.5, m + 2);
    r.p_k0 = 1 - s;
  }
  // Mirror the k0 largest about the trimmed estimate: 2 beta - y on the original scale.
  std::vector<double> all_y = yi, all_v = vi;
  for (std::size_t j = n - static_cast<std::size_t>(k0); j < n; ++j) {
    r.fill_yi.push_back(flip * (2 * beta - y[j]));
    r.fill_vi.push_back(v[j]);
  }
  all_y.insert(all_y.end(), r.fill_yi.begin(), r.fill_yi.end());
  all_v.insert(all_v.end(), r.fill_vi.begin(), r.fill_vi.end());
  const model::Fit f = model::fit(table_of(all_y, all_v), spec, want);
  r.estimate = f.estimate();
  r.se = f.se.at(0);
  r.zval = f.zval.at(0);
  r.pval = f.pval.at(0);
  r.ci_lb = f.ci_lb.at(0);
  r.ci_ub = f.ci_ub.at(0);
  r.tau2 = f.tau2;
  return r;
}

std::string_view to_string(TrimfillEstimator e) { return kEstimators.code(e); }
std::optional<TrimfillEstimator> parse_trimfill_estimator(std::string_view code) { return kEstimators.parse(code); }
std::string valid_trimfill_estimators() { return kEstimators.valid(); }
std::string_view to_string(TrimfillSide s) { return kSides.code(s); }
std::optional<TrimfillSide> parse_trimfill_side(std::string_view code) { return kSides.parse(code); }
std::string valid_trimfill_sides() { return kSides.valid(); }

}  // namespace metareview::methods
