#pragma once
// The benchmarks' data: yi ~ N(0.3, vi + 0.05), vi ~ U(0.01, 0.5), from std::mt19937_64 with
// a fixed seed, so every run and every benchmark fits the same studies.
#include <cmath>
#include <cstddef>
#include <random>

#include "effect/effect_table.h"

namespace metareview::bench {

inline effect::EffectTable simulate(std::size_t k) {
  std::mt19937_64 rng(20240601);
  std::uniform_real_distribution<double> u(0.01, 0.5);
  std::normal_distribution<double> z(0, 1);
  effect::EffectTable t;
  t.yi.reserve(k);
  t.vi.reserve(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double vi = u(rng);
    t.vi.push_back(vi);
    t.yi.push_back(0.3 + z(rng) * std::sqrt(vi + 0.05));
  }
  t.included.assign(k, true);
  return t;
}

}  // namespace metareview::bench
