// The O(k) traces of P = W - W X (X'WX)^-1 X'W against a naive oracle that builds the
// k x k matrices exactly as metafor's rma.uni writes them (P %*% P, P %*% V, sum(PV * t(PV))).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "model/regression.h"

namespace model = metareview::model;

namespace {

struct Naive {
  double rss, yPPy, trP, trPP, trPV, trPVPV, sumPVP;
  Eigen::VectorXd beta;
};

Naive naive(const std::vector<double>& y, const std::vector<double>& v, const Eigen::MatrixXd& X, double tau2, bool unit) {
  const Eigen::Index k = X.rows();
  Eigen::VectorXd w(k), Y(k);
  Eigen::MatrixXd V = Eigen::MatrixXd::Zero(k, k);
  for (Eigen::Index i = 0; i < k; ++i) {
    const auto u = static_cast<std::size_t>(i);
    w(i) = unit ? 1.0 : 1.0 / (v[u] + tau2);
    Y(i) = y[u];
    V(i, i) = v[u];
  }
  const Eigen::MatrixXd W = w.asDiagonal();
  const Eigen::MatrixXd B = (X.transpose() * W * X).inverse();
  const Eigen::MatrixXd P = W - W * X * B * X.transpose() * W;
  const Eigen::MatrixXd PV = P * V;
  return {Y.dot(P * Y),   Y.dot(P * P * Y),          P.trace(),
          (P * P).trace(), PV.trace(),                PV.cwiseProduct(PV.transpose()).sum(),
          PV.cwiseProduct(P).sum(), B * X.transpose() * W * Y};
}

void check_against_naive(const model::Regression& m, const Eigen::MatrixXd& X, double tau2, bool unit) {
  const model::Weights w = unit ? model::Weights::ones() : model::Weights::inverse(tau2);
  const auto r = m.wls(w, model::kWlsTraces | model::kWlsVTraces);
  const Naive n = naive(m.yi(), m.vi(), X, tau2, unit);
  const auto approx = [](double x) { return Approx(x).epsilon(1e-10).margin(1e-12); };
  CHECK(r.rss == approx(n.rss));
  CHECK(r.yPPy == approx(n.yPPy));
  CHECK(r.trP == approx(n.trP));
  CHECK(r.trPP == approx(n.trPP));
  CHECK(r.trPV == approx(n.trPV));
  CHECK(r.trPVPV == approx(n.trPVPV));
  CHECK(r.sumPVP == approx(n.sumPVP));
  for (Eigen::Index j = 0; j < n.beta.size(); ++j) CHECK(r.beta(j) == approx(n.beta(j)));
}

struct Data {
  std::vector<double> y, v;
  Eigen::MatrixXd X;
};

Data simulated_studies(std::size_t k, int p, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0, 1);
  std::uniform_real_distribution<double> u(0.01, 0.5);
  Data d;
  d.X.resize(static_cast<Eigen::Index>(k), p);
  for (std::size_t i = 0; i < k; ++i) {
    d.v.push_back(u(rng));
    d.y.push_back(0.3 + z(rng) * std::sqrt(d.v.back() + 0.1));
    d.X(static_cast<Eigen::Index>(i), 0) = 1;
    for (int j = 1; j < p; ++j) d.X(static_cast<Eigen::Index>(i), j) = z(rng);
  }
  return d;
}

}  // namespace

TEST_CASE("intercept-only sums equal metafor's k x k matrix expressions", "[model]") {
  const Data d = simulated_studies(25, 1, 7);
  const auto m = model::intercept_only(d.y, d.v, 1);
  for (double tau2 : {0.0, 0.05, 2.0}) check_against_naive(*m, d.X, tau2, false);
  check_against_naive(*m, d.X, 0, true);
}

TEST_CASE("design-matrix p x p algebra equals metafor's k x k matrix expressions", "[model]") {
  const Data d = simulated_studies(30, 3, 11);
  const auto m = model::with_design(d.y, d.v, d.X, 1);
  for (double tau2 : {0.0, 0.05, 2.0}) check_against_naive(*m, d.X, tau2, false);
  check_against_naive(*m, d.X, 0, true);
  // With X = 1 the design path and the sums path agree too.
  const auto one = model::with_design(d.y, d.v, Eigen::MatrixXd::Ones(30, 1), 1);
  const auto sums = model::intercept_only(d.y, d.v, 1);
  CHECK(one->wls(model::Weights::inverse(0.1)).rss == Approx(sums->wls(model::Weights::inverse(0.1)).rss).epsilon(1e-12));
}

TEST_CASE("chunked sums are bit-identical whatever the thread count", "[model]") {
  const Data d = simulated_studies(200003, 1, 3);  // several chunks and a ragged last one
  const auto one = model::intercept_only(d.y, d.v, 1);
  const auto want = model::kWlsTraces | model::kWlsVTraces | model::kWlsLogLik;
  const auto r1 = one->wls(model::Weights::inverse(0.07), want);
  for (unsigned threads : {2u, 3u, 8u}) {
    const auto r = model::intercept_only(d.y, d.v, threads)->wls(model::Weights::inverse(0.07), want);
    CHECK(r.beta(0) == r1.beta(0));  // exact equality on purpose
    CHECK(r.rss == r1.rss);
    CHECK(r.yPPy == r1.yPPy);
    CHECK(r.trPP == r1.trPP);
    CHECK(r.sumPVP == r1.sumPVP);
    CHECK(r.sum_log_w == r1.sum_log_w);
  }
  CHECK(one->mean_sq_dev() == model::intercept_only(d.y, d.v, 4)->mean_sq_dev());
}
