#include <catch2/catch.hpp>

#include "core/codes.h"
#include "core/measure_info.h"
#include "effect/transform.h"

using namespace metareview;
using core::InputFamily;
using core::Measure;
using core::Scale;

TEST_CASE("measure_info: one row per measure, in enum order, codes round-trip", "[core][measure]") {
  REQUIRE(core::kMeasureInfo.size() == 11);
  for (std::size_t i = 0; i < core::kMeasureInfo.size(); ++i) {
    const auto m = static_cast<Measure>(i);
    CHECK(core::measure_info(m).measure == m);
    CHECK(core::parse_measure(core::to_string(m)) == m);
  }
  CHECK(core::valid_measures() == "GEN, HR, OR, RR, RD, PR, PLO, PAS, PFT, MD, SMD");
  CHECK_FALSE(core::parse_measure("hr"));  // metafor's codes are case-sensitive
}

TEST_CASE("measure_info: the shorthands read the table", "[core][measure]") {
  // metafor analyses HR, OR and RR on the log scale; proportions have no null (escalc docs).
  for (const auto m : {Measure::HR, Measure::OR, Measure::RR}) CHECK(core::is_log_ratio(m));
  for (const auto m : {Measure::RD, Measure::PLO, Measure::MD, Measure::GEN}) CHECK_FALSE(core::is_log_ratio(m));
  for (const auto m : {Measure::PR, Measure::PLO, Measure::PAS, Measure::PFT}) {
    CHECK(core::is_proportion(m));
    CHECK_FALSE(core::null_value(m));
  }
  CHECK(core::null_value(Measure::RD) == 0.0);
  CHECK(core::is_binary_two_group(Measure::RD));
  CHECK_FALSE(core::is_binary_two_group(Measure::HR));
  CHECK(core::measure_info(Measure::HR).family == InputFamily::TimeToEvent);
  CHECK(core::measure_info(Measure::SMD).family == InputFamily::Continuous);
  CHECK(core::measure_info(Measure::HR).title == "Hazard Ratio");
  CHECK(core::measure_info(Measure::PLO).axis_label == "Logit Proportion");
}

TEST_CASE("measure_info: the scale picks metafor's back-transformation", "[core][measure]") {
  CHECK(effect::back_transform_name(Measure::RR) == "exp");
  CHECK(effect::back_transform_name(Measure::PLO) == "transf.ilogit");
  CHECK(effect::back_transform_name(Measure::PAS) == "transf.iarcsin");
  CHECK(effect::back_transform_name(Measure::PFT) == "transf.ipft.hm");
  CHECK(effect::back_transform_name(Measure::SMD) == "none");
  // exp(log 2) = 2; ilogit(0) = 0.5; sin(pi/6)^2 = 0.25 (hand values).
  CHECK(effect::back_transform_one(Measure::OR, std::log(2.0), 0) == Approx(2.0).epsilon(1e-15));
  CHECK(effect::back_transform_one(Measure::PLO, 0.0, 0) == 0.5);
  CHECK(effect::back_transform_one(Measure::PAS, std::asin(0.5), 0) == Approx(0.25).epsilon(1e-15));
  CHECK(effect::back_transform_one(Measure::MD, -1.25, 0) == -1.25);
}

namespace {
enum class Colour { Red, Green };
constexpr auto kColours = core::enum_codes<Colour>({{Colour::Red, "red"}, {Colour::Green, "green"}});
static_assert(kColours.code(Colour::Green) == "green");
static_assert(*kColours.parse("red") == Colour::Red);
}  // namespace

TEST_CASE("EnumCodes: code, parse and the valid list come from one table", "[core][codes]") {
  CHECK(kColours.valid() == "red, green");
  CHECK_FALSE(kColours.parse("Red"));
  CHECK(kColours.code(static_cast<Colour>(7)) == "?");
}
