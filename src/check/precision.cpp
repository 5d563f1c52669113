#include "check/precision.h"

#include <algorithm>
#include <cmath>

#include "check/text.h"
#include "core/error.h"

namespace metareview::check {
namespace {

// The printed decimal is not exact in binary (5.865 is 5.86499999...): comparisons allow
// this relative slack of one unit, far below any printed precision.
constexpr double kSlack = 1e-9;

bool rounds_to(double printed, int decimals, double x) {
  return std::fabs(x - printed) <= half_unit(decimals) * (1 + kSlack);
}

bool truncates_to(double printed, int decimals, double x) {
  const double eps = unit(decimals) * kSlack;
  return x >= printed - eps && x < printed + unit(decimals) - eps;
}

bool range_rounds_to(double printed, int decimals, Range r) {
  const double h = half_unit(decimals) * (1 + kSlack);
  return r.lo <= printed + h && r.hi >= printed - h;
}

bool range_truncates_to(double printed, int decimals, Range r) {
  const double eps = unit(decimals) * kSlack;
  return r.lo < printed + unit(decimals) - eps && r.hi >= printed - eps;
}

bool satisfies(core::PValue::Relation rel, double bound, double p) {
  using R = core::PValue::Relation;
  const double eps = bound * kSlack;
  switch (rel) {
    case R::Less: return p < bound + eps;
    case R::LessEqual: return p <= bound + eps;
    case R::Greater: return p > bound - eps;
    case R::GreaterEqual: return p >= bound - eps;
    case R::Equal: break;
  }
  return false;
}

}  // namespace

double unit(int decimals) { return std::pow(10.0, -decimals); }
double half_unit(int decimals) { return 0.5 * unit(decimals); }

Agreement agree(double printed, int decimals, double exact, std::optional<Range> reachable, bool truncation) {
  if (rounds_to(printed, decimals, exact)) return Agreement::Rounded;
  if (truncation && truncates_to(printed, decimals, exact)) return Agreement::Truncated;
  if (reachable && reachable_from_inputs(printed, decimals, *reachable, truncation))
    return Agreement::WithinInputs;
  return Agreement::None;
}

Agreement agree(const core::Number& printed, double exact, std::optional<Range> reachable, bool truncation) {
  return agree(printed.value, printed.decimals, exact, reachable, truncation);
}

Agreement agree_p(const core::PValue& printed, double exact, std::optional<Range> reachable) {
  using R = core::PValue::Relation;
  if (printed.relation == R::Equal) return agree(printed.value, printed.decimals, exact, reachable);
  if (satisfies(printed.relation, printed.value, exact)) return Agreement::Bound;
  if (reachable) {
    // The most favourable reachable p for the bound's direction.
    const bool upper = printed.relation == R::Less || printed.relation == R::LessEqual;
    if (satisfies(printed.relation, printed.value, upper ? reachable->lo : reachable->hi))
      return Agreement::WithinInputs;
  }
  return Agreement::None;
}

bool reachable_from_inputs(double printed, int decimals, Range reachable, bool truncation) {
  return range_rounds_to(printed, decimals, reachable) ||
         (truncation && range_truncates_to(printed, decimals, reachable));
}

bool agrees(Agreement a) { return a != Agreement::None; }

std::string agreement_clause(Agreement a, std::optional<Range> reachable, int decimals, std::string_view inputs,
                             std::string_view subject) {
  switch (a) {
    case Agreement::Truncated: return "; " + std::string(subject) + "printed truncated, not rounded";
    case Agreement::WithinInputs: {
      std::string s = "; " + std::string(subject) + "reached within the rounding of the printed " + std::string(inputs);
      if (reachable) s += " (" + fixed(reachable->lo, decimals + 2) + " to " + fixed(reachable->hi, decimals + 2) + ")";
      return s;
    }
    case Agreement::Rounded:
    case Agreement::Bound:
    case Agreement::None: break;
  }
  return "";
}

std::optional<Range> corner_range(const std::vector<double>& centre, const std::vector<double>& half,
                                  const std::vector<double>& floor,
                                  const std::function<double(const std::vector<double>&)>& f) {
  const std::size_t k = centre.size();
  if (half.size() != k || floor.size() != k || k > 16)
    throw Error("check::corner_range: centre, half and floor must have the same size (at most 16), got " +
                std::to_string(k) + ", " + std::to_string(half.size()) + ", " + std::to_string(floor.size()));
  std::optional<Range> r;
  std::vector<double> x(k);
  for (unsigned corner = 0; corner < (1u << k); ++corner) {
    for (std::size_t i = 0; i < k; ++i)
      x[i] = std::max(floor[i], centre[i] + ((corner >> i) & 1u ? half[i] : -half[i]));
    double y;
    try {
      y = f(x);
    } catch (const Error&) {
      continue;
    }
    if (!std::isfinite(y)) continue;
    if (!r) r = Range{y, y};
    r->lo = std::min(r->lo, y);
    r->hi = std::max(r->hi, y);
  }
  return r;
}

Range magnitude(Range r) {
  if (r.lo <= 0 && r.hi >= 0) return {0, std::max(-r.lo, r.hi)};
  return {std::min(std::fabs(r.lo), std::fabs(r.hi)), std::max(std::fabs(r.lo), std::fabs(r.hi))};
}

}  // namespace metareview::check
