#pragma once
// The weighted least-squares core every inverse-variance fit is written against. metafor
// builds the k x k matrix P = W - W X (X'WX)^-1 X'W; every quantity its estimators read
// from P (y'Py, y'PPy, tr P, tr PP, tr PV, ...) is a sum over studies plus p x p algebra,
// so here they are computed in O(k p^2) time and O(k) memory, never forming P.
#include <memory>
#include <vector>

#include <Eigen/Dense>

namespace metareview::model {

/// Study weights of one weighted least-squares pass.
struct Weights {
  double tau2 = 0;    ///< w_i = 1 / (v_i + tau2)
  bool unit = false;  ///< w_i = 1 (ordinary least squares: the HE estimator)

  static Weights inverse(double tau2) { return {tau2, false}; }
  static Weights ones() { return {0, true}; }
};

/// What a pass computes beyond beta, vb, sum_w and RSS (flags, combine with |).
enum WlsWant : unsigned {
  kWlsTraces = 1,   ///< yPPy, trP, trPP, sum_w2
  kWlsVTraces = 2,  ///< trPV, trPVPV, sumPVP (V = diag(vi))
  kWlsLogLik = 4,   ///< sum_log_w, log_det_xwx
};

/// One pass, with metafor's P = W - W X (X'WX)^-1 X'W for the given weights.
struct WlsResult {
  Eigen::VectorXd beta;  ///< (X'WX)^-1 X'W y
  Eigen::MatrixXd vb;    ///< (X'WX)^-1
  double sum_w = 0;
  double rss = 0;        ///< y'P y = sum w_i (y_i - x_i'beta)^2
  // kWlsTraces
  double sum_w2 = 0;
  double yPPy = 0;       ///< y'P P y = sum w_i^2 (y_i - x_i'beta)^2
  double trP = 0, trPP = 0;
  // kWlsVTraces
  double trPV = 0;       ///< tr(P V)
  double trPVPV = 0;     ///< tr(P V P V) (metafor's sum(PV * t(PV)))
  double sumPVP = 0;     ///< sum_ij (PV)_ij P_ij (metafor's sum(PV * P))
  // kWlsLogLik
  double sum_log_w = 0;  ///< sum log w_i = -sum log(v_i + tau2)
  double log_det_xwx = 0;
};

/// A meta-regression problem: yi, vi and a design (intercept only, or X k x p).
class Regression {
 public:
  virtual ~Regression() = default;
  std::size_t k() const { return yi_.size(); }
  virtual int p() const = 0;
  virtual WlsResult wls(const Weights& w, unsigned want = 0) const = 0;

  const std::vector<double>& yi() const { return yi_; }
  const std::vector<double>& vi() const { return vi_; }
  unsigned threads() const { return threads_; }
  /// sum (y_i - mean y)^2 / k: the raw variance metafor's SJ estimator starts from.
  double mean_sq_dev() const;

 protected:
  Regression(std::vector<double> yi, std::vector<double> vi, unsigned threads)
      : yi_(std::move(yi)), vi_(std::move(vi)), threads_(threads) {}
  std::vector<double> yi_, vi_;
  unsigned threads_;
};

/// Intercept-only model: every pass is a pair of chunked sums (threads: see Control).
std::unique_ptr<Regression> intercept_only(std::vector<double> yi, std::vector<double> vi,
                                           unsigned threads);
/// Model with a k x p design matrix (Eigen; only p x p matrices beyond X itself).
std::unique_ptr<Regression> with_design(std::vector<double> yi, std::vector<double> vi,
                                        Eigen::MatrixXd X, unsigned threads);

}  // namespace metareview::model
