// escalc() edge cases with hand calculations, and its error messages verbatim.
#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "core/error.h"
#include "effect/continuous.h"
#include "effect/escalc.h"
#include "../../support/tolerance.h"

namespace effect = metareview::effect;
using metareview::core::Measure;
using metareview::test::kHandRelative;

namespace {

Approx hand(double x) { return Approx(x).epsilon(kHandRelative).margin(1e-15); }

effect::StudyInput two_by_two(const char* study, double ai, double n1i, double ci, double n2i) {
  effect::StudyInput s;
  s.study = study;
  s.ai = ai;
  s.n1i = n1i;
  s.ci = ci;
  s.n2i = n2i;
  return s;
}

effect::StudyInput proportion(const char* study, double xi, double ni) {
  effect::StudyInput s;
  s.study = study;
  s.xi = xi;
  s.ni = ni;
  return s;
}

effect::StudyInput means(const char* study, double m1i, double sd1i, double n1i, double m2i, double sd2i,
                         double n2i) {
  effect::StudyInput s;
  s.study = study;
  s.m1i = m1i;
  s.sd1i = sd1i;
  s.n1i = n1i;
  s.m2i = m2i;
  s.sd2i = sd2i;
  s.n2i = n2i;
  return s;
}

effect::EffectOptions with_to(effect::CorrectionTo to, bool drop00 = false) {
  effect::EffectOptions o;
  o.to = to;
  o.drop00 = drop00;
  return o;
}

}  // namespace

TEST_CASE("a zero cell gets 1/2 in every cell of its table only (to = only0)", "[effect]") {
  const auto t = effect::escalc(Measure::OR, {two_by_two("zero", 0, 10, 3, 20), two_by_two("full", 2, 10, 3, 20)});
  // Corrected cells 0.5, 10.5 | 3.5, 17.5:
  // log OR = log(0.5 / 10.5) - log(3.5 / 17.5) = log(1/21) - log(1/5) = log(5/21);
  // var = 1/0.5 + 1/10.5 + 1/3.5 + 1/17.5.
  CHECK(t.included[0]);
  CHECK(t.corrected[0]);
  CHECK(t.yi[0] == hand(std::log(5.0 / 21.0)));
  CHECK(t.vi[0] == hand(2 + 1 / 10.5 + 1 / 3.5 + 1 / 17.5));
  CHECK(t.note[0] == "continuity correction: added 0.5 to every cell (to = \"only0\")");
  // The second table has no zero: log OR = log(2/8) - log(3/17), var = 1/2 + 1/8 + 1/3 + 1/17.
  CHECK_FALSE(t.corrected[1]);
  CHECK(t.note[1].empty());
  CHECK(t.yi[1] == hand(std::log(2.0 / 8.0) - std::log(3.0 / 17.0)));
  CHECK(t.vi[1] == hand(0.5 + 0.125 + 1.0 / 3.0 + 1.0 / 17.0));
  CHECK(t.ni[0] == 30);
}

