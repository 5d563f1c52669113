#include <catch2/catch.hpp>

#include "io/printed_number.h"

using metareview::core::PValue;
using metareview::io::parse_count;
using metareview::io::parse_decimal;
using metareview::io::parse_p_value;

TEST_CASE("plain decimals are read as printed, nothing else is", "[io]") {
  const auto hr = parse_decimal("0.63");
  REQUIRE(hr);
  CHECK(hr->value == 0.63);
  CHECK(hr->decimals == 2);
  CHECK(parse_decimal("11.90")->decimals == 2);
  CHECK(parse_decimal("42")->decimals == 0);
  CHECK(parse_decimal("-12.5")->value == -12.5);
  CHECK(parse_decimal(".042")->value == 0.042);
  CHECK(parse_decimal(".042")->decimals == 3);
  CHECK(parse_decimal("-0.0")->negative);
  for (const char* bad : {"", "abc", "1e999", "1e3", "12,5", "NaN", "nan", "inf", " 12", "12 ", "+1", "5.", ".",
                          "-", "007", "00.5", "1.2.3", "12%", "0x1A", "\xE2\x88\x92" "1"})
    CHECK_FALSE(parse_decimal(bad));
}

TEST_CASE("counts are whole numbers without sign or leading zero", "[io]") {
  CHECK(parse_count("0")->value == 0);
  CHECK(parse_count("312")->value == 312);
  for (const char* bad : {"", "12.5", "-3", "+3", "042", "1e2", " 4"}) CHECK_FALSE(parse_count(bad));
}

TEST_CASE("p-values keep their relation and printed precision", "[io]") {
  struct Case {
    const char* printed;
    PValue::Relation relation;
    double value;
    int decimals;
  };
  // The forms listed in docs/study-format.md, "Tests".
  const Case cases[] = {
      {"0.015", PValue::Relation::Equal, 0.015, 3},       {"P<0.001", PValue::Relation::Less, 0.001, 3},
      {"< 0.0001", PValue::Relation::Less, 0.0001, 4},    {">0.05", PValue::Relation::Greater, 0.05, 2},
      {"P = .0045", PValue::Relation::Equal, 0.0045, 4},  {".042", PValue::Relation::Equal, 0.042, 3},
      {"p<=0.05", PValue::Relation::LessEqual, 0.05, 2},  {"P \u2265 0.1", PValue::Relation::GreaterEqual, 0.1, 1},
      {"P\u22640.01", PValue::Relation::LessEqual, 0.01, 2}, {"1", PValue::Relation::Equal, 1, 0},
  };
  for (const auto& c : cases) {
    INFO(c.printed);
    const auto p = parse_p_value(c.printed);
    REQUIRE(p);
    CHECK(p->relation == c.relation);
    CHECK(p->number.value == Approx(c.value).epsilon(1e-15));
    CHECK(p->number.decimals == c.decimals);
  }
  // Syntax only: "1.5" parses, the loader then reports it outside [0, 1].
  CHECK(parse_p_value("P=1.5")->number.value == 1.5);
  for (const char* bad : {"", "n.s.", "NS", "-0.01", " 0.5", "0.5 ", "P", "P<", "<<0.1", "P=<0.1", "0,05", "5%"})
    CHECK_FALSE(parse_p_value(bad));
}
