// `metareview leave1out | cumul | influence | baujat | gosh` through cli::run. The numbers
// are R metafor 3.8-1's from tests/golden/methods (expected.csv, gosh.csv; make_goldens.R),
// on the yi/vi of inputs.csv: bcg_RR (dat.bcg log risk ratios, with the trials' years) and
// normand_SMD.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "../../support/cli_runner.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"
#include "cli/commands.h"

namespace {

using metareview::test::close_to_r;
using metareview::test::GoldenCsv;
using metareview::test::run_cli;

struct TempDir {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("metareview_sensitivity_test_" + std::to_string(::getpid()));
  TempDir() { std::filesystem::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};
const TempDir& temp() {
  static const TempDir t;
  return t;
}

// dat.bcg's years, in its row order.
const std::vector<int> kBcgYears{1948, 1949, 1960, 1977, 1973, 1953, 1973, 1980, 1968, 1961, 1974, 1969, 1976};

// A GEN data file of one golden case (study, yi, vi, and for bcg_RR the year); at most `k` rows.
std::string case_csv(const std::string& name, std::size_t k = 100) {
  const GoldenCsv in("tests/golden/methods/inputs.csv");
  const bool years = name == "bcg_RR";
  std::string text = years ? "study,yi,vi,year\n" : "study,yi,vi\n";
  std::size_t n = 0;
  for (std::size_t r = 0; r < in.size() && n < k; ++r) {
    if (in.str(r, "case") != name) continue;
    text += in.str(r, "study") + ',' + in.str(r, "yi") + ',' + in.str(r, "vi");
    if (years) text += ',' + std::to_string(kBcgYears[n]);
    text += '\n';
    ++n;
  }
  const auto path = (temp().path / (name + std::to_string(k) + ".csv")).string();
  std::ofstream(path) << text;
  return path;
}

// expected.csv's values of one (case, method, test, what, field), by i.
std::vector<double> golden(const std::string& c, const std::string& method, const std::string& what,
                           const std::string& field) {
  const GoldenCsv csv("tests/golden/methods/expected.csv");
  std::vector<double> v;
  for (std::size_t r = 0; r < csv.size(); ++r)
    if (csv.str(r, "case") == c && csv.str(r, "method") == method && csv.str(r, "test") == "z" &&
        csv.str(r, "what") == what && csv.str(r, "field") == field)
      v.push_back(csv.num(r, "value"));
  return v;
}

nlohmann::json run_json(const std::vector<std::string>& args) {
  const auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("leave1out, influence and baujat --json print metafor's values by study", "[cli][sensitivity]") {
  const std::string data = case_csv("bcg_RR");
  const auto l = run_json({"leave1out", "--data", data, "--measure", "GEN", "--json"});
  const auto est = golden("bcg_RR", "REML", "leave1out", "estimate");
  REQUIRE(l["rows"].size() == 13);
  CHECK(l["rows"][0]["study"] == "Aronson 1948");
  for (std::size_t i = 0; i < 13; ++i) CHECK(close_to_r(l["rows"][i]["estimate"].get<double>(), est[i]));

  const auto inf = run_json({"influence", "--data", data, "--measure", "GEN", "--method", "DL", "--json"});
  const auto cook = golden("bcg_RR", "DL", "influence", "cook.d");
  for (std::size_t i = 0; i < 13; ++i) CHECK(close_to_r(inf["rows"][i]["cook_d"].get<double>(), cook[i]));

  const auto b = run_json({"baujat", "--data", data, "--measure", "GEN", "--method", "FE", "--json"});
  const auto x = golden("bcg_RR", "FE", "baujat", "x"), y = golden("bcg_RR", "FE", "baujat", "y");
  for (std::size_t i = 0; i < 13; ++i) {
    CHECK(close_to_r(b["rows"][i]["x"].get<double>(), x[i]));
    CHECK(close_to_r(b["rows"][i]["y"].get<double>(), y[i]));
  }
}

TEST_CASE("cumul --order year adds the trials oldest first, as cumul(res, order = year)", "[cli][sensitivity]") {
  const auto c = run_json({"cumul", "--data", case_csv("bcg_RR"), "--measure", "GEN", "--order", "year", "--json"});
  const auto order = golden("bcg_RR", "REML", "cumul", "order");
  const auto est = golden("bcg_RR", "REML", "cumul", "estimate");
  const auto tau2 = golden("bcg_RR", "REML", "cumul", "tau2");
  REQUIRE(c["rows"].size() == 13);
  CHECK(c["rows"][0]["study"] == "Aronson 1948");
  CHECK(c["rows"][1]["study"] == "Ferguson & Simes 1949");
  CHECK(c["rows"][12]["study"] == "TPT Madras 1980");
  CHECK(order[12] == 8);
  for (std::size_t i = 0; i < 13; ++i) {
    CHECK(close_to_r(c["rows"][i]["estimate"].get<double>(), est[i]));
    CHECK(close_to_r(c["rows"][i]["tau2"].get<double>(), tau2[i]));
  }
}

TEST_CASE("gosh --json summarises every subset, and --table holds metafor's rows", "[cli][sensitivity]") {
  const auto table = (temp().path / "gosh.csv").string();
  const auto g = run_json(
      {"gosh", "--data", case_csv("normand_SMD"), "--measure", "GEN", "--method", "FE", "--table", table, "--json"});
  CHECK(g["fits"] == 511);
  CHECK(g["exhaustive"] == true);
  // Oracle: the same statistics over gosh.csv's FE rows for normand_SMD.
  const GoldenCsv golden_rows("tests/golden/methods/gosh.csv");
  std::vector<double> est;
  std::vector<std::string> incl;
  for (std::size_t r = 0; r < golden_rows.size(); ++r)
    if (golden_rows.str(r, "case") == "normand_SMD" && golden_rows.str(r, "method") == "FE") {
      est.push_back(golden_rows.num(r, "estimate"));
      incl.push_back(golden_rows.str(r, "incl"));
    }
  REQUIRE(est.size() == 511);
  CHECK(close_to_r(g["estimate"]["min"].get<double>(), *std::min_element(est.begin(), est.end())));
  CHECK(close_to_r(g["estimate"]["max"].get<double>(), *std::max_element(est.begin(), est.end())));
  // The table lists the subsets in metafor's order: row r of ours is row r of gosh.csv.
  std::ifstream in(table);
  std::string line;
  std::getline(in, line);
  CHECK(line.rfind("Edinburgh,Orpington-Mild,", 0) == 0);  // a 0/1 column per study, named by its label
  CHECK(line.substr(line.size() - 21) == "estimate,tau2,I2,Q,H2");
  for (std::size_t r = 0; r < 511 && std::getline(in, line); ++r) {
    std::uint64_t mask = 0;
    for (std::size_t j = 0; j < 9; ++j) mask |= static_cast<std::uint64_t>(line[2 * j] == '1') << j;
    CHECK(std::to_string(mask) == incl[r]);
    CHECK(close_to_r(std::stod(line.substr(18, line.find(',', 18) - 18)), est[r]));
  }
}

TEST_CASE("sensitivity commands: bad input is an error with exit 1 and nothing written", "[cli][sensitivity]") {
  const auto two = run_cli({"influence", "--data", case_csv("bcg_RR", 2), "--measure", "GEN"});
  CHECK(two.status == 1);
  CHECK(two.out.empty());
  CHECK(two.err == "metareview influence: error: influence: k = 2; at least 3 studies are needed\n");
  CHECK(run_cli({"baujat", "--data", case_csv("bcg_RR", 2), "--measure", "GEN"}).err ==
        "metareview baujat: error: baujat: k = 2; at least 3 studies are needed\n");
  CHECK(run_cli({"gosh", "--data", case_csv("bcg_RR", 2), "--measure", "GEN"}).err ==
        "metareview gosh: error: gosh: k = 2; at least 3 studies are needed\n");
  std::string many = "study,yi,vi\n";
  for (int i = 0; i < 21; ++i) {
    // appended piece by piece, not "s" + temporary: GCC 12 warns falsely (-Wrestrict)
    many += 's';
    many += std::to_string(i);
    many += ',';
    many += std::to_string(0.01 * i);
    many += ",0.1\n";
  }
  const auto many_csv = (temp().path / "k21.csv").string();
  std::ofstream(many_csv) << many;
  const auto table = (temp().path / "never.csv").string();
  const auto k21 = run_cli({"gosh", "--data", many_csv, "--measure", "GEN", "--table", table});
  CHECK(k21.status == 1);
  CHECK(k21.err ==
        "metareview gosh: error: gosh: k = 21 studies have 2^21 - 1 subsets, too many to fit them all (the limit "
        "is k = 20); fit a random sample of subsets instead (--subsets N --seed S)\n");
  CHECK_FALSE(std::filesystem::exists(table));
  const auto sampled = run_cli({"gosh", "--data", many_csv, "--measure", "GEN", "--subsets", "300", "--seed", "7",
                                "--json"});
  CHECK(sampled.status == 0);
  CHECK(nlohmann::json::parse(sampled.out)["subsets"] == 300);
  const auto order = run_cli({"cumul", "--data", case_csv("bcg_RR"), "--measure", "GEN", "--order", "size"});
  CHECK(order.status == 1);
  CHECK(order.out.empty());
  CHECK(order.err == "metareview cumul: error: cumul: unknown --order 'size'; valid: given, year, precision\n");
}
