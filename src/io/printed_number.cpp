#include "io/printed_number.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <utility>

namespace metareview::io {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The unsigned plain decimal that is all of `s`, or nullopt.
std::optional<PrintedNumber> parse_unsigned(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  const std::size_t int_digits = i;
  if (int_digits > 1 && s[0] == '0') return std::nullopt;  // "007", "00.5"
  int decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++decimals;
    if (decimals == 0) return std::nullopt;  // "5."
  }
  if (i != s.size() || int_digits + static_cast<std::size_t>(decimals) == 0) return std::nullopt;
  PrintedNumber n;
  n.decimals = decimals;
  // from_chars is locale-independent; a leading '.' is not in its grammar, so prefix a 0.
  std::string digits(s.front() == '.' ? "0" : "");
  digits += s;
  std::from_chars(digits.data(), digits.data() + digits.size(), n.value);
  return n;
}

}  // namespace

std::optional<PrintedNumber> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  auto n = parse_unsigned(negative ? text.substr(1) : text);
  if (!n) return std::nullopt;
  n->negative = negative;
  if (negative) n->value = -n->value;
  return n;
}

std::optional<PrintedNumber> parse_count(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), is_digit)) return std::nullopt;
  return parse_unsigned(text);
}

int digit_count(std::string_view text) { return static_cast<int>(std::count_if(text.begin(), text.end(), is_digit)); }

std::optional<PrintedP> parse_p_value(std::string_view text) {
  using R = core::PValue::Relation;
  const auto skip_spaces = [&] {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  };
  PrintedP p;
  if (!text.empty() && (text.front() == 'P' || text.front() == 'p')) {
    text.remove_prefix(1);
    skip_spaces();
  }
  // Longest first, so "<=" is not read as "<" followed by "=".
  static constexpr std::array<std::pair<std::string_view, R>, 7> kRelations{{
      {"<=", R::LessEqual}, {">=", R::GreaterEqual}, {"\u2264", R::LessEqual}, {"\u2265", R::GreaterEqual},
      {"=", R::Equal}, {"<", R::Less}, {">", R::Greater},
  }};
  for (const auto& [token, relation] : kRelations) {
    if (text.rfind(token, 0) == 0) {
      p.relation = relation;
      text.remove_prefix(token.size());
      skip_spaces();
      break;
    }
  }
  auto n = parse_unsigned(text);
  if (!n) return std::nullopt;
  p.number = *n;
  return p;
}

}  // namespace metareview::io
