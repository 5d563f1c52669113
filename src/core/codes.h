#pragma once
// One table per enum: the single source of an enum's codes for parsing, printing and the
// "valid values" lists of error messages. A new value is one row of its table.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace metareview::core {

template <class E>
struct Code {
  E value;
  std::string_view code;
};

template <class E, std::size_t N>
class EnumCodes {
 public:
  constexpr explicit EnumCodes(const std::array<Code<E>, N>& rows) : rows_(rows) {}

  /// The code of `value`; "?" for a value outside the table (a bug, never shown for valid data).
  constexpr std::string_view code(E value) const {
    for (const auto& r : rows_)
      if (r.value == value) return r.code;
    return "?";
  }
  /// The value whose code is exactly `text` (case-sensitive); nullopt when unknown.
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const auto& r : rows_)
      if (r.code == text) return r.value;
    return std::nullopt;
  }
  /// "a, b, c": the codes in table order, for error messages.
  std::string valid() const {
    std::string out;
    for (const auto& r : rows_) {
      if (!out.empty()) out += ", ";
      out += r.code;
    }
    return out;
  }
  constexpr const std::array<Code<E>, N>& rows() const { return rows_; }

 private:
  std::array<Code<E>, N> rows_;
};

/// EnumCodes deduced from a braced list: `constexpr auto kX = enum_codes<X>({{{X::A, "a"}, ...}});`
template <class E, std::size_t N>
constexpr EnumCodes<E, N> enum_codes(const Code<E> (&rows)[N]) {
  std::array<Code<E>, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = rows[i];
  return EnumCodes<E, N>(a);
}

}  // namespace metareview::core