TEST_CASE("a double-zero study is kept by default and dropped with drop00", "[effect]") {
  const std::vector<effect::StudyInput> rows{two_by_two("double zero", 0, 10, 0, 12), two_by_two("other", 3, 10, 5, 10)};
  // Kept (metafor's drop00 = FALSE): cells 0.5, 10.5 | 0.5, 12.5, so
  // log OR = log(0.5/10.5) - log(0.5/12.5) = log(12.5/10.5) = log(25/21), var = 2 + 1/10.5 + 2 + 1/12.5;
  // log RR = log(0.5/11) - log(0.5/13) = log(13/11), var = 2 - 1/11 + 2 - 1/13;
  // RD = 0.5/11 - 0.5/13 = 1/143, var = (1/22)(21/22)/11 + (1/26)(25/26)/13.
  const auto or_kept = effect::escalc(Measure::OR, rows);
  CHECK(or_kept.included[0]);
  CHECK(or_kept.yi[0] == hand(std::log(25.0 / 21.0)));
  CHECK(or_kept.vi[0] == hand(4 + 1 / 10.5 + 1 / 12.5));
  const auto rr_kept = effect::escalc(Measure::RR, rows);
  CHECK(rr_kept.yi[0] == hand(std::log(13.0 / 11.0)));
  CHECK(rr_kept.vi[0] == hand(4 - 1.0 / 11 - 1.0 / 13));
  const auto rd_kept = effect::escalc(Measure::RD, rows);
  CHECK(rd_kept.yi[0] == hand(1.0 / 143));
  CHECK(rd_kept.vi[0] == hand((1.0 / 22) * (21.0 / 22) / 11 + (1.0 / 26) * (25.0 / 26) / 13));

  for (Measure m : {Measure::OR, Measure::RR, Measure::RD}) {
    const auto t = effect::escalc(m, rows, with_to(effect::CorrectionTo::Only0, true));
    CHECK_FALSE(t.included[0]);
    CHECK(std::isnan(t.yi[0]));
    CHECK(std::isnan(t.vi[0]));
    CHECK(t.note[0] == "dropped: no events in either group (drop00)");
    CHECK(t.ni[0] == 22);  // metafor keeps the sample size of a dropped study
    CHECK(t.included[1]);
  }
  const auto all_events = effect::escalc(Measure::OR, {two_by_two("all", 5, 5, 8, 8)},
                                         with_to(effect::CorrectionTo::Only0, true));
  CHECK(all_events.note[0] == "dropped: every participant had the event in both groups (drop00)");
}

TEST_CASE("without a correction metafor gives NA for log ratios with a zero cell, 0 for RD", "[effect]") {
  const auto none = with_to(effect::CorrectionTo::None);
  const std::vector<effect::StudyInput> rows{two_by_two("double zero", 0, 10, 0, 12), two_by_two("one zero", 0, 20, 3, 20)};
  for (Measure m : {Measure::OR, Measure::RR}) {
    const auto t = effect::escalc(m, rows, none);
    for (std::size_t i = 0; i < 2; ++i) {
      CHECK_FALSE(t.included[i]);
      CHECK(t.note[i] == "not estimable: zero cell without continuity correction (metafor gives NA)");
    }
  }
  // RD of a double zero is 0 - 0 = 0 with variance 0: metafor keeps it, so do we, and say so.
  const auto rd = effect::escalc(Measure::RD, rows, none);
  CHECK(rd.included[0]);
  CHECK(rd.yi[0] == 0);
  CHECK(rd.vi[0] == 0);
  CHECK(rd.note[0] == "vi = 0: the sampling variance is zero (metafor keeps the row)");
  // One zero: RD = 0 - 3/20, var = 0 + 0.15 * 0.85 / 20.
  CHECK(rd.yi[1] == hand(-0.15));
  CHECK(rd.vi[1] == hand(0.15 * 0.85 / 20));
}

TEST_CASE("if0all corrects every study once one computed study has a zero cell", "[effect]") {
  const std::vector<effect::StudyInput> rows{two_by_two("zero", 0, 10, 2, 10), two_by_two("full", 2, 10, 3, 10)};
  const auto t = effect::escalc(Measure::OR, rows, with_to(effect::CorrectionTo::If0All));
  CHECK(t.corrected[1]);
  // 2.5, 8.5 | 3.5, 7.5: log OR = log(2.5/8.5) - log(3.5/7.5).
  CHECK(t.yi[1] == hand(std::log(2.5 / 8.5) - std::log(3.5 / 7.5)));
  CHECK(t.note[1] == "continuity correction: added 0.5 to every cell (to = \"if0all\")");
  // When the only zero-cell study is a double zero dropped by drop00, nothing is added.
  const auto dropped = effect::escalc(Measure::OR, {two_by_two("00", 0, 10, 0, 10), rows[1]},
                                      with_to(effect::CorrectionTo::If0All, true));
  CHECK_FALSE(dropped.corrected[1]);
  CHECK(dropped.yi[1] == hand(std::log(2.0 / 8.0) - std::log(3.0 / 7.0)));
}

