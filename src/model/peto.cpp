#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "effect/correction.h"
#include "model/count_pooling.h"

namespace metareview::model {
namespace {

// Ref: Yusuf et al. (1985); Deeks, Higgins & Altman, Cochrane Handbook 6.4, sec. 10.4.4.2:
// O - E and the hypergeometric variance V of the first cell.
struct OminusE {
  double o_minus_e, v;
};
OminusE o_minus_e(const Table2x2& t) {
  const double xt = t.a + t.c, yt = t.b + t.d;
  return {t.a - xt * t.n1 / t.N, xt * yt * (t.n1 / t.N) * (t.n2 / t.N) / (t.N - 1)};
}

bool has_zero(const Table2x2& t) { return t.a == 0 || t.b == 0 || t.c == 0 || t.d == 0; }

}  // namespace

CountPooling peto(const effect::EffectTable& es) {
  const char* fn = "peto(es)";
  if (es.measure != core::Measure::OR)
    throw Error(std::string(fn) + ": Peto's method gives an odds ratio; the table's measure is " +
                std::string(core::to_string(es.measure)));
  const std::size_t n = es.k();
  CountPooling out;
  out.weight.assign(n, 0.0);
  std::vector<Table2x2> tables;
  tables.reserve(n);
  double sum_oe = 0, sum_v = 0, sum_oe2_v = 0;
  bool any_zero = false;
  for (std::size_t i = 0; i < n; ++i) {
    tables.push_back(table_2x2(es.input.at(i), fn));
    const auto [oe, v] = o_minus_e(tables.back());
    sum_oe += oe;
    sum_v += v;
    out.weight[i] = v;
    if (v > 0) {
      sum_oe2_v += oe * oe / v;
      ++out.k_pos;
    }
    any_zero = any_zero || (es.included.at(i) && has_zero(tables.back()));
  }
  if (sum_v == 0)
    throw Error(std::string(fn) + ": one of the two outcomes occurs in no table, so Peto's OR is undefined");
  out.beta = sum_oe / sum_v;
  out.se = 1 / std::sqrt(sum_v);
  // Ref: Yusuf et al. (1985): Q = sum (O-E)^2/V - (sum (O-E))^2 / sum V, as rma.peto.
  out.Q = std::max(0.0, sum_oe2_v - sum_oe * sum_oe / sum_v);

  // Per-study Peto ORs shown (metafor's escalc measure "PETO"), with the table's continuity
  // correction; they do not enter the pooled estimate.
  const auto& opt = es.options;
  out.yi.assign(n, effect::StudyInput::kNaN);
  out.vi.assign(n, effect::StudyInput::kNaN);
  out.yi_used.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!es.included.at(i)) continue;
    Table2x2 t = tables[i];
    if (effect::correction_applies(opt.to, has_zero(t), any_zero)) {
      t.a += opt.add, t.b += opt.add, t.c += opt.add, t.d += opt.add;
      t.n1 = t.a + t.b, t.n2 = t.c + t.d, t.N = t.n1 + t.n2;
    }
    const auto [oe, v] = o_minus_e(t);
    if (!(v > 0)) continue;
    out.yi[i] = oe / v;
    out.vi[i] = 1 / v;
    out.yi_used[i] = true;
    ++out.k_yi;
  }
  return out;
}

}  // namespace metareview::model
