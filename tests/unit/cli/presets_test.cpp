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
#include "../../support/json_near.h"
#include "../../support/tolerance.h"

namespace {

using metareview::test::kRRelative;
using metareview::test::run_cli;

using metareview::test::near;

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

TEST_CASE("revman5 computes the SMD as RevMan 5 (R meta exact.smd = FALSE)", "[presets]") {
  const auto dir = metareview::test::temp_dir("presets_smd");
  const std::string csv = (dir / "smd.csv").string();
  std::ofstream(csv) << "study,m1i,sd1i,n1i,m2i,sd2i,n2i\n"
                        "A,10.2,2.1,20,9.1,2.3,22\n"
                        "B,11.5,2.8,35,10.9,2.5,30\n"
                        "C,9.8,2.4,50,9.9,2.2,48\n";
  // R meta 7.0: metacont(n1, m1, s1, n2, m2, s2, sm = "SMD", exact.smd = FALSE, method.tau = "DL")
  //   -> TE 0.488952329291807, 0.222357913762273, -0.0430580742127063;
  //      seTE^2 0.0985953018959522, 0.0623096345039489, 0.0408431887328385;
  //      TE.random 0.153017733820736 [-0.135173295626771, 0.441208763268243], tau2 0.0050896051788143.
  // By hand for A: N = 42, J = 1 - 3/(4 * 42 - 9), var = 42/(20 * 22) + g^2/(2 * (42 - 3.94)).
  // Before the fix the preset used metafor's exact correction and variance (TE.random 0.153327192933194).
  const auto j = pool_json(csv, {"--measure", "SMD", "--preset", "revman5"});
  REQUIRE(j["studies"].size() == 3);
  CHECK(near(j["studies"][0]["yi"], 0.488952329291807));
  CHECK(near(j["studies"][2]["vi"], 0.0408431887328385));
  CHECK(near(j["estimate"], 0.153017733820736));
  CHECK(near(j["ci_lb"], -0.135173295626771));
  CHECK(near(j["ci_ub"], 0.441208763268243));
  CHECK(near(j["tau2"], 0.0050896051788143));
  CHECK(j["settings"]["effect"]["smd_revman5"] == true);
}
