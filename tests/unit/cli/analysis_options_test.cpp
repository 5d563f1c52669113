// pool, forest and funnel read one option set (cli/analysis_options.h): the same option means
// the same to each, and a bad value is refused in the same words under each command's name.
// dat.bcg (metadat) as risk ratios; metafor 3.8-1:
//   rma(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg, level = 90)
//   -> ci.lb -1.010246652972921 (the 95% interval's lower bound is -1.066897675740053)
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "../../support/tolerance.h"
#include "cli/commands.h"

namespace {

using metareview::test::run_cli;

const char* kBcg =
    "study,ai,n1i,ci,n2i\n"
    "Aronson,4,123,11,139\n"
    "Ferguson & Simes,6,306,29,303\n"
    "Rosenthal et al,3,231,11,220\n"
    "Hart & Sutherland,62,13598,248,12867\n"
    "Frimodt-Moller et al,33,5069,47,5808\n"
    "Stein & Aronson,180,1541,372,1451\n"
    "Vandiviere et al,8,2545,10,629\n"
    "TPT Madras,505,88391,499,88391\n"
    "Coetzee & Berjak,29,7499,45,7277\n"
    "Rosenthal et al,17,1716,65,1665\n"
    "Comstock et al,186,50634,141,27338\n"
    "Comstock & Webster,5,2498,3,2341\n"
    "Comstock et al,27,16913,29,17854\n";

// bcg.csv in a fresh temporary directory (temp_dir empties it), where the test writes its figures.
std::filesystem::path bcg_dir() {
  const auto dir = metareview::test::temp_dir("metareview-analysis-options");
  std::ofstream(dir / "bcg.csv") << kBcg;
  return dir;
}

}  // namespace

TEST_CASE("pool, forest and funnel refuse a bad option value in the same words", "[cli]") {
  const auto dir = bcg_dir();
  const std::string csv = (dir / "bcg.csv").string(), png = (dir / "x.png").string();
  for (const std::string command : {"pool", "forest", "funnel"}) {
    std::vector<std::string> args{command, "--data", csv};
    if (command != "pool") args.insert(args.end(), {"-o", png});
    auto with = [&](std::vector<std::string> extra) {
      auto a = args;
      a.insert(a.end(), extra.begin(), extra.end());
      return run_cli(a);
    };
    const std::string me = "metareview " + command + ": ";
    auto r = with({"--measure", "RR", "--preset", "rev5"});
    CHECK(r.status == metareview::cli::kExitUsage);
    CHECK(r.err == me + "--preset: unknown value 'rev5'; valid values: metafor, cochrane, revman5, iqwig\n");
    r = with({"--measure", "MD", "--method", "MH"});
    CHECK(r.status == metareview::cli::kExitUsage);
    CHECK(r.err == me + "--method MH pools 2x2 tables; it applies to the measures OR, RR, RD, not MD\n");
    r = with({"--measure", "RR", "--level", "0.05"});
    CHECK(r.status == metareview::cli::kExitUsage);
    CHECK(r.err == me +
                       "--level 0.05 is not a confidence level: a percentage from 50 to below 100 (as 95) or a "
                       "proportion between 0.5 and 1 (as 0.95)\n");
    r = with({"--measure", "RR", "--adhoc", "iqwig"});
    CHECK(r.err == me + "adhoc iqwig modifies Hartung-Knapp and needs test knha\n");
  }
}

TEST_CASE("forest and funnel take --level and --preset as pool does", "[cli]") {
  const auto dir = bcg_dir();
  const std::string csv = (dir / "bcg.csv").string();
  const auto j = nlohmann::json::parse(
      run_cli({"pool", "--data", csv, "--measure", "RR", "--level", "0.90", "--json"}).out);
  CHECK(std::fabs(j["ci_lb"].get<double>() - -1.010246652972921) <= metareview::test::kRRelative * 1.01);
  const auto svg90 = (dir / "f90.svg").string(), svg95 = (dir / "f95.svg").string();
  REQUIRE(run_cli({"forest", "--data", csv, "--measure", "RR", "--level", "90", "-o", svg90}).status == 0);
  REQUIRE(run_cli({"forest", "--data", csv, "--measure", "RR", "-o", svg95}).status == 0);
  // exp(-1.0102) = 0.36 and exp(-1.0669) = 0.34: the 90% interval is drawn, and labelled.
  const std::string f90 = metareview::test::slurp(svg90), f95 = metareview::test::slurp(svg95);
  CHECK(f90 != f95);
  const auto funnel = run_cli({"funnel", "--data", csv, "--measure", "RR", "--preset", "cochrane", "-o",
                               (dir / "funnel.svg").string()});
  CHECK(funnel.status == 0);
  CHECK(funnel.err.empty());
  // Regression: the funnel's common-effect fit kept a preset's Hartung-Knapp ad hoc rule and
  // was refused ("adhoc iqwig modifies Hartung-Knapp and needs test knha").
  const auto iqwig = run_cli({"funnel", "--data", csv, "--measure", "RR", "--preset", "iqwig", "-o",
                              (dir / "funnel_iqwig.svg").string()});
  CHECK(iqwig.status == 0);
  CHECK(iqwig.err.empty());
}

// Regression (issue 16): one NA row rejected the whole CSV. metafor 3.8-1 leaves the study out
// with a warning: dat.bcg with tpos[2] <- NA,
//   rma(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = d) -> k 12, b -0.654031200397814
TEST_CASE("pool leaves out a row with a missing value, with a warning, unless --strict", "[cli]") {
  const auto dir = bcg_dir();
  std::string text = kBcg;
  const std::string row = "Ferguson & Simes,6,306,29,303\n";
  text.replace(text.find(row), row.size(), "Ferguson & Simes,NA,306,29,303\n");
  const auto csv = (dir / "bcg-na.csv").string();
  std::ofstream(csv) << text;
  const auto r = run_cli({"pool", "--data", csv, "--measure", "RR", "--json"});
  REQUIRE(r.status == 0);
  CHECK(r.err == csv +
                     ":3:1: warning: row of study 'Ferguson & Simes' left out: no value in column 'ai' (as metafor "
                     "leaves out studies with missing values; --strict makes this an error)\n");
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["k"] == 12);
  CHECK(std::fabs(j["estimate"].get<double>() - -0.654031200397814) <= metareview::test::kRRelative * 0.66);
  const auto strict = run_cli({"pool", "--data", csv, "--measure", "RR", "--strict"});
  CHECK(strict.status == metareview::cli::kExitInvalidInput);
  CHECK(strict.out.empty());
  CHECK(strict.err == csv + ":3:18: error: column 'ai': value missing\n");
}
