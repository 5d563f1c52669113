#include <catch2/catch.hpp>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace model = metareview::model;
namespace effect = metareview::effect;

TEST_CASE("method, test and convention codes round-trip and reject unknown codes", "[model]") {
  for (const char* code : {"FE", "MH", "PETO", "DL", "REML", "ML", "PM", "HE", "HS", "SJ", "EB"})
    CHECK(model::to_string(*model::parse_method(code)) == code);
  CHECK_FALSE(model::parse_method("reml"));  // case-sensitive, as metafor
  CHECK(model::valid_methods() == "FE, MH, PETO, DL, REML, ML, PM, HE, HS, SJ, EB");
  CHECK(*model::parse_test("hksj") == model::Test::KNHA);
  CHECK(model::to_string(model::Test::KNHA) == "knha");
  CHECK(model::valid_tests() == "z, knha (alias hksj)");
  CHECK(model::valid_pi_dists() == "z, t-k1, t-k2, none");
  CHECK(*model::parse_pi_dist("none") == model::PiDist::None);
  CHECK(*model::parse_pi_dist("t-k2") == model::PiDist::T_K2);
  CHECK(model::valid_i2_defs() == "tau2, Q");
  CHECK(*model::parse_i2_def("Q") == model::I2Def::Q);
  CHECK(model::valid_knha_adhocs() == "none, adhoc, iqwig, ci");
  CHECK(*model::parse_knha_adhoc("ci") == model::KnhaAdhoc::Ci);
  CHECK(*model::parse_knha_adhoc("adhoc") == model::KnhaAdhoc::Floor);
  CHECK(effect::valid_correction_tos() == "all, only0, if0all, none");
  CHECK(effect::to_string(*effect::parse_correction_to("if0all")) == "if0all");
  CHECK_FALSE(effect::parse_correction_to("some"));
  CHECK(model::valid_presets() == "metafor, cochrane, revman5, iqwig");
}

TEST_CASE("validate() names the bad setting and its valid values", "[model]") {
  model::ModelSpec s;
  CHECK(s.validate().empty());
  s.level = 100;
  CHECK(s.validate() == "level must be in (0, 100), got 100");
  s = {};
  s.method = model::Method::MH;
  s.test = model::Test::KNHA;
  CHECK(s.validate() ==
        "test knha (Hartung-Knapp) applies to inverse-variance fits (FE, DL, REML, ML, PM, HE, HS, SJ, EB), not MH");
  s = {};
  s.knha_adhoc = model::KnhaAdhoc::IQWiG;
  CHECK(s.validate() == "adhoc iqwig modifies Hartung-Knapp and needs test knha");
  s = {};
  s.method = model::Method::FE;
  s.tau2_fixed = 0.1;
  CHECK(s.validate() == "tau2 can be fixed only for a random-effects method (DL, REML, ML, PM, HE, HS, SJ, EB), not FE");
  s = {};
  s.tau2_fixed = -1;
  CHECK(s.validate() == "tau2 must be a finite value >= 0, got -1");
  s = {};
  s.control.maxiter = 0;
  CHECK(s.validate() == "control.maxiter must be >= 1, got 0");
  s = {};
  s.preset = "handbook";
  CHECK(s.validate() == "unknown preset 'handbook'; valid presets: metafor, cochrane, revman5, iqwig");
}

TEST_CASE("presets set the conventions they are named for", "[model]") {
  const auto metafor = model::preset("metafor");
  REQUIRE(metafor);
  CHECK(metafor->model.method == model::Method::REML);
  CHECK(metafor->model.test == model::Test::Z);
  CHECK(metafor->model.pi_dist == model::PiDist::Z);
  CHECK(metafor->model.i2_def == model::I2Def::Tau2);
  CHECK_FALSE(metafor->effect.drop00);

  const auto cochrane = model::preset("cochrane");
  REQUIRE(cochrane);
  CHECK(cochrane->model.method == model::Method::REML);
  CHECK(cochrane->model.test == model::Test::KNHA);
  CHECK(cochrane->model.pi_dist == model::PiDist::T_K2);
  CHECK(cochrane->model.knha_adhoc == model::KnhaAdhoc::Ci);  // HKSJ never narrower than z
  CHECK(cochrane->model.preset == "cochrane");
  CHECK_FALSE(cochrane->effect.drop00);
  CHECK(cochrane->effect.drop00_ratio);

  const auto revman5 = model::preset("revman5");
  REQUIRE(revman5);
  CHECK(revman5->model.method == model::Method::DL);
  CHECK(revman5->model.test == model::Test::Z);
  CHECK(revman5->model.i2_def == model::I2Def::Q);
  CHECK(revman5->model.pi_dist == model::PiDist::None);  // RevMan 5 shows no prediction interval
  CHECK(revman5->effect.drops_double_zero(metareview::core::Measure::OR));
  CHECK(revman5->effect.drops_double_zero(metareview::core::Measure::RR));
  CHECK_FALSE(revman5->effect.drops_double_zero(metareview::core::Measure::RD));

  const auto iqwig = model::preset("iqwig");
  REQUIRE(iqwig);
  CHECK(iqwig->model.method == model::Method::PM);
  CHECK(iqwig->model.test == model::Test::KNHA);
  CHECK(iqwig->model.knha_adhoc == model::KnhaAdhoc::IQWiG);
  CHECK(iqwig->model.pi_dist == model::PiDist::T_K2);
  for (const char* name : {"metafor", "cochrane", "revman5", "iqwig"}) CHECK(model::preset(name)->model.validate().empty());

  CHECK_FALSE(model::preset("Cochrane"));
}
