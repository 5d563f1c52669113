#pragma once
#include <functional>
#include <optional>

namespace metareview::model {

/// A root of a decreasing function, and how it was found.
struct Root {
  double x = 0;
  int evaluations = 0;
  bool hi_extended = false;  ///< the starting bracket [lo, hi] had to be widened upwards
};

/// Solves f(x) = 0 for f decreasing in x, with f(lo) > 0 assumed. The bracket's upper end
/// starts at `hi` and doubles until f(hi) <= 0 (metafor stops at its tau2.max instead); then
/// TOMS 748 (Alefeld, Potra & Shi 1995) narrows it until |b - a| <= max(tol, 4 eps |x|).
/// nullopt when no sign change is found below 1e15, when f gives NaN at an end of the bracket
/// (no sign, so no bracket), or when the solver runs out of iterations.
std::optional<Root> solve_decreasing(const std::function<double(double)>& f, double lo, double hi, double tol);

}  // namespace metareview::model
