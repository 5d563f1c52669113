#include "stats/distributions.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "core/error.h"
#include "core/format.h"

namespace metareview::stats {
namespace {

using core::format_shortest;

double alpha_from_level(double level_percent, const char* fn) {
  if (!(level_percent > 0 && level_percent < 100))
    throw Error(std::string(fn) + ": level must be in (0, 100), got " + format_shortest(level_percent));
  return 1.0 - level_percent / 100.0;
}

void check_df(double df, const char* fn) {
  if (!(df > 0)) throw Error(std::string(fn) + ": df must be > 0, got " + format_shortest(df));
}

std::string named(const char* name, double x) { return std::string(name) + " = " + format_shortest(x); }

}  // namespace

void rethrow_boost_error(const std::string& fn, const std::string& args) {
  const char* why = nullptr;
  try {
    throw;  // anything but the three below leaves unchanged
  } catch (const boost::math::evaluation_error&) {
    why = "the evaluation did not converge";
  } catch (const std::domain_error&) {
    why = "outside the domain";
  } catch (const std::overflow_error&) {
    why = "the result overflows";
  }
  throw Error(fn + ": no result for " + args + " (" + why + ")");
}

double z_crit(double level_percent) {
  const char* fn = "z_crit(level)";
  const double alpha = alpha_from_level(level_percent, fn);
  return boost_checked(fn, named("level", level_percent),
                       [&] { return quantile(complement(Normal(0.0, 1.0), alpha / 2.0)); });
}

double t_crit(double level_percent, double df) {
  const char* fn = "t_crit(level, df)";
  const double alpha = alpha_from_level(level_percent, fn);
  check_df(df, fn);
  return boost_checked(fn, named("level", level_percent) + ", " + named("df", df),
                       [&] { return quantile(complement(StudentsT(df), alpha / 2.0)); });
}

double p_two_sided_z(double z) {
  return boost_checked("p_two_sided_z(z)", named("z", z),
                       [&] { return 2.0 * cdf(complement(Normal(0.0, 1.0), std::fabs(z))); });
}

double p_two_sided_t(double t, double df) {
  const char* fn = "p_two_sided_t(t, df)";
  check_df(df, fn);
  return boost_checked(fn, named("t", t) + ", " + named("df", df),
                       [&] { return 2.0 * cdf(complement(StudentsT(df), std::fabs(t))); });
}

double p_upper_chi2(double x, double df) {
  const char* fn = "p_upper_chi2(x, df)";
  check_df(df, fn);
  if (x <= 0) return 1.0;
  return boost_checked(fn, named("x", x) + ", " + named("df", df),
                       [&] { return cdf(complement(ChiSquared(df), x)); });
}

}  // namespace metareview::stats
