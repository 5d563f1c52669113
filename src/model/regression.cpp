#include "model/regression.h"

#include <cmath>

#include "model/chunked_sum.h"

namespace metareview::model {
namespace {

inline double weight(const Weights& w, double vi) { return w.unit ? 1.0 : 1.0 / (vi + w.tau2); }

// With X = 1, (X'WX)^-1 = 1/S and every trace of P = W - w w'/S reduces to power sums of
// the weights (S = sum w, S2 = sum w^2, ...):
//   tr P = S - S2/S,  tr PP = S2 - 2 S3/S + S2^2/S^2
//   tr PV = sum wv - sum w^2 v/S
//   tr PVPV = sum (wv)^2 - 2 sum (wv)^2 w/S + (sum w^2 v)^2/S^2
//   sum(PV * P) = sum v w^2 - 2 sum v w^3/S + S2 sum v w^2/S^2
// Ref: the p = 1 case of the identities in DesignRegression::wls below.
class InterceptOnly final : public Regression {
 public:
  InterceptOnly(std::vector<double> yi, std::vector<double> vi, unsigned threads)
      : Regression(std::move(yi), std::move(vi), threads) {}
  int p() const override { return 1; }

  WlsResult wls(const Weights& w, unsigned want) const override {
    const double* y = yi_.data();
    const double* v = vi_.data();
    const bool traces = want & kWlsTraces, vtraces = want & kWlsVTraces, loglik = want & kWlsLogLik;
    enum { S, Swy, S2, S3, Slog, Swv, Sw2v, Sw2v2, Sw3v2, Sw3v, N1 };
    const auto s = detail::chunked_sum<N1>(k(), threads_, [&](std::size_t b, std::size_t e, auto& acc) {
      for (std::size_t i = b; i < e; ++i) {
        const double wi = weight(w, v[i]);
        acc[S] += wi;
        acc[Swy] += wi * y[i];
        if (traces || vtraces) {
          const double w2 = wi * wi;
          acc[S2] += w2;
          acc[S3] += w2 * wi;
          if (vtraces) {
            const double w2v = w2 * v[i], u2 = w2v * v[i];
            acc[Swv] += wi * v[i];
            acc[Sw2v] += w2v;
            acc[Sw2v2] += u2;
            acc[Sw3v2] += u2 * wi;
            acc[Sw3v] += w2v * wi;
          }
        }
        if (loglik) acc[Slog] += std::log(wi);
      }
    });
    const double mu = s[Swy] / s[S];
    const auto r = detail::chunked_sum<2>(k(), threads_, [&](std::size_t b, std::size_t e, auto& acc) {
      for (std::size_t i = b; i < e; ++i) {
        const double wi = weight(w, v[i]), d = y[i] - mu, we2 = wi * d * d;
        acc[0] += we2;
        acc[1] += wi * we2;
      }
    });
    WlsResult out;
    out.beta = Eigen::VectorXd::Constant(1, mu);
    out.vb = Eigen::MatrixXd::Constant(1, 1, 1.0 / s[S]);
    out.sum_w = s[S];
    out.rss = r[0];
    if (traces || vtraces) {
      out.sum_w2 = s[S2];
      out.yPPy = r[1];
      out.trP = s[S] - s[S2] / s[S];
      out.trPP = s[S2] - 2 * s[S3] / s[S] + (s[S2] / s[S]) * (s[S2] / s[S]);
    }
    if (vtraces) {
      const double e = s[Sw2v] / s[S];
      out.trPV = s[Swv] - e;
      out.trPVPV = s[Sw2v2] - 2 * s[Sw3v2] / s[S] + e * e;
      out.sumPVP = s[Sw2v] - 2 * s[Sw3v] / s[S] + s[S2] * s[Sw2v] / (s[S] * s[S]);
    }
    if (loglik) {
      out.sum_log_w = s[Slog];
      out.log_det_xwx = std::log(s[S]);
    }
    return out;
  }
};

// General X. With B = (X'WX)^-1, M(d) = X' diag(d) X, h_i = x_i'B x_i, C = M(w^2):
//   P_ii = w_i - w_i^2 h_i, so tr P = sum w - tr(B M(w^2))
//   PP = W^2 - W^2 X B X'W - W X B X'W^2 + W X B C B X'W,
//     so tr PP = sum w^2 - 2 tr(B M(w^3)) + tr(B C B C)
//   PV = D - W X B X'D with D = diag(w v) = diag(u):
//     tr PV = sum u - tr(B M(w u)),  tr PVPV = sum u^2 - 2 tr(B M(w u^2)) + tr(B E B E), E = M(w u)
//   sum_ij (PV)_ij P_ij = sum_j v_j (PP)_jj = sum v w^2 - 2 tr(B M(v w^3)) + tr(B C B E)
// Ref: direct expansion of metafor's rma.uni matrix expressions (checked against the k x k
// products in tests/unit/model/regression_test.cpp).
class DesignRegression final : public Regression {
 public:
  DesignRegression(std::vector<double> yi, std::vector<double> vi, Eigen::MatrixXd X, unsigned threads)
      : Regression(std::move(yi), std::move(vi), threads), X_(std::move(X)) {}
  int p() const override { return static_cast<int>(X_.cols()); }

