#pragma once
// Small effect tables and specs for the model and methods unit tests.
#include <array>
#include <cmath>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "effect/effect_table.h"
#include "model/spec.h"

namespace metareview::test {

/// yi/vi with studies labelled A, B, C, ... and every row included.
inline effect::EffectTable table(std::vector<double> yi, std::vector<double> vi) {
  effect::EffectTable t;
  for (std::size_t i = 0; i < yi.size(); ++i) {
    effect::StudyInput s;
    s.study = std::string(1, static_cast<char>('A' + i));
    t.input.push_back(s);
  }
  t.yi = std::move(yi);
  t.vi = std::move(vi);
  t.included.assign(t.yi.size(), true);
  return t;
}

/// k studies from a random-effects model: vi ~ U(0.01, 0.2), yi ~ N(mu, vi + tau2), seeded.
inline effect::EffectTable simulated(int k, unsigned seed, double mu, double tau2) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> u(0.01, 0.2);
  std::vector<double> yi, vi;
  for (int i = 0; i < k; ++i) {
    vi.push_back(u(rng));
    yi.push_back(mu + z(rng) * std::sqrt(vi.back() + tau2));
  }
  return table(std::move(yi), std::move(vi));
}

/// metafor's defaults with this method and test.
inline model::ModelSpec spec(model::Method m, model::Test test = model::Test::Z) {
  model::ModelSpec s;
  s.method = m;
  s.test = test;
  return s;
}

/// 2x2 tables {ai, n1i, ci, n2i} as an OR table for MH and Peto (yi = 0, vi = 1: unused),
/// studies labelled S1, S2, ...
inline effect::EffectTable two_by_two(const std::vector<std::array<double, 4>>& rows) {
  effect::EffectTable t;
  t.measure = core::Measure::OR;
  for (const auto& [ai, n1i, ci, n2i] : rows) {
    effect::StudyInput s;
    s.study = 'S' + std::to_string(t.input.size() + 1);
    s.ai = ai, s.n1i = n1i, s.ci = ci, s.n2i = n2i;
    t.input.push_back(s);
    t.yi.push_back(0);
    t.vi.push_back(1);
    t.included.push_back(true);
  }
  return t;
}

}  // namespace metareview::test
