// escalc(), the HR helpers and the back-transformations against metafor 3.8-1: the values
// in this folder's CSV files were written by make_golden.R (rerun it to regenerate them).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "effect/escalc.h"
#include "effect/hazard.h"
#include "effect/transform.h"
#include "stats/tests.h"
#include "../../support/golden_csv.h"
#include "../../support/tolerance.h"

namespace effect = metareview::effect;
namespace core = metareview::core;
using metareview::test::GoldenCsv;
using metareview::test::kRAbsoluteFloor;
using metareview::test::kRRelative;

namespace {

Approx near_r(double r_value) { return Approx(r_value).epsilon(kRRelative).margin(kRAbsoluteFloor); }

effect::StudyInput input_row(const GoldenCsv& g, std::size_t i) {
  effect::StudyInput s;
  s.study = g.str(i, "study");
  s.ai = g.num(i, "ai");
  s.n1i = g.num(i, "n1i");
  s.ci = g.num(i, "ci");
  s.n2i = g.num(i, "n2i");
  s.xi = g.num(i, "xi");
  s.ni = g.num(i, "ni");
  s.m1i = g.num(i, "m1i");
  s.sd1i = g.num(i, "sd1i");
  s.m2i = g.num(i, "m2i");
  s.sd2i = g.num(i, "sd2i");
  s.yi = g.num(i, "gen_yi");
  s.vi = g.num(i, "gen_vi");
  return s;
}

effect::EffectOptions options_row(const GoldenCsv& g, std::size_t i) {
  effect::EffectOptions o;
  o.add = g.num(i, "add");
  o.to = effect::parse_correction_to(g.str(i, "to")).value();
  o.drop00 = g.flag(i, "drop00");
  o.vtype = g.str(i, "vtype");
  o.add_given = g.flag(i, "add_given");
  return o;
}

}  // namespace

TEST_CASE("escalc reproduces metafor for every measure, correction and drop00 variant", "[effect][reference]") {
  const GoldenCsv g("tests/golden/escalc/escalc_cases.csv");
  // Rows of one case are consecutive; run escalc() once per case.
  std::size_t cases = 0, compared = 0, not_included = 0;
  for (std::size_t begin = 0; begin < g.size();) {
    std::size_t end = begin;
    std::vector<effect::StudyInput> rows;
    while (end < g.size() && g.str(end, "case") == g.str(begin, "case")) rows.push_back(input_row(g, end++));
    const std::string name = g.str(begin, "case");
    const auto measure = core::parse_measure(g.str(begin, "measure")).value();
    const effect::EffectTable t = effect::escalc(measure, rows, options_row(g, begin));
    REQUIRE(t.k() == rows.size());
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const std::size_t r = begin + j;
      INFO("case " << name << ", study " << rows[j].study << ", note: " << t.note[j]);
      const double yi = g.num(r, "yi"), vi = g.num(r, "vi");
      if (std::isnan(yi) || std::isnan(vi)) {
        // metafor's NA: the row is kept but not included, with the reason in its note.
        CHECK_FALSE(t.included[j]);
        CHECK(std::isnan(t.yi[j]));
        CHECK(std::isnan(t.vi[j]));
        CHECK_FALSE(t.note[j].empty());
        ++not_included;
      } else {
        CHECK(t.included[j]);
        CHECK(t.yi[j] == near_r(yi));
        CHECK(t.vi[j] == near_r(vi));
        ++compared;
      }
      const double ni = g.num(r, "ni_attr");
      if (std::isnan(ni))
        CHECK(std::isnan(t.ni[j]));
      else
        CHECK(t.ni[j] == ni);
    }
    ++cases;
    begin = end;
  }
  // The file's size as written by make_golden.R, so a truncated file cannot pass quietly.
  CHECK(cases == 123);
  CHECK(compared == 1051);
  CHECK(not_included == 193);
}

