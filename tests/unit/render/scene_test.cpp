#include <catch2/catch.hpp>

#include <string>

#include "render/scene.h"

namespace r = metareview::render;

namespace {

// Every character (UTF-8 sequence) is 1 pt wide at any size, and every call is counted, so
// results are exact by hand and the work done is visible.
class CountingMeasurer final : public r::TextMeasurer {
 public:
  double width(const std::string& utf8, double, r::FontWeight) const override {
    ++calls;
    double n = 0;
    for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
    return n;
  }
  double ascent(double size, r::FontWeight) const override { return size * 0.8; }
  double descent(double size, r::FontWeight) const override { return size * 0.2; }
  mutable int calls = 0;
};

}  // namespace

TEST_CASE("ellipsize keeps the longest head that fits with its ellipsis", "[render]") {
  const CountingMeasurer m;
  // 10 pt of room: 9 characters and "…".
  CHECK(r::ellipsize(m, "abcdefghijklmnop", 10, 9, r::FontWeight::Normal) == "abcdefghi\u2026");
  CHECK(r::ellipsize(m, "short", 10, 9, r::FontWeight::Normal) == "short");
  // Trailing spaces of the head go: "abc  " + "…" would waste room on blanks.
  CHECK(r::ellipsize(m, "abc     defghijkl", 8, 9, r::FontWeight::Normal) == "abc\u2026");
  // Multi-byte characters are never cut ("é" is two bytes).
  CHECK(r::ellipsize(m, "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", 4, 9, r::FontWeight::Normal) == "\u00e9\u00e9\u00e9\u2026");
  // Not even "…" fits: "…" alone, as before.
  CHECK(r::ellipsize(m, "abcdef", 0.5, 9, r::FontWeight::Normal) == "\u2026");
}

// Regression (issue 10): ellipsize tried every length from the end, one measurement of the
// whole head each, so a 16,000-character label cost ~10^8 character measurements (seconds
// in the forest plot). Bisection needs about log2(16,000) = 14.
TEST_CASE("ellipsizing a 16,000-character label takes a logarithmic number of measurements", "[render]") {
  const CountingMeasurer m;
  const std::string label(16000, 'x');
  const std::string out = r::ellipsize(m, label, 100, 9, r::FontWeight::Normal);
  CHECK(out == std::string(99, 'x') + "\u2026");
  CHECK(m.calls <= 20);
}
