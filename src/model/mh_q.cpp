#include "model/mh_q.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "model/count_pooling.h"
#include "model/heterogeneity.h"
#include "stats/distributions.h"

namespace metareview::model {
namespace {

struct MhQ {
  double Q = 0, df = 0, sum_w = 0, sum_w2 = 0;
};

MhQ mh_q(const effect::EffectTable& es) {
  const CountPooling cp = mantel_haenszel(es);
  MhQ out;
  out.Q = cp.Q;
  out.df = cp.k_yi - 1;
  for (std::size_t i = 0; i < cp.yi_used.size(); ++i) {
    if (!cp.yi_used[i]) continue;
    const double w = 1 / cp.vi[i];
    out.sum_w += w, out.sum_w2 += w * w;
  }
  return out;
}

// Ref: DerSimonian & Laird (1986), with Q around the MH estimate (Deeks & Higgins 2010, 2.3).
double dl_tau2(const MhQ& q) { return q.df < 1 ? 0.0 : std::max(0.0, (q.Q - q.df) / (q.sum_w - q.sum_w2 / q.sum_w)); }

}  // namespace

double tau2_dl_mh_q(const effect::EffectTable& es) { return dl_tau2(mh_q(es)); }

Fit fit_random_mh_q(const effect::EffectTable& es, const ModelSpec& random, const Want& want) {
  if (random.method != Method::DL || random.tau2_fixed)
    throw InternalError("fit_random_mh_q: the RevMan 5 convention is for an estimated DerSimonian-Laird tau2");
  const MhQ q = mh_q(es);
  ModelSpec with_tau2 = random;
  with_tau2.tau2_fixed = dl_tau2(q);
  Want inner = want;
  inner.tau2_ci = false;
  Fit f = fit(es, with_tau2, inner);
  f.spec = random;
  f.computed = want;
  f.tau2_fixed = false;
  f.Q = q.Q, f.Q_df = std::max(0.0, q.df);
  f.Q_p = q.df >= 1 ? stats::p_upper_chi2(q.Q, q.df) : 1.0;
  if (q.df >= 1 && random.i2_def == I2Def::Q) {
    const I2H2 h = i2_from_q(q.Q, q.df);
    f.I2 = h.I2, f.H2 = h.H2;
  }
  if (want.notes) {
    f.message += std::string(f.message.empty() ? "" : "; ") +
                 "tau2 (DerSimonian-Laird), Q and I2 from the Mantel-Haenszel estimate, as RevMan 5";
  }
  return f;
}

}  // namespace metareview::model
