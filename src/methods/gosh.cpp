#include "methods/gosh.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <exception>
#include <limits>
#include <random>
#include <string>
#include <thread>

#include "core/error.h"
#include "model/heterogeneity.h"
#include "model/refitter.h"
#include "model/regression.h"
#include "model/tau2/tau2.h"

namespace metareview::methods {
namespace {

using model::Method;

// Subsets per block. Each block starts from sums computed afresh, so rounding drift of the
// running sums is bounded by this many updates, and blocks (not threads) fix the arithmetic.
constexpr std::size_t kBlock = 4096;

// What the per-subset fits read of each study, once. yc is yi centred at the full-data
// common-effect mean: the running sums of w yc and w yc^2 then stay small, and Q = B - A^2/S
// loses fewer digits to cancellation than with raw yi.
struct Studies {
  std::vector<double> y, v, yc, w;  // w = 1 / vi
  double shift = 0;                 // yc = y - shift
  std::size_t k() const { return y.size(); }
};

// Running sums of the studies in the current subset (w = 1/vi):
// S = sum w, S2 = sum w^2, A = sum w yc, B = sum w yc^2, U = sum yc, UU = sum yc^2, V = sum vi.
struct Sums {
  double S = 0, S2 = 0, A = 0, B = 0, U = 0, UU = 0, V = 0;
  int m = 0;
  void update(const Studies& st, std::size_t j, double sign) {
    const double w = st.w[j], yc = st.yc[j], wy = w * yc;
    S += sign * w, S2 += sign * w * w, A += sign * wy, B += sign * wy * yc;
    U += sign * yc, UU += sign * yc * yc, V += sign * st.v[j];
    m += sign > 0 ? 1 : -1;
  }
};

inline bool in(const std::uint64_t* incl, std::size_t j) { return (incl[j / 64] >> (j % 64)) & 1u; }

Sums sums_of(const Studies& st, const std::uint64_t* incl) {
  Sums s;
  for (std::size_t j = 0; j < st.k(); ++j)
    if (in(incl, j)) s.update(st, j, 1.0);
  return s;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class SubsetFitter {
 public:
  SubsetFitter(const Studies& st, const model::ModelSpec& spec) : st_(st), spec_(spec) {}

  GoshFit fit(const Sums& s, const std::uint64_t* incl) const {
    const bool re = spec_.is_random_effects();
    GoshFit f;
    f.ok = true;
    if (s.m == 1) {
      // k = 1, as rma.uni gives it: the study itself, tau2 = 0 (or the fixed value), Q = 0.
      for (std::size_t j = 0; j < st_.k(); ++j)
        if (in(incl, j)) f.estimate = st_.y[j];
      f.tau2 = re ? spec_.tau2_fixed.value_or(0.0) : 0.0;
      return f;
    }
    const double df = s.m - 1.0;
    // Ref: Cochran (1954): Q = sum w (y - mu_FE)^2 = B - A^2/S, with mu_FE = A/S (centred).
    f.Q = std::max(0.0, s.B - s.A * s.A / s.S);
    const double trP = s.S - s.S2 / s.S;  // tr P with weights 1/vi, intercept only
    if (!re) {
      f.estimate = st_.shift + s.A / s.S;
      set_i2(f, df, trP, true);
      return f;
    }
    if (spec_.tau2_fixed) {
      f.tau2 = *spec_.tau2_fixed;
    } else {
      switch (spec_.method) {
        // Ref: DerSimonian & Laird (1986), eq. 8: tau2 = (Q - (k - 1)) / tr P.
        case Method::DL: f.tau2 = std::max(0.0, (f.Q - df) / trP); break;
        // Ref: Hunter & Schmidt (2004); Viechtbauer (2005), eq. 8: tau2 = (Q - k) / sum w.
        case Method::HS: f.tau2 = std::max(0.0, (f.Q - s.m) / s.S); break;
        case Method::HE: f.tau2 = std::max(0.0, hedges_raw(s)); break;
        default:
          if (!iterative_tau2(s, incl, f.tau2)) return failed();
      }
    }
    // Ref: metafor rma.uni: the pooled estimate with weights 1/(vi + tau2).
    double sw = 0, swy = 0;
    for (std::size_t j = 0; j < st_.k(); ++j) {
      if (!in(incl, j)) continue;
      const double w = 1 / (st_.v[j] + f.tau2);
      sw += w, swy += w * st_.y[j];
    }
    f.estimate = swy / sw;
    set_i2(f, df, trP, false);
    return f;
  }

 private:
  static GoshFit failed() { return {false, kNaN, kNaN, kNaN, kNaN, kNaN}; }

  // I2 and H2 as metafor's gosh(): from Q for common-effect fits (and i2_def Q), else from
  // tau2 and the typical within-study variance vt = (k - 1) / tr P.
  void set_i2(GoshFit& f, double df, double trP, bool common) const {
    const model::I2H2 h = common || spec_.i2_def == model::I2Def::Q || dl_from_q() ? model::i2_from_q(f.Q, df)
                                                                     : model::i2_from_tau2(f.tau2, df / trP);
    f.I2 = h.I2, f.H2 = h.H2;
  }

  // metafor's gosh() fits DL by its own short formulas, with I2 and H2 from Q: the same I2
  // as from tau2, but H2 = Q/(k - 1) stays below 1 where tau2 is truncated at 0.
  bool dl_from_q() const { return spec_.method == Method::DL && !spec_.tau2_fixed; }

  // Ref: Hedges (1983): tau2 = (RSS_OLS - tr(P V)) / (k - 1), with P = I - J/k for the
  // unweighted intercept, so RSS_OLS = UU - U^2/k and tr(P V) = V (k - 1)/k.
  static double hedges_raw(const Sums& s) {
    const double df = s.m - 1.0;
    return (s.UU - s.U * s.U / s.m - s.V * df / s.m) / df;
  }

  // REML, ML, EB, PM and SJ: the cited estimator on the subset's yi/vi. Fisher scoring (REML,
  // ML) starts where rma.uni starts it, max(0, HE), here from the running sums. It is not
  // started from the neighbouring subset's tau2: where the likelihood has a second local
  // maximum (bcg_RR subsets 2626, 5395, 7446, 7447 under REML) a warm start climbs to the other
  // one and gives another tau2 than metafor.
  bool iterative_tau2(const Sums& s, const std::uint64_t* incl, double& tau2) const {
    std::vector<double> y, v;
    y.reserve(st_.k()), v.reserve(st_.k());
    for (std::size_t j = 0; j < st_.k(); ++j)
      if (in(incl, j)) y.push_back(st_.y[j]), v.push_back(st_.v[j]);
    const auto regression = model::intercept_only(std::move(y), std::move(v), 1);
    model::Control control = spec_.control;
    const bool scoring = spec_.method == Method::REML || spec_.method == Method::ML;
    if (scoring && !control.tau2_init) control.tau2_init = std::max(0.0, hedges_raw(s));
    try {
      const model::tau2::Estimate est = model::tau2::estimator(spec_.method)(*regression, control);
      if (!est.converged) return false;
      tau2 = est.tau2;
      return true;
    } catch (const Error&) {
      return false;  // no estimate (Fisher scoring did not converge): metafor's NA row
    }
  }

  const Studies& st_;
  const model::ModelSpec& spec_;
};

// Ref: R's quantile(), type 7: linear interpolation between order statistics at (n - 1) p.
double quantile7(const std::vector<double>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}

Distribution distribution(std::vector<double> x) {
  double sum = 0;
  for (const double v : x) sum += v;
  std::sort(x.begin(), x.end());
  return {x.front(), quantile7(x, 0.25), quantile7(x, 0.5), quantile7(x, 0.75), x.back(),
          sum / static_cast<double>(x.size())};
}

}  // namespace

Gosh gosh(const effect::EffectTable& es, const model::ModelSpec& spec, const GoshOptions& options) {
  if (spec.method == Method::MH || spec.method == Method::PETO)
    throw Error("gosh: method " + std::string(model::to_string(spec.method)) +
                " is not supported; GOSH fits inverse-variance models (FE or a tau2 estimator)");
  const model::Refitter refitter(es, spec);  // validates the spec and the yi/vi
  const std::size_t k = refitter.rows().size();
  if (k < 3) throw Error("gosh: k = " + std::to_string(k) + "; at least 3 studies are needed");
  if (options.subsets && *options.subsets == 0) throw Error("gosh: the number of random subsets must be at least 1");
  if (!options.subsets && k > kGoshMaxExhaustiveK)
    throw Error("gosh: k = " + std::to_string(k) + " studies have 2^" + std::to_string(k) +
                " - 1 subsets, too many to fit them all (the limit is k = " + std::to_string(kGoshMaxExhaustiveK) +
                "); fit a random sample of subsets instead");

  Studies st;
  double sw = 0, swy = 0;
  for (const std::size_t row : refitter.rows()) {
    st.y.push_back(es.yi[row]);
    st.v.push_back(es.vi[row]);
    st.w.push_back(1 / es.vi[row]);
    sw += st.w.back(), swy += st.w.back() * st.y.back();
  }
  st.shift = swy / sw;
  for (const double y : st.y) st.yc.push_back(y - st.shift);

  Gosh g;
  g.spec = spec;
  g.studies = refitter.rows();
  g.exhaustive = !options.subsets;
  g.words = (k + 63) / 64;
  const std::size_t n = g.exhaustive ? (std::size_t{1} << k) - 1 : *options.subsets;
  g.incl.assign(n * g.words, 0);
  g.fits.resize(n);
  if (!g.exhaustive) {
    std::mt19937_64 rng(options.seed);
    const std::uint64_t last_mask = k % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (k % 64)) - 1;
    for (std::size_t r = 0; r < n; ++r) {
      std::uint64_t* inc = &g.incl[r * g.words];
      bool empty = true;
      while (empty) {
        empty = true;
        for (std::size_t w = 0; w < g.words; ++w) {
          inc[w] = rng() & (w + 1 == g.words ? last_mask : ~std::uint64_t{0});
          empty = empty && inc[w] == 0;
        }
      }
    }
  }

