#pragma once
// One error policy for every Boost.Math distribution in metareview: domain and overflow
// errors throw, and the checked wrappers below turn them into metareview::Error naming the
// function and the value (boost_checked does it for other Boost calls); nothing is silently
// returned as NaN. Upper tails always go through complement(), never 1 - cdf.
#include <string>
#include <utility>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>

namespace metareview::stats {

using Policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::throw_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::throw_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::throw_on_error>,
    boost::math::policies::promote_double<false>>;

using Normal = boost::math::normal_distribution<double, Policy>;
using StudentsT = boost::math::students_t_distribution<double, Policy>;
using ChiSquared = boost::math::chi_squared_distribution<double, Policy>;
using FisherF = boost::math::fisher_f_distribution<double, Policy>;

/// Throws the metareview::Error for the Boost exception being handled (std::domain_error,
/// std::overflow_error, boost::math::evaluation_error) as "<fn>: no result for <args>
/// (<why>)"; rethrows anything else unchanged. Call only inside a catch block.
[[noreturn]] void rethrow_boost_error(const std::string& fn, const std::string& args);

/// `f()`, a Boost.Math call, with its errors translated by rethrow_boost_error. `args`
/// names the values: "x = NA, df = 1".
template <class F>
auto boost_checked(const std::string& fn, const std::string& args, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (...) {
    rethrow_boost_error(fn, args);
  }
}


// Each function below throws metareview::Error naming itself and the value for an
// argument outside its domain (a NaN included), never a Boost exception.

/// Two-sided critical value of N(0,1) for a level in percent (1.959964 for 95).
double z_crit(double level_percent);
/// Two-sided critical value of t(df) for a level in percent.
double t_crit(double level_percent, double df);
/// Two-sided p-value of a z statistic: 2 * P(Z > |z|).
double p_two_sided_z(double z);
/// Two-sided p-value of a t statistic with df degrees of freedom.
double p_two_sided_t(double t, double df);
/// Upper-tail p-value of a chi-squared statistic: P(X > x), X ~ chi2(df).
double p_upper_chi2(double x, double df);

}  // namespace metareview::stats
