// The figure flags of `forest` and `funnel` (cli/figure_options.cpp, docs/figures.md): each
// drawn, each bad value refused with its message verbatim, exit 2, nothing written.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"

using metareview::test::run_cli;
using metareview::test::slurp;
using metareview::test::temp_dir;

namespace {

const std::string kBcg = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/figures/bcg.csv";
const std::string kHuge = std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/figures/bcg_huge_ci.csv";

// The error of `forest` (or `funnel`) on bcg.csv with `flags`; checks that it exits 2 and
// writes nothing.
std::string refused(const std::vector<std::string>& flags, const std::string& command = "forest") {
  const auto dir = temp_dir("metareview-figure-flags");
  const std::string out = (dir / "x.svg").string();
  std::vector<std::string> args{command, "--data", kBcg, "--measure", "RR", "-o", out};
  args.insert(args.end(), flags.begin(), flags.end());
  const auto r = run_cli(args);
  CHECK(r.status == metareview::cli::kExitUsage);
  CHECK(r.out.empty());
  CHECK_FALSE(std::filesystem::exists(out));
  std::filesystem::remove_all(dir);
  return r.err;
}

}  // namespace

TEST_CASE("figure flags: bad values are refused with their message", "[cli][figure]") {
  CHECK(refused({"--xlim", "5,1"}) == "metareview forest: --xlim: the lower limit 5 must be below the upper limit 1\n");
  CHECK(refused({"--xlim", "0,2"}) == "metareview forest: --xlim: a ratio axis needs limits above 0, got 0\n");
  CHECK(refused({"--xlim", "0.1"}) ==
        "metareview forest: --xlim: '0.1' is not two numbers; give the lower and upper limit, as in 0.1,10\n");
  CHECK(refused({"--xlim", "0.1,ten"}) ==
        "metareview forest: --xlim: '0.1,ten' is not two numbers; give the lower and upper limit, as in 0.1,10\n");
  CHECK(refused({"--at", "0.5;1"}) ==
        "metareview forest: --at: '0.5;1' is not a list of numbers; separate them with commas, as in 0.25,0.5,1,2,4\n");
  CHECK(refused({"--xlim", "0.5,2", "--at", "0.5,1,4"}) ==
        "metareview forest: --at: the tick 4 lies outside the axis limits 0.5 to 2\n");
  CHECK(refused({"--width", "-3"}) == "metareview forest: --width: must be from 200 to 2000 pt, got -3\n");
  CHECK(refused({"--font-size", "30"}) == "metareview forest: --font-size: must be from 6 to 16 pt, got 30\n");
  CHECK(refused({"--label-width", "10"}) == "metareview forest: --label-width: must be from 40 to 600 pt, got 10\n");
  CHECK(refused({"--theme", "neon"}) == "metareview forest: --theme: unknown value 'neon'; valid values: grey, colour\n");
  CHECK(refused({"--theme", "neon"}, "funnel") ==
        "metareview funnel: --theme: unknown value 'neon'; valid values: grey, colour\n");
  CHECK(refused({"--columns", "weight"}) == "metareview forest: --columns: unknown column 'weight'; valid values: n\n");
  CHECK(refused({"--columns", "n,rob"}) ==
        "metareview forest: --columns: rob needs a review file (follow-up and risk of bias are in the study files); a "
        "CSV has only n\n");
  CHECK(refused({"--model", "fixed"}) ==
        "metareview forest: --model: unknown value 'fixed'; valid values: common, random, both\n");
  CHECK(refused({"--model", "random", "--method", "MH"}) ==
        "metareview forest: --model random: --method MH is a common-effect method; give a tau2 estimator such as REML, "
        "or --model both\n");
}

TEST_CASE("figure flags: a width the table cannot fit in names the width it needs", "[cli][figure]") {
  const auto dir = temp_dir("metareview-figure-width");
  const std::string out = (dir / "x.svg").string();
  const auto r = run_cli({"forest", "--data", kBcg, "--measure", "RR", "--width", "300", "-o", out});
  CHECK(r.status == metareview::cli::kExitInvalidInput);
  CHECK(r.err.rfind("metareview forest: error: width: 300 pt leaves no room for the plot; this table needs at least ", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(out));
  std::filesystem::remove_all(dir);
}

TEST_CASE("figure flags: every control draws, and twice gives the same bytes", "[cli][figure]") {
  const auto dir = temp_dir("metareview-figure-draw");
  const std::vector<std::vector<std::string>> cases = {
      {"--xlim", "0.1,10", "--at", "0.1,0.25,0.5,1,2,4,10"},
      {"--width", "900"},
      {"--font-size", "11"},
      {"--label-width", "60"},
      {"--columns", "n"},
      {"--favours-left", "Favours BCG", "--favours-right", "Favours no vaccine"},
      {"--model", "both"},
      {"--theme", "colour"},
      {"--no-prediction"},
  };
  for (const auto& flags : cases) {
    INFO(flags[0]);
    std::string bytes[2];
    for (int i = 0; i < 2; ++i) {
      std::string name = "f";  // appended: GCC 12 warns falsely (-Wrestrict) on "literal" + temporary
      name += std::to_string(i);
      name += ".svg";
      const std::string out = (dir / name).string();
      std::vector<std::string> args{"forest", "--data", kBcg, "--measure", "RR", "-o", out};
      args.insert(args.end(), flags.begin(), flags.end());
      const auto r = run_cli(args);
      CHECK(r.err.empty());
      CHECK(r.status == 0);
      bytes[i] = slurp(out);
    }
    CHECK(bytes[0].size() > 1000);
    CHECK(bytes[0] == bytes[1]);
  }
  // --width sets the figure's width exactly.
  const std::string out = (dir / "w.svg").string();
  const auto r = run_cli({"forest", "--data", kBcg, "--measure", "RR", "--width", "900", "-o", out});
  CHECK(r.out == "wrote " + out + " (900 x 277 pt)\n");
  // The funnel takes the theme and font size.
  const std::string funnel = (dir / "funnel.svg").string();
  const auto f = run_cli({"funnel", "--data", kHuge, "--measure", "RR", "--theme", "colour", "--font-size", "10", "-o", funnel});
  CHECK(f.status == 0);
  std::filesystem::remove_all(dir);
}
