// Headlines that cannot be misread (issue 13, section 5): proportions labelled as proportions,
// no prediction interval from fewer than 3 studies, a warning when Hartung-Knapp narrows the CI.
// Numbers: metafor 3.8-1, tests/golden/present/headline.R (its output in headline.out).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "effect/escalc.h"
#include "model/fit.h"
#include "model/prediction.h"
#include "present/analysis_view.h"

namespace {
namespace effect = metareview::effect;
namespace model = metareview::model;
namespace present = metareview::present;
using metareview::core::Measure;

effect::EffectTable proportions(std::size_t k) {
  const double xi[] = {10, 30, 45}, ni[] = {20, 40, 60};
  std::vector<effect::StudyInput> rows(k);
  for (std::size_t i = 0; i < k; ++i) rows[i].study = "s" + std::to_string(i + 1), rows[i].xi = xi[i], rows[i].ni = ni[i];
  return effect::escalc(Measure::PLO, rows);
}

effect::EffectTable homogeneous() {
  const double yi[] = {0.10, 0.12, 0.11, 0.13, 0.09}, vi[] = {0.01, 0.02, 0.015, 0.01, 0.02};
  std::vector<effect::StudyInput> rows(5);
  for (std::size_t i = 0; i < 5; ++i) rows[i].study = "s" + std::to_string(i + 1), rows[i].yi = yi[i], rows[i].vi = vi[i];
  return effect::escalc(Measure::GEN, rows);
}

bool has_note(const present::Block& b, const std::string& prefix) {
  return std::any_of(b.notes.begin(), b.notes.end(), [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("a pooled proportion is labelled Proportion, never with its scale's code", "[present]") {
  const effect::EffectTable es = proportions(3);
  const model::Fit re = model::fit(es, model::ModelSpec{});
  const present::AnalysisView v = present::analysis_view(es, nullptr, &re);
  // metafor predict(transf = transf.ilogit): pred 0.6884, ci 0.5349 to 0.8092, pi 0.4264 to 0.8678.
  CHECK(v.headline == "Proportion 0.69 [0.53, 0.81]");
  REQUIRE(v.total.pooled.at(0).prediction);
  CHECK(v.total.pooled[0].prediction->text == "[0.43, 0.87]");
  CHECK(present::estimate_label(Measure::PFT) == "Proportion");
  CHECK(present::estimate_label(Measure::HR) == "HR");
  CHECK(present::estimate_label(Measure::GEN) == "Effect");
}

TEST_CASE("two studies get no prediction interval, though metafor computes one", "[present]") {
  const effect::EffectTable es = proportions(2);
  const model::Fit re = model::fit(es, model::ModelSpec{});
  // metafor: pi 0.2491 to 0.9058 from k = 2; a t with k - 2 = 0 df has no quantile.
  REQUIRE(re.pi_lb);
  const present::AnalysisView v = present::analysis_view(es, nullptr, &re);
  CHECK(v.headline == "Proportion 0.64 [0.38, 0.84]");
  CHECK_FALSE(v.total.pooled.at(0).prediction);
}

TEST_CASE("a Hartung-Knapp CI narrower than the Wald CI of the same estimate is flagged", "[present]") {
  const effect::EffectTable es = homogeneous();
  model::ModelSpec knha;
  knha.test = model::Test::KNHA;
  const model::Fit hk = model::fit(es, knha);
  // metafor: knha CI 0.0916 to 0.1311 (s2w = 0.01858); Wald CI 0.0090 to 0.2137.
  const present::AnalysisView v = present::analysis_view(es, nullptr, &hk);
  CHECK(v.total.notes.at(1) ==
        "Warning: Hartung-Knapp CI [0.09, 0.13] narrower than the Wald CI [0.01, 0.21] (Jackson et al. 2017); the ad "
        "hoc variant (adhoc) keeps it at least as wide");
  knha.knha_adhoc = model::KnhaAdhoc::Floor;  // s2w floored at 1: never narrower
  const model::Fit floored = model::fit(es, knha);
  CHECK_FALSE(has_note(present::analysis_view(es, nullptr, &floored).total, "Warning: Hartung-Knapp"));
  const model::Fit wald = model::fit(es, model::ModelSpec{});
  CHECK_FALSE(has_note(present::analysis_view(es, nullptr, &wald).total, "Warning: Hartung-Knapp"));
}

TEST_CASE("results.json's reason for a prediction interval not shown", "[present]") {
  CHECK(model::prediction_not_shown(2, model::PiDist::Z) == "not reported: 2 studies; a prediction interval needs at least 3");
  CHECK(model::prediction_not_shown(1, model::PiDist::T_K2) == "not reported: 1 study; a prediction interval needs at least 3");
  CHECK(model::prediction_not_shown(3, model::PiDist::Z).empty());
}
