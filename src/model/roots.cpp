#include "model/roots.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/math/tools/toms748_solve.hpp>

#include "stats/distributions.h"

namespace metareview::model {

std::optional<Root> solve_decreasing(const std::function<double(double)>& f, double lo, double hi, double tol) {
  Root root;
  const auto g = [&](double x) {
    ++root.evaluations;
    return f(x);
  };
  double f_lo = g(lo);
  if (std::isnan(f_lo)) return std::nullopt;  // no sign, so no bracket (Q overflowed)
  if (f_lo <= 0) return Root{lo, root.evaluations, false};
  double f_hi = g(hi);
  while (f_hi > 0) {
    if (hi > 1e15) return std::nullopt;
    lo = hi;  // f(hi) > 0: the root lies above, so the bracket moves up
    f_lo = f_hi;
    hi *= 2;
    root.hi_extended = true;
    f_hi = g(hi);
  }
  if (std::isnan(f_hi)) return std::nullopt;
  if (f_hi == 0) return Root{hi, root.evaluations, root.hi_extended};
  const auto done = [tol](double a, double b) {
    const double scale = std::min(std::fabs(a), std::fabs(b));
    return std::fabs(b - a) <= std::max(tol, 4 * std::numeric_limits<double>::epsilon() * scale);
  };
  std::uintmax_t max_iter = 500;
  const auto [a, b] = boost::math::tools::toms748_solve(g, lo, hi, f_lo, f_hi, done, max_iter, stats::Policy());
  if (max_iter >= 500) return std::nullopt;
  root.x = a + (b - a) / 2;
  return root;
}

}  // namespace metareview::model
