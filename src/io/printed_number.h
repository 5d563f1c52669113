#pragma once
#include <optional>
#include <string_view>

#include "core/study.h"

namespace metareview::io {

/// A number as a study file prints it (docs/study-format.md, "Numbers").
struct PrintedNumber {
  double value = 0;
  int decimals = 0;       ///< digits after the '.'
  bool negative = false;  ///< printed with '-', so "-0.0" counts as negative in range checks
};

/// Significant digits a double holds exactly; longer numbers are refused, never rounded.
inline constexpr int kMaxDigits = 15;

/// A plain decimal: optional '-', then digits with at most one '.', no superfluous leading
/// zero, no exponent, sign '+', comma, space or '%': "0.63", "-1.5", "42", ".042".
std::optional<PrintedNumber> parse_decimal(std::string_view text);

/// A count: "0" or digits without a leading zero.
std::optional<PrintedNumber> parse_count(std::string_view text);

/// Digits in `text` (for the kMaxDigits limit).
int digit_count(std::string_view text);

/// A p-value as printed: an optional "P"/"p", an optional relation (=, <, >, <=, >=, ≤, ≥),
/// each optionally followed by spaces, then an unsigned plain decimal: "0.015", "P<0.001",
/// "< 0.0001", "P = .0045". Syntax only: the caller checks the [0, 1] range.
struct PrintedP {
  core::PValue::Relation relation = core::PValue::Relation::Equal;
  PrintedNumber number;
};
std::optional<PrintedP> parse_p_value(std::string_view text);

}  // namespace metareview::io
