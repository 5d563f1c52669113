#include "methods/permutest.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <exception>
#include <numeric>
#include <random>
#include <string>
#include <thread>

#include "core/error.h"

namespace metareview::methods {
namespace {

// metafor's comptol: a refit's statistic counts as "at least the observed" within it.
const double kCompTol = std::sqrt(DBL_EPSILON);

struct Rows {
  std::vector<double> y, v;
  Eigen::MatrixXd X;
};

Rows used_rows(const model::MetaReg& m, const model::Design& d) {
  const model::Fit& f = m.fit;
  Rows r;
  r.X.resize(f.k, d.X.cols());
  for (std::size_t i = 0; i < f.included.size(); ++i) {
    if (!f.included[i]) continue;
    r.X.row(static_cast<Eigen::Index>(r.y.size())) = d.X.row(static_cast<Eigen::Index>(i));
    r.y.push_back(f.yi[i]);
    r.v.push_back(f.vi[i]);
  }
  return r;
}

// Groups of identical design rows: group[i] of each row, and one row per group.
struct RowGroups {
  std::vector<int> group;
  std::vector<Eigen::Index> first;
  std::vector<std::uint64_t> count;
};

RowGroups row_groups(const Eigen::MatrixXd& X) {
  RowGroups g;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    std::size_t j = 0;
    while (j < g.first.size() && X.row(g.first[j]) != X.row(i)) ++j;
    if (j == g.first.size()) g.first.push_back(i), g.count.push_back(0);
    g.group.push_back(static_cast<int>(j));
    ++g.count[j];
  }
  return g;
}

bool mul_overflows(std::uint64_t a, std::uint64_t b, std::uint64_t& out) { return __builtin_mul_overflow(a, b, &out); }

// The statistics of one refit; ok is false when it failed (metafor's NA row).
struct Stats {
  bool ok = false;
  double QM = 0;
  std::vector<double> z;
};

Stats refit(std::vector<double> y, std::vector<double> v, Eigen::MatrixXd X, const model::ModelSpec& spec) {
  Stats s;
  try {
    const auto m = X.cols() == 1 ? model::intercept_only(std::move(y), std::move(v), 1)
                                 : model::with_design(std::move(y), std::move(v), std::move(X), 1);
    const model::Fit f = model::fit(*m, spec, model::Want::estimates());
    if (!f.converged) return s;
    s.QM = model::omnibus_test(*m, f).QM;
    s.z = f.zval;
    s.ok = std::isfinite(s.QM) && std::all_of(s.z.begin(), s.z.end(), [](double z) { return std::isfinite(z); });
  } catch (const Error&) {
    s.ok = false;
  }
  return s;
}

// Counts of refits at least as extreme as the observed statistics.
struct Counts {
  std::uint64_t fits = 0, failed = 0, qm = 0;
  std::vector<std::uint64_t> z;
};

}  // namespace

std::optional<std::uint64_t> distinct_permutations(const Eigen::MatrixXd& X) {
  const auto k = static_cast<std::uint64_t>(X.rows());
  if (X.cols() == 1) return k < 64 ? std::optional<std::uint64_t>(std::uint64_t{1} << k) : std::nullopt;
  // k! / prod(n_g!) as a product of binomials C(n, n_g), each built exactly.
  const RowGroups g = row_groups(X);
  std::uint64_t total = 1, n = 0;
  for (const std::uint64_t c : g.count) {
    std::uint64_t b = 1;  // C(n + c, c), by b = b * (n + i) / i, exact at every step
    for (std::uint64_t i = 1; i <= c; ++i) {
      const std::uint64_t d = std::gcd(b, i), num = (n + i) / (i / d);
      if (mul_overflows(b / d, num, b)) return std::nullopt;
    }
    n += c;
    if (mul_overflows(total, b, total)) return std::nullopt;
  }
  return total;
}

