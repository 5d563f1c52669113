#pragma once
// Small text helpers every module may use (core is the bottom of the module order).
#include <string>
#include <string_view>

namespace metareview::core {

/// The items of `items` (anything appendable to a std::string) joined by `sep`:
/// join(std::vector<std::string>{"a", "b"}) == "a, b"; an empty range gives "".
template <typename Range>
std::string join(const Range& items, std::string_view sep = ", ") {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += item;
    first = false;
  }
  return out;
}

}  // namespace metareview::core
