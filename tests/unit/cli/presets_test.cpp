// The presets do what their names promise (issue 17). Each case failed before the fix.
// Golden values: R 4.2, metafor 3.8-1 and meta 7.0.0; the calls are next to each value.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <initializer_list>
#include <vector>
#include <nlohmann/json.hpp>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "../../support/tolerance.h"

namespace {

using metareview::test::kRRelative;
using metareview::test::run_cli;

bool near(const nlohmann::json& x, double r) { return std::fabs(x.get<double>() - r) <= kRRelative * std::fabs(r); }

// Four trials, the first without events in either arm.
const char* kDoubleZero =
    "study,ai,n1i,ci,n2i\n"
    "Zero,0,50,0,50\n"
    "B,2,100,5,100\n"
    "C,1,60,4,58\n"
    "D,3,80,6,85\n";

nlohmann::json pool_json(const std::string& csv, std::initializer_list<std::string> extra) {
  std::vector<std::string> args{"pool", "--data", csv, "--json"};
  args.insert(args.end(), extra);
  const auto r = metareview::test::run_cli(args);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("revman5 and cochrane keep double-zero studies for RD and drop them for OR", "[presets]") {
  const auto dir = metareview::test::temp_dir("presets_double_zero");
  const std::string csv = (dir / "dz.csv").string();
  std::ofstream(csv) << kDoubleZero;
  // R: rma(measure = "RD", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d, method = "DL")
  //   -> k 4, estimate -0.0193764738064294, ci [-0.0454301145000087, 0.00667716688715]
  //   (meta 7.0 metabin(sm = "RD", method = "Inverse", method.tau = "DL") gives the same, k 4).
  // Before the fix the presets dropped Zero: k 3, ci [-0.0717519552825394, -0.000568768550363065],
  // which excludes no difference where the full data do not.
  const auto rd = pool_json(csv, {"--measure", "RD", "--preset", "revman5"});
  CHECK(rd["k"] == 4);
  CHECK(near(rd["estimate"], -0.0193764738064294));
  CHECK(near(rd["ci_lb"], -0.0454301145000087));
  CHECK(near(rd["ci_ub"], 0.00667716688715));
  CHECK(rd["settings"]["effect"]["drop00"] == false);
  CHECK(rd["settings"]["effect"]["drop00_ratio"] == true);
  CHECK(pool_json(csv, {"--measure", "RD", "--preset", "cochrane"})["k"] == 4);
  // R: rma(measure = "OR", ..., method = "DL", drop00 = TRUE) -> k 3, estimate -0.917362023181877,
  //   ci [-1.88913894207808, 0.0544148957143229].
  const auto odds = pool_json(csv, {"--measure", "OR", "--preset", "revman5"});
  CHECK(odds["k"] == 3);
  CHECK(near(odds["estimate"], -0.917362023181877));
  CHECK(near(odds["ci_lb"], -1.88913894207808));
}

TEST_CASE("revman5 gives no prediction interval, as RevMan 5 shows none", "[presets]") {
  const auto dir = metareview::test::temp_dir("presets_revman5_pi");
  const std::string csv = (dir / "dz.csv").string();
  std::ofstream(csv) << kDoubleZero;
  const auto j = pool_json(csv, {"--measure", "RD", "--preset", "revman5"});
  CHECK(j["pi_lb"].is_null());
  CHECK(j["pi_ub"].is_null());
  CHECK(j["settings"]["pi_dist"] == "none");
}