  const SubsetFitter fitter(st, spec);
  const auto run_block = [&](std::size_t b) {
    const std::size_t r0 = b * kBlock, r1 = std::min(n, r0 + kBlock);
    Sums s;
    for (std::size_t r = r0; r < r1; ++r) {
      std::uint64_t* inc = &g.incl[r * g.words];
      if (g.exhaustive) {
        // Ref: Gray (1953): code(i) = i xor (i >> 1); from i - 1 to i, bit ctz(i) flips.
        const std::uint64_t i = r + 1, code = i ^ (i >> 1);
        inc[0] = code;
        if (r == r0) {
          s = sums_of(st, inc);
        } else {
          const auto j = static_cast<std::size_t>(std::countr_zero(i));
          s.update(st, j, ((code >> j) & 1u) ? 1.0 : -1.0);
        }
      } else {
        s = sums_of(st, inc);
      }
      g.fits[r] = fitter.fit(s, inc);
    }
  };
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  const unsigned wanted = options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min<std::size_t>(wanted, blocks);
  const std::size_t per = (blocks + workers - 1) / workers;
  std::vector<std::exception_ptr> errors(workers);
  const auto run_range = [&](std::size_t t) {
    try {
      for (std::size_t b = t * per; b < std::min(blocks, (t + 1) * per); ++b) run_block(b);
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(run_range, t);
  run_range(0);
  for (std::thread& th : pool) th.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return g;
}

GoshSummary summarize(const Gosh& g) {
  std::vector<double> estimate, i2, tau2;
  for (const GoshFit& f : g.fits) {
    if (!f.ok) continue;
    estimate.push_back(f.estimate);
    i2.push_back(f.I2);
    tau2.push_back(f.tau2);
  }
  if (estimate.empty()) throw Error("gosh: no subset could be fitted");
  return {estimate.size(), distribution(std::move(estimate)), distribution(std::move(i2)), distribution(std::move(tau2))};
}

}  // namespace metareview::methods
