#include "methods/ranktest.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "stats/distributions.h"

namespace metareview::methods {
namespace {

int sign(double d) { return (d > 0) - (d < 0); }

// P(T <= q) for T the number of concordant pairs among n untied pairs under independence:
// the distribution of inversions of a random permutation, built one element at a time (the
// i-th element adds 0..i-1 inversions with equal probability). Probabilities, not counts,
// so that n! never overflows.
// Ref: Kendall (1938) Biometrika 30:81; the recursion R's ckendall() evaluates.
double kendall_cdf(long q, int n) {
  std::vector<double> p{1.0};
  for (int i = 2; i <= n; ++i) {
    std::vector<double> next(p.size() + static_cast<std::size_t>(i - 1), 0.0);
    double window = 0;  // sum of p[j - i + 1 .. j]
    for (std::size_t j = 0; j < next.size(); ++j) {
      if (j < p.size()) window += p[j];
      if (j >= static_cast<std::size_t>(i) && j - static_cast<std::size_t>(i) < p.size())
        window -= p[j - static_cast<std::size_t>(i)];
      next[j] = window / i;
    }
    p = std::move(next);
  }
  double sum = 0;
  for (long j = 0; j <= q && j < static_cast<long>(p.size()); ++j) sum += p[static_cast<std::size_t>(j)];
  return sum;
}

// Sizes of the groups of tied values (groups of one left out).
std::vector<double> tie_sizes(std::vector<double> v) {
  std::map<double, double> count;
  for (const double x : v) count[x] += 1;
  std::vector<double> out;
  for (const auto& [x, c] : count)
    if (c > 1) out.push_back(c);
  return out;
}

}  // namespace

Ranktest ranktest(const effect::EffectTable& es) {
  Ranktest r;
  const std::vector<std::size_t> rows = es.usable_rows();
  r.k = static_cast<int>(rows.size());
  if (r.k < kMinStudiesForRanktest)
    throw Error("ranktest: k = " + std::to_string(r.k) + "; at least " + std::to_string(kMinStudiesForRanktest) +
                " studies are needed");
  // Ref: Begg & Mazumdar (1994) Biometrics 50:1088: t_i* = (t_i - t_bar) / sqrt(v_i*),
  // v_i* = v_i - (sum 1/v_j)^-1, t_bar the fixed-effect estimate.
  double sw = 0, swy = 0;
  for (const std::size_t i : rows) sw += 1 / es.vi[i], swy += es.yi[i] / es.vi[i];
  const double theta = swy / sw, vb = 1 / sw;
  std::vector<double> x, y;
  for (const std::size_t i : rows) {
    x.push_back((es.yi[i] - theta) / std::sqrt(es.vi[i] - vb));
    y.push_back(es.vi[i]);
  }
  const auto n = static_cast<double>(r.k);
  // Ref: Kendall (1945) Biometrika 33:239: tau-b = S / sqrt((n0 - n1)(n0 - n2)).
  double S = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = i + 1; j < x.size(); ++j) S += sign(x[i] - x[j]) * sign(y[i] - y[j]);
  const std::vector<double> tx = tie_sizes(x), ty = tie_sizes(y);
  const auto sum_of = [](const std::vector<double>& t, auto f) {
    double s = 0;
    for (const double c : t) s += f(c);
    return s;
  };
  const double n0 = n * (n - 1) / 2;
  const double n1 = sum_of(tx, [](double c) { return c * (c - 1) / 2; });
  const double n2 = sum_of(ty, [](double c) { return c * (c - 1) / 2; });
  r.tau = S / std::sqrt((n0 - n1) * (n0 - n2));
  r.exact = tx.empty() && ty.empty();
  if (r.exact) {
    // Ref: R's cor.test(method = "kendall", exact = TRUE): T = concordant pairs, two-sided
    // p = 2 min(P(T <= q), P(T >= q)), the upper tail by the symmetry of T about n0 / 2.
    const auto q = static_cast<long>(std::lround((S + n0) / 2));
    const auto N = static_cast<long>(n0);
    const double tail = 2 * q > N ? kendall_cdf(N - q, r.k) : kendall_cdf(q, r.k);
    r.pval = std::min(2 * tail, 1.0);
    return r;
  }
  // Ref: Kendall (1945) Biometrika 33:239: Var(S) with ties in both rankings, as in R's
  // cor.test() without continuity correction.
  const double v0 = n * (n - 1) * (2 * n + 5);
  const auto t2 = [](double c) { return c * (c - 1); };
  const auto t25 = [](double c) { return c * (c - 1) * (2 * c + 5); };
  const auto t3 = [](double c) { return c * (c - 1) * (c - 2); };
  const double var_s = (v0 - sum_of(tx, t25) - sum_of(ty, t25)) / 18 +
                       sum_of(tx, t2) * sum_of(ty, t2) / (2 * n * (n - 1)) +
                       sum_of(tx, t3) * sum_of(ty, t3) / (9 * n * (n - 1) * (n - 2));
  r.pval = stats::p_two_sided_z(S / std::sqrt(var_s));
  return r;
}

}  // namespace metareview::methods
