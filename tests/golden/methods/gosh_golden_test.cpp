// GOSH against R's metafor 3.8-1: tests/golden/methods/gosh.csv, made by make_goldens.R here:
//   res <- rma(yi, vi, data = d, method = m, control = list(threshold = 1e-12, tol = 1e-12, maxiter = 10000))
//   g <- gosh(res); g$incl, g$res
// every subset's QE, I2, H2, tau2 and estimate, for every estimator on normand_SMD (k = 9)
// and FE, DL and REML on bcg_RR (k = 13).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "methods/gosh.h"
#include "../../support/golden_check.h"
#include "../../support/golden_csv.h"
#include "methods_cases.h"

namespace {

using metareview::test::GoldenChecker;
using metareview::test::GoldenCsv;
namespace model = metareview::model;
namespace effect = metareview::effect;
namespace methods = metareview::methods;

}  // namespace

TEST_CASE("gosh rows match metafor's gosh() for every estimator", "[methods][gosh][golden]") {
  const auto cases = metareview::test::read_methods_cases();
  const GoldenCsv csv("tests/golden/methods/gosh.csv");
  // (case, method) -> row numbers of the golden file
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> runs;
  for (std::size_t r = 0; r < csv.size(); ++r) runs[{csv.str(r, "case"), csv.str(r, "method")}].push_back(r);
  REQUIRE(runs.size() == 9 + 3);
  int compared = 0;
  for (const auto& [key, golden_rows] : runs) {
    const effect::EffectTable& es = cases.at(key.first);
    const methods::Gosh g = methods::gosh(es, metareview::test::golden_spec(key.second, "z"));
    REQUIRE(g.fits.size() == golden_rows.size());
    std::vector<std::size_t> where(g.fits.size() + 1);
    for (std::size_t r = 0; r < g.incl.size(); ++r) where[g.incl[r]] = r;
    GoldenChecker check{key.first + " " + key.second};
    for (const std::size_t gr : golden_rows) {
      const auto incl = static_cast<std::uint64_t>(csv.num(gr, "incl"));
      const methods::GoshFit& f = g.fits.at(where.at(incl));
      REQUIRE(f.ok);
      const std::string at = "[incl " + std::to_string(incl) + "]";
      check.value("QE" + at, f.Q, csv.num(gr, "QE"));
      check.value("I2" + at, f.I2, csv.num(gr, "I2"));
      check.value("H2" + at, f.H2, csv.num(gr, "H2"));
      check.value("tau2" + at, f.tau2, csv.num(gr, "tau2"));
      check.value("estimate" + at, f.estimate, csv.num(gr, "estimate"));
    }
    compared += check.compared;
  }
  CHECK(compared == 5 * (9 * 511 + 3 * 8191));
}
