#include "stats/distributions.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace metareview::stats {
namespace {
double alpha_from_level(double level_percent, const char* fn) {
  if (!(level_percent > 0 && level_percent < 100))
    throw Error(std::string(fn) + ": level must be in (0, 100), got " + std::to_string(level_percent));
  return 1.0 - level_percent / 100.0;
}
}  // namespace

double z_crit(double level_percent) {
  const double alpha = alpha_from_level(level_percent, "z_crit(level)");
  return quantile(complement(Normal(0.0, 1.0), alpha / 2.0));
}

double t_crit(double level_percent, double df) {
  const double alpha = alpha_from_level(level_percent, "t_crit(level, df)");
  if (!(df > 0)) throw Error("t_crit(level, df): df must be > 0, got " + std::to_string(df));
  return quantile(complement(StudentsT(df), alpha / 2.0));
}

double p_two_sided_z(double z) { return 2.0 * cdf(complement(Normal(0.0, 1.0), std::fabs(z))); }

double p_two_sided_t(double t, double df) {
  if (!(df > 0)) throw Error("p_two_sided_t(t, df): df must be > 0, got " + std::to_string(df));
  return 2.0 * cdf(complement(StudentsT(df), std::fabs(t)));
}

double p_upper_chi2(double x, double df) {
  if (!(df > 0)) throw Error("p_upper_chi2(x, df): df must be > 0, got " + std::to_string(df));
  if (x <= 0) return 1.0;
  return cdf(complement(ChiSquared(df), x));
}

}  // namespace metareview::stats
