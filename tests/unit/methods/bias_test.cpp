// Small-study tests (methods/regtest, methods/ranktest): error paths asserted verbatim and a
// hand-calculated rank test. Agreement with metafor is in tests/golden/bias/.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

#include "core/error.h"
#include "effect/effect_table.h"
#include "methods/fsn.h"
#include "methods/ranktest.h"
#include "methods/regtest.h"
#include "methods/trimfill.h"
#include "model/spec.h"

namespace {

namespace effect = metareview::effect;
namespace methods = metareview::methods;
using metareview::Error;

effect::EffectTable table(const std::vector<double>& yi, const std::vector<double>& vi, const std::vector<double>& ni) {
  effect::EffectTable t;
  for (std::size_t i = 0; i < yi.size(); ++i) {
    effect::StudyInput s;
    s.study = std::string(1, static_cast<char>('A' + i));
    t.input.push_back(s);
    t.included.push_back(true);
  }
  t.yi = yi;
  t.vi = vi;
  t.ni = ni;
  return t;
}

}  // namespace

TEST_CASE("regtest needs three studies", "[methods][bias]") {
  const auto es = table({0.1, 0.4}, {0.1, 0.2}, {100, 50});
  CHECK_THROWS_MATCHES(methods::regtest(es, {}), Error,
                       Catch::Message("regtest: k = 2; at least 3 studies are needed"));
  methods::RegtestOptions lm;
  lm.model = methods::RegtestModel::Lm;
  CHECK_THROWS_MATCHES(methods::regtest(es, {}, lm), Error,
                       Catch::Message("regtest: k = 2; at least 3 studies are needed"));
}

TEST_CASE("regtest on sample sizes names the study without one", "[methods][bias]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto es = table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {100, nan, 40});
  methods::RegtestOptions o;
  o.predictor = methods::RegtestPredictor::Ninv;
  CHECK_THROWS_MATCHES(methods::regtest(es, {}, o), Error,
                       Catch::Message("regtest: predictor ninv needs the sample size of every study, which 'B' "
                                      "does not have"));
  o.predictor = methods::RegtestPredictor::Sei;  // sei needs no sample sizes
  CHECK_NOTHROW(methods::regtest(es, {}, o));
}

TEST_CASE("regtest rejects a predictor that is the same for every study", "[methods][bias]") {
  const auto es = table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {60, 60, 60});
  methods::RegtestOptions o;
  o.predictor = methods::RegtestPredictor::Ni;
  CHECK_THROWS_MATCHES(methods::regtest(es, {}, o), Error,
                       Catch::Message("regtest: predictor ni is the same for every study; the slope cannot be "
                                      "estimated"));
}

TEST_CASE("regtest codes are metafor's", "[methods][bias]") {
  CHECK(methods::valid_regtest_models() == "rma, lm");
  CHECK(methods::valid_regtest_predictors() == "sei, vi, ni, ninv, sqrtni, sqrtninv");
  CHECK(methods::parse_regtest_predictor("sqrtninv") == methods::RegtestPredictor::Sqrtninv);
  CHECK_FALSE(methods::parse_regtest_model("glm").has_value());
}

TEST_CASE("ranktest of three concordant studies: tau 1, exact p 1/3", "[methods][bias]") {
  // Hand calculation: w = 1, 1/2, 1/3; theta = (0 + 1/2 + 1) / (11/6) = 9/11; vb = 6/11.
  // Standardised effects (-9/11)/sqrt(5/11) < (2/11)/sqrt(16/11) < (24/11)/sqrt(27/11): they
  // rise with vi, so all 3 pairs are concordant: tau = 1. Of the 3! = 6 orders one has 3
  // concordant pairs: P(T >= 3) = 1/6, two-sided p = 1/3.
  const methods::Ranktest r = methods::ranktest(table({0, 1, 3}, {1, 2, 3}, {}));
  CHECK(r.exact);
  CHECK(r.tau == Approx(1.0).epsilon(1e-12));
  CHECK(r.pval == Approx(1.0 / 3).epsilon(1e-12));
}

TEST_CASE("ranktest needs three studies", "[methods][bias]") {
  CHECK_THROWS_MATCHES(methods::ranktest(table({0.1, 0.4}, {0.1, 0.2}, {})), Error,
                       Catch::Message("ranktest: k = 2; at least 3 studies are needed"));
}

