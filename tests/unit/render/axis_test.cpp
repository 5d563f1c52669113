#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/error.h"
#include "render/axis.h"

namespace r = metareview::render;
using metareview::Error;

TEST_CASE("a linear axis covers its data with 1-2-2.5-5 steps", "[render]") {
  const r::Axis a = r::make_axis(-0.3, 1.7, false, 0.0);
  // Range 2 (0 and 1.7 with -0.3): step 0.5, ticks from -0.5 to 2.
  CHECK(a.lo == Approx(-0.5));
  CHECK(a.hi == Approx(2));
  CHECK(a.labels == std::vector<std::string>{"-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"});
}

// Regression (issue 10): values whose range overflowed a double (or was 0 at 1e200) reached
// static_cast<int>(inf) and static_cast<long>(x / 0): undefined behaviour, seen as
// "decimals must be in 0..17, got -2147483648". Axes now have stated limits.
TEST_CASE("axes refuse values beyond their limits with a message, never an undefined cast", "[render]") {
  CHECK_THROWS_MATCHES(r::make_axis(-1e300, 0, false), Error,
                       Catch::Message("render::make_axis: cannot draw the value -1e+300: a plot's axis reaches from "
                                      "-1e15 to 1e15"));
  CHECK_THROWS_MATCHES(r::make_axis(1e200, 1e200, false, 0.0), Error,
                       Catch::Message("render::make_axis: cannot draw the value 1e+200: a plot's axis reaches from "
                                      "-1e15 to 1e15"));
  CHECK_THROWS_MATCHES(r::make_axis(std::log(0.5), 800, true, 0.0), Error,
                       Catch::Message("render::make_axis: cannot draw the ratio exp(800) on a log axis: it reaches "
                                      "from 1e-15 to 1e15"));
  CHECK_THROWS_MATCHES(r::make_axis(-50, 0, true, 0.0), Error,
                       Catch::Message("render::make_axis: cannot draw the ratio 1.9287498479639178e-22 on a log axis: "
                                      "it reaches from 1e-15 to 1e15"));
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(r::make_axis(0, inf, false), Error);
}

TEST_CASE("axes at their limits label every tick", "[render]") {
  const r::Axis wide = r::make_axis(-1e15, 1e15, false);
  CHECK(wide.lo <= -1e15);
  CHECK(wide.hi >= 1e15);
  CHECK(wide.labels.front() == "-1000000000000000");
  const r::Axis ratios = r::make_axis(std::log(1e-15), std::log(1e15), true, 0.0);
  CHECK(ratios.labels.front() == "0.000000000000001");
  CHECK(ratios.labels.back() == "1000000000000000");
  // A range narrower than 1e-12 is drawn one unit wide about its middle (1e-300 is 0 there).
  const r::Axis narrow = r::make_axis(0, 1e-300, false);
  CHECK(narrow.lo == Approx(-0.5));
  CHECK(narrow.hi == Approx(0.5));
}
