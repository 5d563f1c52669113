#pragma once
// The one place where numbers become text (plots now, reports later). Every function is
// locale-independent ("C" conventions: '.' decimal point, no grouping) and deterministic:
// the same double gives the same bytes on every machine. Rounding is that of the exact
// binary value, as C's printf and R's formatC/sprintf round.
#include <string>

namespace metareview::core {

/// `x` with `decimals` places: format_fixed(0.6312, 2) == "0.63". Never "-0.00": a value
/// that rounds to zero prints unsigned. NaN prints "NA" (as R), infinities "Inf"/"-Inf".
std::string format_fixed(double x, int decimals);

/// `x` with at least `digits` significant digits and no exponent: (0.313243, 4) -> "0.3132",
/// (0.0012345, 4) -> "0.001235", (12.3456, 4) -> "12.35", (98765.4, 4) -> "98765"; 0 -> "0".
std::string format_significant(double x, int digits);

/// An estimate with its interval: (0.63, 0.46, 0.85, 2) -> "0.63 [0.46, 0.85]".
std::string format_ci(double est, double lb, double ub, int decimals = 2);

/// An interval alone: (0.46, 0.85, 2) -> "[0.46, 0.85]".
std::string format_interval(double lb, double ub, int decimals = 2);

/// A p-value: "0.015" with `decimals` places, or "< 0.001" below 10^-decimals.
std::string format_p(double p, int decimals = 3);

/// A p-value as a clause: "P = 0.015" or "P < 0.001".
std::string format_p_clause(double p, int decimals = 3);

/// A percentage (value already in percent): (23.44, 1) -> "23.4%".
std::string format_percent(double percent, int decimals = 1);

/// tau^2 (and other variance components) with 4 significant digits.
std::string format_tau2(double tau2);

/// The shortest decimal text that reads back as the same double, never with an exponent:
/// 0.596 -> "0.596", 12.5 -> "12.5", 46 -> "46". For numbers shown as they were extracted.
std::string format_plain(double x);

/// The shortest text that reads back as the same double, as std::to_chars writes it (an
/// exponent where that is shorter): 0.5 -> "0.5", 42 -> "42", 1e-300 -> "1e-300", -0.0 -> "-0";
/// NaN "NA", infinities "Inf"/"-Inf". For the values error messages name.
std::string format_shortest(double x);

/// A count: 46 -> "46" (rounded to the nearest integer).
std::string format_count(double x);

/// A moment as ISO 8601 UTC with seconds: 0 -> "1970-01-01T00:00:00Z" (proleptic Gregorian
/// calendar, no time zone or locale involved). For the optional timestamp of a report.
std::string format_utc_timestamp(long long epoch_seconds);

}  // namespace metareview::core