TEST_CASE("fsn: Orwin with a target or a mean of 0 is an error, not metafor's Inf", "[methods][bias]") {
  methods::FsnOptions o;
  o.type = methods::FsnType::Orwin;
  o.target = 0;
  const auto es = table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {});
  CHECK_THROWS_MATCHES(methods::fsn(es, o), Error,
                       Catch::Message("fsn: Orwin's fail-safe N is undefined for a target of 0"));
  o.target.reset();
  CHECK_THROWS_MATCHES(methods::fsn(table({0.1, -0.1}, {0.1, 0.2}, {}), o), Error,
                       Catch::Message("fsn: Orwin's fail-safe N is undefined when the mean effect is 0"));
  o.alpha = 0.5;
  CHECK_THROWS_MATCHES(methods::fsn(es, o), Error, Catch::Message("fsn: alpha = 0.5; it must be between 0 and 0.5"));
}

TEST_CASE("fsn: Rosenthal's N is 0 when the studies are not significant together", "[methods][bias]") {
  // Hand calculation: z_i = 0.1/1 and -0.05/1, z_avg = |0.05| / sqrt(2) = 0.0354 < 1.645, so
  // k (z_avg / z_alpha)^2 - k < 0 and N = max(0, ...) = 0; one-sided p = 1 - Phi(0.0354) = 0.4859.
  const methods::Fsn f = methods::fsn(table({0.1, -0.05}, {1, 1}, {}));
  CHECK(f.fsnum == 0);
  REQUIRE(f.pval.has_value());
  CHECK(*f.pval == Approx(0.48589).epsilon(1e-4));
}

TEST_CASE("trimfill needs three studies and an inverse-variance fit", "[methods][bias]") {
  CHECK_THROWS_MATCHES(methods::trimfill(table({0.1, 0.4}, {0.1, 0.2}, {}), {}), Error,
                       Catch::Message("trimfill: k = 2; at least 3 studies are needed"));
  metareview::model::ModelSpec mh;
  mh.method = metareview::model::Method::MH;
  CHECK_THROWS_MATCHES(methods::trimfill(table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {}), mh), Error,
                       Catch::Message("trimfill: method MH cannot be refitted on filled studies; use FE or a tau2 "
                                      "estimator"));
}

TEST_CASE("Peters' and Harbord's tests need 2x2 counts", "[methods][bias]") {
  auto es = table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {});
  es.measure = metareview::core::Measure::GEN;
  CHECK_THROWS_MATCHES(methods::binary_bias_test(es, methods::BinaryBiasTest::Peters), Error,
                       Catch::Message("peters: measure GEN has no 2x2 counts to test; Peters' test needs OR, RR or "
                                      "RD"));
  es.measure = metareview::core::Measure::RR;
  CHECK_THROWS_MATCHES(methods::binary_bias_test(es, methods::BinaryBiasTest::Harbord), Error,
                       Catch::Message("harbord: measure RR has no 2x2 counts to test; Harbord's test needs OR"));
}

TEST_CASE("Peters' test names a study without events", "[methods][bias]") {
  auto es = table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {});
  es.measure = metareview::core::Measure::OR;
  const double counts[3][4] = {{3, 50, 5, 50}, {0, 40, 0, 40}, {7, 60, 9, 60}};
  for (std::size_t i = 0; i < 3; ++i) {
    es.input[i].ai = counts[i][0], es.input[i].n1i = counts[i][1];
    es.input[i].ci = counts[i][2], es.input[i].n2i = counts[i][3];
  }
  CHECK_THROWS_MATCHES(methods::binary_bias_test(es, methods::BinaryBiasTest::Peters), Error,
                       Catch::Message("peters: study 'B' has no events in either arm; Peters' weight is 0"));
}

TEST_CASE("regtest model rma needs an inverse-variance method", "[methods][bias]") {
  metareview::model::ModelSpec peto;
  peto.method = metareview::model::Method::PETO;
  CHECK_THROWS_MATCHES(methods::regtest(table({0.1, 0.4, 0.2}, {0.1, 0.2, 0.3}, {}), peto), Error,
                       Catch::Message("regtest: method PETO takes no moderator; use model lm, FE or a tau2 "
                                      "estimator"));
}
