#include <catch2/catch.hpp>

#include "core/diagnostics.h"

using metareview::core::Diagnostics;

TEST_CASE("diagnostics render as FILE:LINE:COL: error: message", "[core]") {
  Diagnostics d;
  d.error({"studies/x.xml", 12, 5}, "unknown element <hr>");
  d.warning({"studies/x.xml", 0, 0}, "no outcomes");
  d.error({"a.csv", 3, 0}, "not a number");
  CHECK(d.error_count() == 2);
  CHECK(d.to_string() ==
        "studies/x.xml:12:5: error: unknown element <hr>\n"
        "studies/x.xml: warning: no outcomes\n"
        "a.csv:3: error: not a number\n");
}
