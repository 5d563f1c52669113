// Checked distribution wrappers: values against R, and every Boost error translated into a
// metareview::Error that names the function and the value (never a std::domain_error).
#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

#include "core/error.h"
#include "stats/distributions.h"
#include "../../support/tolerance.h"

namespace stats = metareview::stats;
using Catch::Matchers::Message;
using metareview::test::kRRelative;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("distribution wrappers match R", "[stats]") {
  // R 4.2: options(digits = 17); qnorm(0.975); qt(0.975, 10); pchisq(3.84, 1, lower.tail =
  // FALSE); 2 * pnorm(-1.96); 2 * pt(-2.5, 7).
  CHECK(stats::z_crit(95) == Approx(1.959963984540053605).epsilon(kRRelative));
  CHECK(stats::t_crit(95, 10) == Approx(2.228138851986273927).epsilon(kRRelative));
  CHECK(stats::p_upper_chi2(3.84, 1) == Approx(0.050043521248705224).epsilon(kRRelative));
  CHECK(stats::p_two_sided_z(-1.96) == Approx(0.049995790296440856).epsilon(kRRelative));
  CHECK(stats::p_two_sided_t(2.5, 7) == Approx(0.040992218585752874).epsilon(kRRelative));
  // The limits R gives too: pnorm(Inf) and pchisq(0, df) are exact.
  CHECK(stats::p_two_sided_z(kInf) == 0);
  CHECK(stats::p_upper_chi2(0, 3) == 1);
}

TEST_CASE("Boost errors become metareview::Error naming the function and the value", "[stats]") {
  // Before the translation, p_upper_chi2(NaN, 1) escaped as Boost's std::domain_error.
  CHECK_THROWS_MATCHES(stats::p_upper_chi2(kNaN, 1), metareview::Error,
                       Message("p_upper_chi2(x, df): no result for x = NA, df = 1 (outside the domain)"));
  CHECK_THROWS_MATCHES(stats::p_two_sided_z(kNaN), metareview::Error,
                       Message("p_two_sided_z(z): no result for z = NA (outside the domain)"));
  CHECK_THROWS_MATCHES(stats::p_two_sided_t(kNaN, 4), metareview::Error,
                       Message("p_two_sided_t(t, df): no result for t = NA, df = 4 (outside the domain)"));
  // The wrappers' own checks, with values as error messages print them.
  CHECK_THROWS_MATCHES(stats::p_upper_chi2(3, 0), metareview::Error,
                       Message("p_upper_chi2(x, df): df must be > 0, got 0"));
  CHECK_THROWS_MATCHES(stats::z_crit(100), metareview::Error,
                       Message("z_crit(level): level must be in (0, 100), got 100"));
  CHECK_THROWS_MATCHES(stats::t_crit(95, kNaN), metareview::Error,
                       Message("t_crit(level, df): df must be > 0, got NA"));
}

TEST_CASE("boost_checked translates only Boost's errors", "[stats]") {
  CHECK(stats::boost_checked("f(x)", "x = 1", [] { return 2.0; }) == 2.0);
  CHECK_THROWS_MATCHES(stats::boost_checked("f(x)", "x = 1", []() -> double { throw std::overflow_error("big"); }),
                       metareview::Error, Message("f(x): no result for x = 1 (the result overflows)"));
  // Anything else is not the data's fault and passes through unchanged.
  CHECK_THROWS_AS(stats::boost_checked("f(x)", "x = 1", []() -> double { throw std::out_of_range("bug"); }),
                  std::out_of_range);
}