  WlsResult wls(const Weights& w, unsigned want) const override {
    const Eigen::Index n = X_.rows();
    const Eigen::Map<const Eigen::VectorXd> y(yi_.data(), n), v(vi_.data(), n);
    const Eigen::ArrayXd wa = w.unit ? Eigen::ArrayXd(Eigen::ArrayXd::Ones(n)) : Eigen::ArrayXd((v.array() + w.tau2).inverse());
    const auto M = [&](const Eigen::ArrayXd& d) -> Eigen::MatrixXd {
      return X_.transpose() * (X_.array().colwise() * d).matrix();
    };
    const Eigen::MatrixXd A = M(wa);
    const Eigen::LLT<Eigen::MatrixXd> llt(A);
    WlsResult out;
    out.vb = llt.solve(Eigen::MatrixXd::Identity(A.rows(), A.cols()));
    out.beta = out.vb * (X_.transpose() * (wa * y.array()).matrix());
    const Eigen::ArrayXd e = y.array() - (X_ * out.beta).array();
    out.sum_w = wa.sum();
    out.rss = (wa * e.square()).sum();
    const Eigen::MatrixXd& B = out.vb;
    const bool traces = want & kWlsTraces, vtraces = want & kWlsVTraces;
    Eigen::MatrixXd C;
    if (traces || vtraces) {
      const Eigen::ArrayXd w2 = wa.square();
      C = M(w2);
      out.sum_w2 = w2.sum();
      out.yPPy = (w2 * e.square()).sum();
      out.trP = out.sum_w - (B * C).trace();
      const Eigen::MatrixXd BC = B * C;
      out.trPP = out.sum_w2 - 2 * (B * M(w2 * wa)).trace() + (BC * BC).trace();
    }
    if (vtraces) {
      const Eigen::ArrayXd u = wa * v.array();
      const Eigen::MatrixXd E = M(wa * u), BE = B * E;
      out.trPV = u.sum() - BE.trace();
      out.trPVPV = u.square().sum() - 2 * (B * M(wa * u.square())).trace() + (BE * BE).trace();
      out.sumPVP = (v.array() * wa.square()).sum() - 2 * (B * M(v.array() * wa.cube())).trace() +
                   (B * C * BE).trace();
    }
    if (want & kWlsLogLik) {
      out.sum_log_w = wa.log().sum();
      out.log_det_xwx = 2 * Eigen::MatrixXd(llt.matrixL()).diagonal().array().log().sum();
    }
    return out;
  }

 private:
  Eigen::MatrixXd X_;
};

}  // namespace

double Regression::mean_sq_dev() const {
  const double* y = yi_.data();
  const auto s = detail::chunked_sum<1>(k(), threads_, [&](std::size_t b, std::size_t e, auto& acc) {
    for (std::size_t i = b; i < e; ++i) acc[0] += y[i];
  });
  const double mean = s[0] / static_cast<double>(k());
  const auto d = detail::chunked_sum<1>(k(), threads_, [&](std::size_t b, std::size_t e, auto& acc) {
    for (std::size_t i = b; i < e; ++i) acc[0] += (y[i] - mean) * (y[i] - mean);
  });
  return d[0] / static_cast<double>(k());
}

std::unique_ptr<Regression> intercept_only(std::vector<double> yi, std::vector<double> vi, unsigned threads) {
  return std::make_unique<InterceptOnly>(std::move(yi), std::move(vi), threads);
}

std::unique_ptr<Regression> with_design(std::vector<double> yi, std::vector<double> vi, Eigen::MatrixXd X,
                                        unsigned threads) {
  return std::make_unique<DesignRegression>(std::move(yi), std::move(vi), std::move(X), threads);
}

}  // namespace metareview::model