Permutest permutest(const effect::EffectTable& es, const model::Design& design, const model::ModelSpec& spec_in,
                    const PermutestOptions& o) {
  if (o.iter < 2) throw Error("permutest: iter must be at least 2, got " + std::to_string(o.iter));
  Permutest out;
  out.observed = model::meta_regression(es, design, spec_in, model::Want::estimates());
  model::ModelSpec spec = out.observed.fit.spec;
  spec.control.threads = 1;  // parallel over permutations instead
  const Rows rows = used_rows(out.observed, design);
  const int p = static_cast<int>(rows.X.cols());
  const std::size_t k = rows.y.size();
  const std::optional<std::uint64_t> distinct = distinct_permutations(rows.X);
  out.exact = o.exact || (distinct && *distinct <= o.iter);
  if (o.exact && (!distinct || *distinct > kPermutestMaxExact))
    throw Error("permutest: an exact test needs " + (distinct ? std::to_string(*distinct) : std::string("over 2^64")) +
                " refits, more than the limit of " + std::to_string(kPermutestMaxExact) +
                "; leave out --exact and give --iter");
  out.iter = out.exact ? *distinct : o.iter;
  if (!out.exact) out.seed = o.seed;

  const double obs_qm = out.observed.omnibus.QM;
  const std::vector<double>& obs_z = out.observed.fit.zval;
  const RowGroups groups = row_groups(rows.X);

  // Permutation r: the design rows (or signs) it assigns to the studies.
  const auto permutation = [&](std::uint64_t r, std::vector<double>& y, Eigen::MatrixXd& X) {
    y = rows.y;
    if (p == 1) {
      if (out.exact) {
        for (std::size_t i = 0; i < k; ++i)
          if ((r >> i) & 1u) y[i] = -y[i];
      } else if (r > 0) {
        std::mt19937_64 rng(o.seed + r);
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < k; ++i) {
          if (i % 64 == 0) bits = rng();
          if ((bits >> (i % 64)) & 1u) y[i] = -y[i];
        }
      }
      return;
    }
    X.resize(rows.X.rows(), rows.X.cols());
    if (out.exact) {
      // The r-th distinct arrangement of the row groups in lexicographic order of groups.
      std::vector<std::uint64_t> left = groups.count;
      std::uint64_t remaining = k, n = *distinct;
      for (std::size_t pos = 0; pos < k; ++pos) {
        for (std::size_t g = 0; g < left.size(); ++g) {
          if (left[g] == 0) continue;
          const std::uint64_t with_g = n / remaining * left[g] + n % remaining * left[g] / remaining;
          if (r < with_g) {
            X.row(static_cast<Eigen::Index>(pos)) = rows.X.row(groups.first[g]);
            n = with_g;
            --left[g];
            break;
          }
          r -= with_g;
        }
        --remaining;
      }
    } else {
      std::vector<Eigen::Index> order(k);
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      if (r > 0) {
        std::mt19937_64 rng(o.seed + r);
        for (std::size_t i = k - 1; i > 0; --i) {
          const std::size_t j = static_cast<std::size_t>(rng() % (i + 1));
          std::swap(order[i], order[j]);
        }
      }
      for (std::size_t i = 0; i < k; ++i) X.row(static_cast<Eigen::Index>(i)) = rows.X.row(order[i]);
    }
  };

  const unsigned wanted = o.threads != 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::uint64_t workers = std::min<std::uint64_t>(wanted, out.iter);
  std::vector<Counts> counts(workers, Counts{0, 0, 0, std::vector<std::uint64_t>(static_cast<std::size_t>(p), 0)});
  std::vector<std::exception_ptr> errors(workers);
  const auto run = [&](std::uint64_t t) {
    try {
      Counts& c = counts[t];
      std::vector<double> y;
      Eigen::MatrixXd X;
      for (std::uint64_t r = t; r < out.iter; r += workers) {
        permutation(r, y, X);
        const Stats s = refit(y, rows.v, p == 1 ? rows.X : X, spec);
        if (!s.ok) {
          ++c.failed;
          continue;
        }
        ++c.fits;
        if (s.QM >= obs_qm - kCompTol) ++c.qm;
        for (int j = 0; j < p; ++j)
          if (std::fabs(s.z[static_cast<std::size_t>(j)]) >= std::fabs(obs_z[static_cast<std::size_t>(j)]) - kCompTol)
            ++c.z[static_cast<std::size_t>(j)];
      }
    } catch (...) {
      errors[t] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (std::uint64_t t = 1; t < workers; ++t) pool.emplace_back(run, t);
  run(0);
  for (std::thread& th : pool) th.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  // Integer counts: their sum does not depend on how permutations were split over threads.
  Counts total{0, 0, 0, std::vector<std::uint64_t>(static_cast<std::size_t>(p), 0)};
  for (const Counts& c : counts) {
    total.fits += c.fits, total.failed += c.failed, total.qm += c.qm;
    for (int j = 0; j < p; ++j) total.z[static_cast<std::size_t>(j)] += c.z[static_cast<std::size_t>(j)];
  }
  out.failed = total.failed;
  if (total.fits == 0) throw Error("permutest: every refit failed; no permutation p-value");
  const double n = static_cast<double>(total.fits);
  out.QM_p = static_cast<double>(total.qm) / n;
  for (int j = 0; j < p; ++j) out.pval.push_back(static_cast<double>(total.z[static_cast<std::size_t>(j)]) / n);
  return out;
}

}  // namespace metareview::methods
