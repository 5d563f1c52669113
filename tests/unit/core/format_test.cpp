#include <catch2/catch.hpp>

#include <clocale>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/format.h"

using namespace metareview::core;

TEST_CASE("format: fixed decimals round the binary value as C and R do", "[format]") {
  CHECK(format_fixed(0.6312, 2) == "0.63");
  CHECK(format_fixed(0.635, 2) == "0.64");    // 0.635 is 0.63500000000000000888 in binary
  CHECK(format_fixed(0.125, 2) == "0.12");    // an exact tie rounds to even (sprintf("%.2f", 0.125) in R)
  CHECK(format_fixed(2.5, 0) == "2");
  CHECK(format_fixed(-0.004, 2) == "0.00");   // a rounded zero is never "-0.00"
  CHECK(format_fixed(-0.006, 2) == "-0.01");
  CHECK(format_fixed(152.233008, 2) == "152.23");
  CHECK(format_fixed(std::nan(""), 2) == "NA");
  CHECK(format_fixed(std::numeric_limits<double>::infinity(), 2) == "Inf");
  REQUIRE_THROWS_WITH(format_fixed(1, -1), "core::format_fixed: decimals must be in 0..17, got -1");
}

TEST_CASE("format: significant digits without exponents", "[format]") {
  CHECK(format_significant(0.31324332598089488, 4) == "0.3132");  // metafor prints tau^2 = 0.3132
  CHECK(format_significant(0.035624361353507404, 4) == "0.03562");
  CHECK(format_significant(0.0012345, 4) == "0.001234");  // 0.0012345 is just below the tie
  CHECK(format_significant(12.3456, 4) == "12.35");
  CHECK(format_significant(98765.4, 4) == "98765");
  CHECK(format_significant(9.99996, 4) == "10.00");
  CHECK(format_significant(0, 4) == "0");
  CHECK(format_tau2(0.043919149904973968) == "0.04392");
  // Issue 13: REML's 2.3e-10 printed as "0.0000000002300".
  CHECK(format_tau2(2.3e-10) == "< 0.0001");
  CHECK(format_tau2(0.0001) == "0.0001000");
  CHECK(format_tau2(0) == "0");
}

TEST_CASE("format: estimates with intervals, p-values, percentages, counts", "[format]") {
  CHECK(format_ci(0.63, 0.46, 0.85) == "0.63 [0.46, 0.85]");
  CHECK(format_ci(0.596, 0.44, 0.81, 3) == "0.596 [0.440, 0.810]");
  CHECK(format_interval(0.155, 1.549) == "[0.15, 1.55]");  // binary 0.155 is below the tie
  CHECK(format_p(0.015) == "0.015");
  CHECK(format_p(0.0149999) == "0.015");
  CHECK(format_p(0.00099) == "< 0.001");
  CHECK(format_p(0.001) == "0.001");
  CHECK(format_p(1.0) == "1.000");
  CHECK(format_p(0.04, 2) == "0.04");
  CHECK(format_p(0.004, 2) == "< 0.01");
  CHECK(format_p_clause(0.034739877927520979) == "P = 0.035");
  CHECK(format_p_clause(7.05e-5) == "P < 0.001");
  REQUIRE_THROWS_WITH(format_p(1.5), "core::format_p: p-value outside [0, 1]: 1.50000");
  CHECK(format_percent(92.221386074965551) == "92.2%");
  CHECK(format_percent(5.0594830793155134) == "5.1%");
  CHECK(format_percent(100) == "100.0%");
  CHECK(format_count(46) == "46");
  CHECK(format_count(190999.6) == "191000");
  CHECK(format_plain(0.596) == "0.596");
  CHECK(format_plain(12.5) == "12.5");
  CHECK(format_plain(46) == "46");
  CHECK(format_plain(0.0001) == "0.0001");
}

TEST_CASE("format: the shortest round-trip text for values in messages", "[format]") {
  CHECK(format_shortest(0.5) == "0.5");
  CHECK(format_shortest(42) == "42");
  CHECK(format_shortest(0.1 + 0.2) == "0.30000000000000004");  // not 0.3: the message shows the value
  CHECK(format_shortest(1e-10) == "1e-10");  // an exponent where that is shorter, unlike format_plain
  CHECK(format_shortest(-0.0) == "-0");
  CHECK(format_shortest(std::nan("")) == "NA");
  CHECK(format_shortest(std::numeric_limits<double>::infinity()) == "Inf");
  CHECK(format_shortest(-std::numeric_limits<double>::infinity()) == "-Inf");
}

TEST_CASE("format: output ignores the process locale", "[format]") {
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = previous ? previous : "C";
  // de_DE uses a decimal comma; if the machine lacks it, the test still checks "C" output.
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");
  CHECK(format_fixed(0.63, 2) == "0.63");
  CHECK(format_ci(0.63, 0.46, 0.85) == "0.63 [0.46, 0.85]");
  std::setlocale(LC_NUMERIC, saved.c_str());
}