TEST_CASE("log HR and its variance from a CI at 90, 95, 95.4 and 99 percent match R", "[effect][reference]") {
  const GoldenCsv g("tests/golden/escalc/hr_ci.csv");
  REQUIRE(g.size() == 7);
  std::vector<effect::StudyInput> rows;
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "study"));
    const auto e = effect::hr_from_ci(g.num(i, "hr"), g.num(i, "ci_lb"), g.num(i, "ci_ub"), g.num(i, "level"));
    CHECK(e.yi == near_r(g.num(i, "yi")));
    CHECK(e.vi == near_r(g.num(i, "vi")));
    const auto w = metareview::stats::wald_test_ratio_ci(g.num(i, "hr"), g.num(i, "ci_lb"), g.num(i, "ci_ub"),
                                                         g.num(i, "level"));
    CHECK(w.statistic == near_r(g.num(i, "z")));
    CHECK(w.p == near_r(g.num(i, "p")));
    effect::StudyInput s;
    s.study = g.str(i, "study");
    s.hr = g.num(i, "hr");
    s.hr_ci_lb = g.num(i, "ci_lb");
    s.hr_ci_ub = g.num(i, "ci_ub");
    s.hr_level = g.num(i, "level");
    rows.push_back(s);
  }
  const effect::EffectTable t = effect::escalc(core::Measure::HR, rows);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "study"));
    CHECK(t.included[i]);
    CHECK(t.yi[i] == near_r(g.num(i, "yi")));
    CHECK(t.vi[i] == near_r(g.num(i, "vi")));
  }
}

TEST_CASE("log HR from log-rank O - E and V, chi2 or p with events match R (Tierney 2007)", "[effect][reference]") {
  const GoldenCsv g("tests/golden/escalc/hr_logrank.csv");
  REQUIRE(g.size() == 6);
  for (std::size_t i = 0; i < g.size(); ++i) {
    INFO(g.str(i, "case"));
    effect::LogRank lr{g.num(i, "o_minus_e"), g.num(i, "v")};
    const auto direction = g.num(i, "direction") < 0 ? effect::Direction::HrBelow1 : effect::Direction::HrAbove1;
    if (!std::isnan(g.num(i, "chi2")))
      lr = effect::logrank_from_chi2(g.num(i, "chi2"), g.num(i, "events"), direction, g.num(i, "ratio"));
    else if (!std::isnan(g.num(i, "p")))
      lr = effect::logrank_from_p(g.num(i, "p"), g.num(i, "events"), direction, g.num(i, "ratio"));
    CHECK(lr.o_minus_e == near_r(g.num(i, "o_minus_e")));
    CHECK(lr.v == near_r(g.num(i, "v")));
    const auto e = effect::hr_from_logrank(lr.o_minus_e, lr.v);
    CHECK(e.yi == near_r(g.num(i, "yi")));
    CHECK(e.vi == near_r(g.num(i, "vi")));
  }
}

TEST_CASE("back-transformations match metafor's transf functions, clamping included", "[effect][reference]") {
  const GoldenCsv g("tests/golden/escalc/transf.csv");
  const GoldenCsv ni_file("tests/golden/escalc/transf_pritz_ni.csv");
  std::vector<double> pritz_ni;
  for (std::size_t i = 0; i < ni_file.size(); ++i) pritz_ni.push_back(ni_file.num(i, "ni"));
  REQUIRE(pritz_ni.size() == 14);
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::string fn = g.str(i, "fn");
    const double x = g.num(i, "x"), expected = g.num(i, "value");
    INFO(fn << "(" << g.str(i, "x") << ")");
    double got = 0;
    if (fn == "exp") got = effect::back_transform(core::Measure::OR, x, {});
    else if (fn == "ilogit") got = effect::back_transform(core::Measure::PLO, x, {});
    else if (fn == "iarcsin") got = effect::back_transform(core::Measure::PAS, x, {});
    else if (fn == "ipft") got = effect::transf_ipft(x, g.num(i, "ni"));
    else if (fn == "ipft.hm") got = effect::back_transform(core::Measure::PFT, x, pritz_ni);
    else FAIL("unknown fn " << fn);
    CHECK(got == near_r(expected));
    ++seen[fn];
  }
  CHECK(seen["exp"] == 13);
  CHECK(seen["ilogit"] == 19);
  CHECK(seen["iarcsin"] == 20);
  CHECK(seen["ipft"] == 14);
  CHECK(seen["ipft.hm"] == 26);
}
