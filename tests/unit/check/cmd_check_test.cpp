// `metareview check`, run in memory through cli::run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "../../support/cli_runner.h"
#include "cli/commands.h"

namespace {

using metareview::test::run_cli;

const std::string kRoot = METAREVIEW_SOURCE_DIR;
const std::string kNiu = kRoot + "/studies/niu-2026.xml";
const std::string kConsistent = kRoot + "/tests/data/check/consistent-2020.xml";

}  // namespace

TEST_CASE("check prints a table grouped by study, exit 0 without --strict", "[check]") {
  const auto r = run_cli({"check", kConsistent});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  // 10/20 vs 4/20: Pearson chi2 = 3.956044 (P = 0.04670), as in statistics_test.cpp.
  CHECK(r.out ==
        "consistent-2020 (CONSISTENT, " + kConsistent + "): 4 ok\n"
        "  severity  outcome  check         reported  recomputed  message\n"
        "  ok        resp     arm-sizes                           denominators agree with the arm sizes: Exp 20, Ctl 20\n"
        "  ok        resp     chi2          3.956     3.95604     chi² 3.956 (P = 0.047) is Pearson's chi² without "
        "Yates' correction: 3.95604, P = 0.04670\n"
        "  ok        resp/e   percent-grim  50.0      50.000      Exp: 10/20 = 50.000%, printed 50.0%\n"
        "  ok        resp/c   percent-grim  20.0      20.000      Ctl: 4/20 = 20.000%, printed 20.0%\n"
        "\n"
        "1 study: 4 ok\n");
  CHECK(run_cli({"check", kConsistent, "--strict"}).status == 0);
}

TEST_CASE("check --strict exits 1 on the seed study's inconsistent and implausible numbers", "[check]") {
  const auto r = run_cli({"check", kNiu, "--strict"});
  CHECK(r.status == 1);
  CHECK(r.out.rfind("niu-2026 (Niu 2026 KRd vs VRd, " + kNiu + "): 5 implausible, 2 inconsistent, 1 note, 77 ok\n", 0) ==
        0);
  CHECK(r.out.find("  implausible   pfs                                   se-plausibility         0.103     0.224       "
                   "HR 0.712 (0.583–0.874) implies SE 0.103 (≈ 375 events), but at most 80 patients were analysed: "
                   "minimum SE 0.224\n") != std::string::npos);
  CHECK(run_cli({"check", kNiu}).status == 0);
}

TEST_CASE("check --json: one object per finding, numbers as numbers", "[check]") {
  const auto r = run_cli({"check", kNiu, "--json"});
  REQUIRE(r.status == 0);
  const auto a = nlohmann::json::parse(r.out);
  REQUIRE(a.is_array());
  CHECK(a.size() == 85);
  const auto it = std::find_if(a.begin(), a.end(), [](const auto& f) {
    return f["outcome"] == "pfs" && f["check"] == "logrank-p";
  });
  REQUIRE(it != a.end());
  CHECK((*it)["study"] == "niu-2026");
  CHECK((*it)["severity"] == "inconsistent");
  CHECK((*it)["reported"] == 7.345);
  CHECK((*it)["reported_text"] == "7.345");
  CHECK((*it)["message"] == "log-rank chi² 7.345 on 1 df gives P = 0.0067, but P<0.001 was printed");
  // A finding with nothing recomputed has null, not 0.
  const auto sizes = std::find_if(a.begin(), a.end(), [](const auto& f) { return f["check"] == "arm-sizes"; });
  REQUIRE(sizes != a.end());
  CHECK((*sizes)["reported"].is_null());
}

TEST_CASE("check: invalid study files exit 1 with the loader's diagnostics, usage errors exit 2", "[check]") {
  const auto r = run_cli({"check", kRoot + "/tests/data/check/invalid"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find(kRoot + "/tests/data/check/invalid/broken-2020.xml:3:1: error: missing <trial> in <study>\n") !=
        std::string::npos);
  const auto u = run_cli({"check", "--bogus"});
  CHECK(u.status == 2);
  CHECK(u.err == "metareview check: The following argument was not expected: --bogus\nRun 'metareview check --help' "
                 "for its options.\n");
}
