#include <catch2/catch.hpp>

#include "core/level.h"

using metareview::core::confidence_level_percent;

// The rule of core/level.h, against metafor:::.level() (metafor 3.8-1), which maps a level to
// alpha: level >= 1 -> (100 - level)/100, 0.5 < level < 1 -> 1 - level, else level itself.
TEST_CASE("confidence levels: percentages and proportions alike, ambiguous values refused", "[core]") {
  CHECK(confidence_level_percent(95) == 95.0);
  CHECK(confidence_level_percent(0.95) == 95.0);
  CHECK(confidence_level_percent(0.9) == 90.0);
  CHECK(confidence_level_percent(0.575) == 57.5);  // 0.575 * 100 is 57.49999999999999
  CHECK(confidence_level_percent(99.9) == 99.9);
  CHECK(confidence_level_percent(50) == 50.0);
  // metafor reads 0.05 as alpha = 0.05 and 1 as a 1% interval: nobody means either here.
  for (double v : {0.05, 0.5, 1.0, 10.0, 49.9, 100.0, 0.0, -95.0})
    CHECK_FALSE(confidence_level_percent(v));
}
