// `metareview regtest | ranktest | trimfill | fsn` through cli::run. The numbers are R metafor
// 3.8-1's from tests/golden/bias (regtest.csv, ranktest.csv, trimfill.csv, fsn.csv; made by
// make_goldens.R) for dat.bcg as log risk ratios, here from its 2x2 counts (tpos, tpos + tneg,
// cpos, cpos + cneg of metadat's dat.bcg), so that the sample sizes are known.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "../../support/cli_runner.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"

namespace {

using metareview::test::close_to_r;
using metareview::test::GoldenCsv;
using metareview::test::run_cli;

const std::string& bcg_csv() {
  static const std::string path = [] {
    const auto p = std::filesystem::temp_directory_path() / ("metareview_bias_bcg_" + std::to_string(::getpid()) + ".csv");
    std::ofstream(p) << "study,ai,n1i,ci,n2i\n"
                        "Aronson 1948,4,123,11,139\n"
                        "Ferguson & Simes 1949,6,306,29,303\n"
                        "Rosenthal et al 1960,3,231,11,220\n"
                        "Hart & Sutherland 1977,62,13598,248,12867\n"
                        "Frimodt-Moller et al 1973,33,5069,47,5808\n"
                        "Stein & Aronson 1953,180,1541,372,1451\n"
                        "Vandiviere et al 1973,8,2545,10,629\n"
                        "TPT Madras 1980,505,88391,499,88391\n"
                        "Coetzee & Berjak 1968,29,7499,45,7277\n"
                        "Rosenthal et al 1961,17,1716,65,1665\n"
                        "Comstock et al 1974,186,50634,141,27338\n"
                        "Comstock & Webster 1969,5,2498,3,2341\n"
                        "Comstock et al 1976,27,16913,29,17854\n";
    return p.string();
  }();
  return path;
}

// One golden value of bcg_RR from a bias CSV; `match` lists column = value pairs.
double golden(const std::string& file, const std::vector<std::pair<std::string, std::string>>& match,
              const std::string& value_column = "value") {
  const GoldenCsv csv("tests/golden/bias/" + file);
  for (std::size_t r = 0; r < csv.size(); ++r) {
    bool ok = csv.str(r, "case") == "bcg_RR";
    for (const auto& [c, v] : match) ok = ok && csv.str(r, c) == v;
    if (ok) return csv.num(r, value_column);
  }
  FAIL("no golden row");
  return 0;
}

nlohmann::json run_json(std::vector<std::string> args) {
  args.insert(args.end(), {"--data", bcg_csv(), "--measure", "RR", "--json"});
  const auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("regtest --json gives metafor's zval or tval, pval and limit estimate", "[cli][bias]") {
  const auto rt = [](const std::string& model, const std::string& predictor, const std::string& field) {
    return golden("regtest.csv", {{"method", "REML"}, {"test", "z"}, {"model", model}, {"predictor", predictor},
                                  {"field", field}});
  };
  const auto z = run_json({"regtest"});
  CHECK(z["model"] == "rma");
  CHECK(z["predictor"] == "sei");
  CHECK(close_to_r(z["zval"].get<double>(), rt("rma", "sei", "zval")));
  CHECK(close_to_r(z["pval"].get<double>(), rt("rma", "sei", "pval")));
  CHECK(close_to_r(z["est"].get<double>(), rt("rma", "sei", "est")));
  CHECK(close_to_r(z["ci_lb"].get<double>(), rt("rma", "sei", "ci_lb")));
  CHECK(close_to_r(z["ci_ub"].get<double>(), rt("rma", "sei", "ci_ub")));
  CHECK_FALSE(z.contains("tval"));

  const auto t = run_json({"regtest", "--model", "lm", "--predictor", "ninv"});
  CHECK(close_to_r(t["tval"].get<double>(), rt("lm", "ninv", "zval")));
  CHECK(t["ddf"] == 11);
  CHECK(close_to_r(t["est"].get<double>(), rt("lm", "ninv", "est")));

  const auto n = run_json({"regtest", "--predictor", "ni"});
  CHECK(close_to_r(n["zval"].get<double>(), rt("rma", "ni", "zval")));
  CHECK(n["est"].is_null());  // no limit estimate for ni: metafor's est is NULL
}

TEST_CASE("regtest prints metafor's text", "[cli][bias]") {
  const auto r = run_cli({"regtest", "--data", bcg_csv(), "--measure", "RR"});
  REQUIRE(r.status == 0);
  // metafor 3.8-1: print(regtest(rma(yi, vi, data = dat))) for dat.bcg as RR.
  CHECK(r.out ==
        "Regression Test for Funnel Plot Asymmetry\n\n"
        "Model:     mixed-effects meta-regression model\n"
        "Predictor: standard error\n\n"
        "Test for Funnel Plot Asymmetry: z = -0.8033, p = 0.4218\n"
        "Limit Estimate (as sei -> 0):   b = -0.5104 (CI: -1.1182, 0.0974)\n");
}

TEST_CASE("ranktest, trimfill and fsn --json give metafor's values", "[cli][bias]") {
  const auto rk = run_json({"ranktest"});
  CHECK(close_to_r(rk["tau"].get<double>(), golden("ranktest.csv", {}, "tau")));
  CHECK(close_to_r(rk["pval"].get<double>(), golden("ranktest.csv", {}, "pval")));

  const auto tf = run_json({"trimfill", "--method", "DL", "--estimator", "R0"});
  const auto g = [](const std::string& field) {
    return golden("trimfill.csv", {{"method", "DL"}, {"estimator", "R0"}, {"side", "default"}, {"field", field}});
  };
  CHECK(tf["k0"] == g("k0"));
  CHECK(tf["side"] == (g("side") == 1 ? "left" : "right"));
  for (const char* f : {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "tau2", "p_k0"})
    CHECK(close_to_r(tf[f].get<double>(), g(f)));

  const auto fs = run_json({"fsn", "--type", "Rosenberg"});
  CHECK(fs["fsnum"] == golden("fsn.csv", {{"type", "Rosenberg"}, {"alpha", "0.050000000000000003"}}, "fsnum"));
}

TEST_CASE("bias commands: bad input exits 1 with the reason, bad options 2", "[cli][bias]") {
  const std::string two = (std::filesystem::temp_directory_path() /
                           ("metareview_bias_two_" + std::to_string(::getpid()) + ".csv")).string();
  std::ofstream(two) << "study,yi,vi\nA,0.1,0.2\nB,0.3,0.1\n";
  const auto r = run_cli({"regtest", "--data", two, "--measure", "GEN"});
  CHECK(r.status == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "metareview regtest: error: regtest: k = 2; at least 3 studies are needed\n");

  const auto g = run_cli({"regtest", "--data", two, "--measure", "GEN", "--predictor", "sqrtn"});
  CHECK(g.status == 2);
  CHECK(g.err == "metareview regtest: --predictor: unknown value 'sqrtn'; valid values: sei, vi, ni, ninv, sqrtni, "
                 "sqrtninv\n");

  const auto o = run_cli({"fsn", "--data", bcg_csv(), "--measure", "RR", "--type", "Orwin", "--target", "0"});
  CHECK(o.status == 1);
  CHECK(o.err == "metareview fsn: error: fsn: Orwin's fail-safe N is undefined for a target of 0\n");
  const auto gen = run_cli({"regtest", "--data", two, "--measure", "GEN", "--test-for", "harbord"});
  CHECK(gen.status == 1);
  CHECK(gen.err == "metareview regtest: error: harbord: measure GEN has no 2x2 counts to test; Harbord's test needs "
                   "OR\n");
  std::filesystem::remove(two);
}

TEST_CASE("regtest --test-for peters|harbord gives R meta's metabias() values", "[cli][bias]") {
  const auto meta = [](const std::string& measure, const std::string& test, const std::string& field) {
    const GoldenCsv csv("tests/golden/bias/binary_bias.csv");
    for (std::size_t r = 0; r < csv.size(); ++r)
      if (csv.str(r, "case") == "bcg" && csv.str(r, "measure") == measure && csv.str(r, "test") == test &&
          csv.str(r, "field") == field)
        return csv.num(r, "value");
    FAIL("no golden row");
    return 0.0;
  };
  const auto p = run_json({"regtest", "--test-for", "peters"});  // measure RR
  CHECK(close_to_r(p["statistic"].get<double>(), meta("RR", "peters", "statistic")));
  CHECK(close_to_r(p["pval"].get<double>(), meta("RR", "peters", "pval")));
  CHECK(close_to_r(p["bias"].get<double>(), meta("RR", "peters", "bias")));

  const auto h = run_cli({"regtest", "--test-for", "harbord", "--data", bcg_csv(), "--measure", "OR", "--json"});
  REQUIRE(h.status == 0);
  const auto hj = nlohmann::json::parse(h.out);
  CHECK(close_to_r(hj["statistic"].get<double>(), meta("OR", "harbord", "statistic")));
  CHECK(close_to_r(hj["se_intercept"].get<double>(), meta("OR", "harbord", "se_intercept")));

  const auto both = run_cli({"regtest", "--test-for", "peters", "--model", "lm", "--data", bcg_csv(), "--measure", "RR"});
  CHECK(both.status == 2);
  CHECK(both.err ==
        "metareview regtest: --test-for peters fixes the model and the predictor; leave out --model and --predictor\n");
}

TEST_CASE("trimfill --plot and funnel --egger write their figures, and bad use is refused with the reason",
          "[cli][bias]") {
  const auto dir = std::filesystem::temp_directory_path() / ("metareview_bias_plots_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string svg = (dir / "trimfill.svg").string();
  const auto plain = run_cli({"trimfill", "--data", bcg_csv(), "--measure", "RR", "--method", "FE"});
  const auto t = run_cli({"trimfill", "--data", bcg_csv(), "--measure", "RR", "--method", "FE", "--plot", svg, "--contour"});
  CHECK(t.status == 0);
  CHECK(t.out == plain.out);  // the figure changes nothing printed
  CHECK(t.err.rfind("wrote " + svg + " (", 0) == 0);
  CHECK(std::filesystem::file_size(svg) > 1000);

  const std::string egger = (dir / "egger.pdf").string();
  const auto f = run_cli({"funnel", "--data", bcg_csv(), "--measure", "RR", "--egger", "-o", egger});
  CHECK(f.status == 0);
  CHECK(std::filesystem::file_size(egger) > 1000);

  const auto bad_ext = run_cli({"trimfill", "--data", bcg_csv(), "--measure", "RR", "--plot", "funnel.txt"});
  CHECK(bad_ext.status == 2);
  CHECK(bad_ext.err ==
        "metareview trimfill: --plot: cannot tell the format of 'funnel.txt': use a .svg, .pdf or .png file name\n");
  const auto contour = run_cli({"trimfill", "--data", bcg_csv(), "--measure", "RR", "--contour"});
  CHECK(contour.status == 2);
  CHECK(contour.err == "metareview trimfill: --contour shades the funnel of --plot; give --plot FILE too\n");

  const std::string two = (dir / "two.csv").string();
  std::ofstream(two) << "study,yi,vi\nA,0.1,0.2\nB,0.3,0.1\n";
  const auto few = run_cli({"funnel", "--data", two, "--measure", "GEN", "--egger", "-o", (dir / "x.svg").string()});
  CHECK(few.status == 1);
  CHECK(few.err == "metareview funnel: error: regtest: k = 2; at least 3 studies are needed\n");
  std::filesystem::remove_all(dir);
}
