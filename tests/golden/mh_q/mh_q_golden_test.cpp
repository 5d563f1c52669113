// RevMan 5's random-effects model after Mantel-Haenszel pooling (model/mh_q.h) against R meta
// 7.0's metabin(method = "MH", method.tau = "DL", Q.Cochrane = TRUE), and the inverse-variance
// DerSimonian-Laird fit against the same call with Q.Cochrane = FALSE (make_golden.R wrote mh_q.csv).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "../../support/golden_csv.h"
#include "effect/escalc.h"
#include "model/fit.h"
#include "model/mh_q.h"
#include "model/spec.h"

namespace {
using metareview::test::GoldenCsv;
namespace effect = metareview::effect;
namespace model = metareview::model;
using metareview::core::Measure;

struct Counts {
  std::vector<double> a, n1, c, n2;
};

// The tables make_golden.R pools: Fleiss1993.rm5's aspirin trials and metadat's dat.bcg.
const std::map<std::string, Counts>& cases() {
  static const std::map<std::string, Counts> c = {
      {"fleiss1993",
       {{49, 44, 102, 32, 85, 246, 1570},
        {615, 758, 832, 317, 810, 2267, 8587},
        {67, 64, 126, 38, 52, 219, 1720},
        {624, 771, 850, 309, 406, 2257, 8600}}},
      {"bcg",
       {{4, 6, 3, 62, 33, 180, 8, 505, 29, 17, 186, 5, 27},
        {123, 306, 231, 13598, 5069, 1541, 2545, 88391, 7499, 1716, 50634, 2498, 16913},
        {11, 29, 11, 248, 47, 372, 10, 499, 45, 65, 141, 3, 29},
        {139, 303, 220, 12867, 5808, 1451, 629, 88391, 7277, 1665, 27338, 2341, 17854}}}};
  return c;
}

effect::EffectTable table(const std::string& name, Measure m) {
  const Counts& k = cases().at(name);
  std::vector<effect::StudyInput> in(k.a.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    in[i].study = name + " " + std::to_string(i + 1);
    in[i].ai = k.a[i], in[i].n1i = k.n1[i], in[i].ci = k.c[i], in[i].n2i = k.n2[i];
  }
  return effect::escalc(m, in, model::preset("revman5")->effect);
}

double value(const model::Fit& f, const std::string& q) {
  if (q == "Q") return f.Q;
  if (q == "pval.Q") return f.Q_p;
  if (q == "I2") return *f.I2 / 100;  // meta gives I2 as a fraction
  if (q == "tau2") return *f.tau2;
  if (q == "TE.random") return f.estimate();
  if (q == "seTE.random") return f.se.at(0);
  if (q == "lower.random") return f.ci_lb.at(0);
  if (q == "upper.random") return f.ci_ub.at(0);
  if (q.rfind("w.random.", 0) == 0) return f.weights.at(std::stoul(q.substr(9)) - 1);
  FAIL("unknown quantity " << q);
  return 0;
}

}  // namespace

TEST_CASE("MH random effects under revman5 equal R meta Q.Cochrane TRUE, DL by IV equals FALSE", "[mh_q][golden]") {
  const GoldenCsv g("tests/golden/mh_q/mh_q.csv");
  REQUIRE(g.size() == 86);
  model::ModelSpec random = model::preset("revman5")->model;
  REQUIRE(random.method == model::Method::DL);
  for (std::size_t r = 0; r < g.size(); ++r) {
    const std::string q = g.str(r, "quantity");
    if (q == "TE.common" || q == "seTE.common") continue;  // rma.mh, golden-tested in rma/
    const Measure m = *metareview::core::parse_measure(g.str(r, "measure"));
    const effect::EffectTable es = table(g.str(r, "case"), m);
    INFO(g.str(r, "case") << " " << g.str(r, "measure") << " " << q);
    const model::Fit revman = model::fit_random_mh_q(es, random);
    const model::Fit iv = model::fit(es, random);
    CHECK(value(revman, q) == Approx(g.num(r, "cochrane")).epsilon(1e-9).margin(1e-300));
    CHECK(value(iv, q) == Approx(g.num(r, "iv")).epsilon(1e-9).margin(1e-300));
  }
}

TEST_CASE("tau2_dl_mh_q is the tau2 of fit_random_mh_q, and 0 without two studies", "[mh_q]") {
  const effect::EffectTable es = table("bcg", Measure::RR);
  const model::ModelSpec random = model::preset("revman5")->model;
  // Ref: R meta 7.0, metabin(RR, MH, DL, Q.Cochrane = TRUE) on dat.bcg (mh_q.csv).
  CHECK(model::tau2_dl_mh_q(es) == *model::fit_random_mh_q(es, random).tau2);
  const effect::EffectTable one = es.subset({0});
  CHECK(model::tau2_dl_mh_q(one) == 0);
}