TEST_CASE("proportions at xi = 0 and xi = ni", "[effect]") {
  const std::vector<effect::StudyInput> rows{proportion("none", 0, 10), proportion("all", 10, 10)};
  // PR, only0: 0.5 of 11 -> yi = 1/22, vi = (1/22)(21/22)/11; 10.5 of 11 -> 21/22, same vi.
  const auto pr = effect::escalc(Measure::PR, rows);
  CHECK(pr.corrected[0]);
  CHECK(pr.yi[0] == hand(1.0 / 22));
  CHECK(pr.vi[0] == hand((1.0 / 22) * (21.0 / 22) / 11));
  CHECK(pr.yi[1] == hand(21.0 / 22));
  // PLO, only0: logit(21/22) = log(21), vi = 1/10.5 + 1/0.5.
  const auto plo = effect::escalc(Measure::PLO, rows);
  CHECK(plo.yi[1] == hand(std::log(21.0)));
  CHECK(plo.vi[1] == hand(1 / 10.5 + 2));
  // PFT and PAS: metafor adds nothing unless add is given. PFT(0 of 10) = asin(sqrt(1/11)) / 2,
  // PFT(10 of 10) = (asin(sqrt(10/11)) + pi/2) / 2, vi = 1/42; PAS(10 of 10) = pi/2, vi = 1/40.
  const auto pft = effect::escalc(Measure::PFT, rows);
  CHECK_FALSE(pft.corrected[0]);
  CHECK(pft.note[0].empty());
  CHECK(pft.yi[0] == hand(0.5 * std::asin(std::sqrt(1.0 / 11))));
  CHECK(pft.yi[1] == hand(0.5 * (std::asin(std::sqrt(10.0 / 11)) + std::numbers::pi / 2)));
  CHECK(pft.vi[1] == hand(1.0 / 42));
  const auto pas = effect::escalc(Measure::PAS, rows);
  CHECK(pas.yi[1] == hand(std::numbers::pi / 2));
  CHECK(pas.vi[1] == hand(1.0 / 40));
  // With add given, PAS(0 of 10) -> asin(sqrt(0.5/11)), vi = 1/44.
  effect::EffectOptions given;
  given.add_given = true;
  const auto pas_add = effect::escalc(Measure::PAS, rows, given);
  CHECK(pas_add.corrected[0]);
  CHECK(pas_add.yi[0] == hand(std::asin(std::sqrt(0.5 / 11))));
  CHECK(pas_add.vi[0] == hand(1.0 / 44));
  // No correction: PR keeps 0 with vi = 0, PLO has log(0) and becomes NA.
  const auto none = with_to(effect::CorrectionTo::None);
  const auto pr_none = effect::escalc(Measure::PR, rows, none);
  CHECK(pr_none.included[0]);
  CHECK(pr_none.vi[0] == 0);
  const auto plo_none = effect::escalc(Measure::PLO, rows, none);
  CHECK_FALSE(plo_none.included[0]);
  CHECK(plo_none.note[0] == "not estimable: xi = 0 or xi = ni without continuity correction (metafor gives NA)");
}

TEST_CASE("Hedges' g with the exact gamma-function correction", "[effect]") {
  // m = 2: c(2) = Gamma(1) / (sqrt(1) Gamma(1/2)) = 1/sqrt(pi). m = 4: Gamma(2)/(sqrt(2) Gamma(3/2)) = 2/sqrt(2 pi).
  CHECK(effect::hedges_correction(2) == hand(1 / std::sqrt(std::numbers::pi)));
  CHECK(effect::hedges_correction(4) == hand(2 / std::sqrt(2 * std::numbers::pi)));
  CHECK(std::isnan(effect::hedges_correction(1)));
  // 3 +- 1 (2) vs 2 +- 1 (2): pooled SD 1, d = 1, g = 1/sqrt(pi), vi = 1/2 + 1/2 + g^2 / (2 * 4).
  const auto t = effect::escalc(Measure::SMD, {means("tiny", 3, 1, 2, 2, 1, 2)});
  CHECK(t.yi[0] == hand(1 / std::sqrt(std::numbers::pi)));
  CHECK(t.vi[0] == hand(1 + 1 / (8 * std::numbers::pi)));
}

