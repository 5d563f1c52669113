#include "core/format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "core/error.h"

namespace metareview::core {
namespace {

// A value that printed as "-0.00" is a rounded zero: print it unsigned.
void drop_negative_zero(std::string& s) {
  if (s.empty() || s[0] != '-') return;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (s[i] != '0' && s[i] != '.') return;
  s.erase(0, 1);
}

std::string non_finite(double x) {
  if (std::isnan(x)) return "NA";
  return x > 0 ? "Inf" : "-Inf";
}

}  // namespace

std::string format_fixed(double x, int decimals) {
  if (decimals < 0 || decimals > 17)
    throw Error("core::format_fixed: decimals must be in 0..17, got " + std::to_string(decimals));
  if (!std::isfinite(x)) return non_finite(x);
  // std::to_chars ignores the locale, unlike printf and iostreams.
  std::array<char, 400> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed, decimals);
  std::string s(buf.data(), r.ptr);
  drop_negative_zero(s);
  return s;
}

std::string format_significant(double x, int digits) {
  if (digits < 1 || digits > 17)
    throw Error("core::format_significant: digits must be in 1..17, got " + std::to_string(digits));
  if (!std::isfinite(x)) return non_finite(x);
  if (x == 0) return "0";
  const int exponent = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  int decimals = std::max(0, digits - 1 - exponent);
  std::string s = format_fixed(x, std::min(decimals, 17));
  // Rounding may carry into the next power of ten (9.99996 -> "10.0000"): one place fewer.
  if (decimals > 0 && std::fabs(std::stod(s)) >= std::pow(10.0, exponent + 1))
    s = format_fixed(x, decimals - 1);
  return s;
}

std::string format_ci(double est, double lb, double ub, int decimals) {
  return format_fixed(est, decimals) + ' ' + format_interval(lb, ub, decimals);
}

std::string format_interval(double lb, double ub, int decimals) {
  return '[' + format_fixed(lb, decimals) + ", " + format_fixed(ub, decimals) + ']';
}

std::string format_p(double p, int decimals) {
  if (std::isnan(p)) return "NA";
  if (p < 0 || p > 1) throw Error("core::format_p: p-value outside [0, 1]: " + format_significant(p, 6));
  const double floor_p = std::pow(10.0, -decimals);
  if (p < floor_p) return "< " + format_fixed(floor_p, decimals);
  return format_fixed(p, decimals);
}

std::string format_p_clause(double p, int decimals) {
  const std::string s = format_p(p, decimals);
  return s[0] == '<' ? "P " + s : "P = " + s;
}

std::string format_percent(double percent, int decimals) {
  if (std::isnan(percent)) return "NA";
  return format_fixed(percent, decimals) + '%';
}

constexpr double kTau2Floor = 0.0001;

// Four significant digits as metafor's print.rma shows tau^2 (0.3132, 0.04392); a positive
// value below 0.0001, which REML and ML reach when heterogeneity is all but absent (2.3e-10),
// would print as twelve zeros and a few digits that mean nothing: "< 0.0001".
std::string format_tau2(double tau2) {
  if (tau2 > 0 && tau2 < kTau2Floor) return "< " + format_plain(kTau2Floor);
  return format_significant(tau2, 4);
}

std::string format_plain(double x) {
  if (!std::isfinite(x)) return non_finite(x);
  std::array<char, 400> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x, std::chars_format::fixed);
  std::string s(buf.data(), r.ptr);
  drop_negative_zero(s);
  return s;
}

std::string format_shortest(double x) {
  if (!std::isfinite(x)) return non_finite(x);
  std::array<char, 32> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), x);
  return std::string(buf.data(), r.ptr);
}

std::string format_count(double x) { return format_fixed(std::round(x), 0); }

std::string format_utc_timestamp(long long epoch_seconds) {
  // Ref: Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days.
  const long long days = epoch_seconds >= 0 ? epoch_seconds / 86400 : -((-epoch_seconds + 86399) / 86400);
  const long long secs = epoch_seconds - days * 86400;
  const long long z = days + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long day = doy - (153 * mp + 2) / 5 + 1;
  const long long month = mp < 10 ? mp + 3 : mp - 9;
  const long long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  auto two = [](long long v) {
    std::string d = std::to_string(v);
    if (v < 10) d.insert(d.begin(), '0');
    return d;
  };
  std::string y = std::to_string(year);
  if (year >= 0 && y.size() < 4) y.insert(0, 4 - y.size(), '0');
  return y + '-' + two(month) + '-' + two(day) + 'T' + two(secs / 3600) + ':' + two(secs / 60 % 60) + ':' +
         two(secs % 60) + 'Z';
}

}  // namespace metareview::core