TEST_CASE("SD = 0 and n = 1 follow metafor: NA rows with the reason, or vi = 0 kept", "[effect]") {
  const std::vector<effect::StudyInput> rows{means("sd0", 6, 0, 5, 5, 0, 5), means("n1", 3, 1, 1, 2, 1, 1),
                                             means("n3", 3, 1, 2, 2, 1, 1)};
  const auto smd = effect::escalc(Measure::SMD, rows);
  CHECK(smd.note[0] == "not estimable: the pooled SD is 0 (metafor gives NA)");
  CHECK(smd.note[1] == "not estimable: Hedges' correction needs n1i + n2i - 2 > 1 (metafor gives NA)");
  CHECK(smd.note[2] == "not estimable: Hedges' correction needs n1i + n2i - 2 > 1 (metafor gives NA)");
  for (std::size_t i = 0; i < 3; ++i) CHECK_FALSE(smd.included[i]);
  // MD: 6 - 5 = 1 with vi = 0/5 + 0/5 = 0 (kept); n = 1 per arm: vi = 1/1 + 1/1 = 2.
  const auto md = effect::escalc(Measure::MD, rows);
  CHECK(md.included[0]);
  CHECK(md.yi[0] == 1);
  CHECK(md.vi[0] == 0);
  CHECK(md.yi[1] == 1);
  CHECK(md.vi[1] == 2);
}

TEST_CASE("missing arm data leaves the row out with the missing fields named", "[effect]") {
  effect::StudyInput partial = two_by_two("partial", 3, 10, 0, 0);
  partial.ci = effect::StudyInput::kNaN;
  partial.n2i = effect::StudyInput::kNaN;
  const auto t = effect::escalc(Measure::OR, {partial});
  CHECK_FALSE(t.included[0]);
  CHECK(t.note[0] == "not computed: ci, n2i missing");
  const auto hr = effect::escalc(Measure::HR, {effect::StudyInput{}});
  CHECK(hr.note[0] == "not computed: hr, hr_ci_lb, hr_ci_ub (or o_minus_e, v) missing");
}

TEST_CASE("values no formula accepts throw metareview::Error naming the study", "[effect]") {
  using Catch::Matchers::Message;
  effect::StudyInput bad = two_by_two("Aronson", 5, 4, 1, 10);
  bad.where = {"studies/bcg.xml", 12, 3};
  CHECK_THROWS_MATCHES(effect::escalc(Measure::OR, {bad}), metareview::Error,
                       Message("escalc(OR): study \"Aronson\" (studies/bcg.xml:12:3): ai (5) exceeds n1i (4)"));
  CHECK_THROWS_MATCHES(effect::escalc(Measure::RR, {two_by_two("neg", -1, 4, 1, 10)}), metareview::Error,
                       Message("escalc(RR): study \"neg\": ai must be >= 0, got -1"));
  CHECK_THROWS_MATCHES(effect::escalc(Measure::RD, {two_by_two("empty", 0, 0, 1, 10)}), metareview::Error,
                       Message("escalc(RD): study \"empty\": n1i must be > 0, got 0"));
  CHECK_THROWS_MATCHES(effect::escalc(Measure::PR, {proportion("over", 11, 10)}), metareview::Error,
                       Message("escalc(PR): study \"over\": xi (11) exceeds ni (10)"));
  CHECK_THROWS_MATCHES(effect::escalc(Measure::SMD, {means("sd", 1, -0.5, 10, 2, 1, 10)}), metareview::Error,
                       Message("escalc(SMD): study \"sd\": sd1i must be >= 0, got -0.5"));
  effect::StudyInput hr;
  hr.study = "reversed";
  hr.hr = 0.7;
  hr.hr_ci_lb = 0.9;
  hr.hr_ci_ub = 0.5;
  CHECK_THROWS_MATCHES(effect::escalc(Measure::HR, {hr}), metareview::Error,
                       Message("escalc(HR): study \"reversed\": log_se_from_ci(ci_lb, ci_ub, level): ci_ub must "
                               "exceed ci_lb (0.9), got 0.5"));
  effect::StudyInput gen;
  gen.study = "g";
  gen.yi = 0.1;
  gen.vi = -0.01;
  CHECK_THROWS_MATCHES(effect::escalc(Measure::GEN, {gen}), metareview::Error,
                       Message("escalc(GEN): study \"g\": vi must be >= 0, got -0.01"));
}

TEST_CASE("options outside metafor's are rejected with the valid codes listed", "[effect]") {
  using Catch::Matchers::Message;
  effect::EffectOptions o;
  o.vtype = "HO";
  CHECK_THROWS_MATCHES(effect::escalc(Measure::SMD, {means("s", 1, 1, 10, 2, 1, 10)}, o), metareview::Error,
                       Message("escalc(SMD): vtype must be one of LS, UB, LS2, AV, got \"HO\""));
  // A measure with one variance formula ignores a known vtype, as metafor does.
  CHECK(effect::escalc(Measure::OR, {two_by_two("x", 1, 10, 2, 10)}, o).included[0]);
  o.vtype = "XX";
  CHECK_THROWS_MATCHES(effect::escalc(Measure::OR, {two_by_two("x", 1, 10, 2, 10)}, o), metareview::Error,
                       Message("escalc(vtype): unknown vtype \"XX\" (metafor's codes: UB, LS, LS2, HO, ST, CS, AV, AVHO)"));
  effect::EffectOptions negative;
  negative.add = -0.5;
  CHECK_THROWS_MATCHES(effect::escalc(Measure::OR, {two_by_two("x", 1, 10, 2, 10)}, negative), metareview::Error,
                       Message("escalc(add): add must be finite and >= 0, got -0.5"));
  CHECK(effect::parse_correction_to("if0all") == effect::CorrectionTo::If0All);
  CHECK_FALSE(effect::parse_correction_to("Only0").has_value());
  CHECK(effect::to_string(effect::CorrectionTo::Only0) == "only0");
}

TEST_CASE("a row that gives yi and vi enters any measure's table as given (a generic outcome)", "[effect]") {
  // A 2x2 row with a zero cell, a generic row (log OR -0.5, SE 0.25) and one that gives neither.
  effect::StudyInput generic;
  generic.study = "G";
  generic.yi = -0.5;
  generic.vi = 0.0625;
  effect::StudyInput empty;
  empty.study = "E";
  const auto t = effect::escalc(Measure::OR, {two_by_two("A", 0, 10, 3, 10), generic, empty});
  // A: log((0.5/10.5)/(3.5/7.5)) with 1/2 added to each cell; 1/0.5 + 1/10.5 + 1/3.5 + 1/7.5.
  CHECK(t.yi[0] == hand(std::log((0.5 / 10.5) / (3.5 / 7.5))));
  CHECK(t.vi[0] == hand(1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5));
  CHECK(t.corrected[0]);
  CHECK(t.yi[1] == -0.5);
  CHECK(t.vi[1] == 0.0625);
  CHECK(t.included[1]);
  CHECK_FALSE(t.corrected[1]);
  CHECK(t.note[1].empty());
  CHECK_FALSE(t.included[2]);
  CHECK(t.note[2] == "not computed: ai, n1i, ci, n2i missing");
  // A negative variance names the analysis' measure.
  generic.vi = -1;
  CHECK_THROWS_WITH(effect::escalc(Measure::HR, {generic}),
                    "escalc(HR): study \"G\": vi must be >= 0, got -1");
}
