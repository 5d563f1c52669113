#include "stats/tests.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/format.h"
#include "stats/distributions.h"

namespace metareview::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_cells(const char* fn, double a, double b, double c, double d) {
  for (double x : {a, b, c, d})
    if (!(x >= 0 && std::isfinite(x)))
      throw Error(std::string(fn) + ": cells must be finite and >= 0, got " + core::format_shortest(x));
}

void check_arm(const std::string& fn, double sd, double n, double min_n, const char* sd_name, const char* n_name) {
  if (!(sd >= 0 && std::isfinite(sd)))
    throw Error(fn + ": " + sd_name + " must be >= 0, got " + core::format_shortest(sd));
  if (!(n >= min_n && std::isfinite(n)))
    throw Error(fn + ": " + n_name + " must be >= " + core::format_shortest(min_n) + ", got " +
                core::format_shortest(n));
}

TestResult t_result(double t, double df, const char* method) {
  TestResult r;
  r.statistic = t;
  r.df = df;
  r.p = p_two_sided_t(t, df);
  r.method = method;
  return r;
}

}  // namespace

TestResult chisq_test_2x2(double a, double b, double c, double d, bool yates) {
  const char* fn = "chisq_test_2x2(a, b, c, d)";
  check_cells(fn, a, b, c, d);
  const double obs[4] = {a, b, c, d};
  const double row[2] = {a + b, c + d}, col[2] = {a + c, b + d};
  const double n = a + b + c + d;
  if (row[0] == 0 || row[1] == 0 || col[0] == 0 || col[1] == 0)
    throw Error(std::string(fn) + ": a row or column total is 0, so the test is undefined (table " +
                core::format_shortest(a) + ", " + core::format_shortest(b) + ", " + core::format_shortest(c) + ", " +
                core::format_shortest(d) + ")");
  double expected[4];
  double min_dev = std::numeric_limits<double>::infinity();
  for (int i = 0; i < 4; ++i) {
    expected[i] = row[i / 2] * col[i % 2] / n;
    min_dev = std::min(min_dev, std::fabs(obs[i] - expected[i]));
  }
  // Ref: R chisq.test(): Yates' correction 0.5, but never more than the smallest |O - E|.
  const double correction = yates ? std::min(0.5, min_dev) : 0.0;
  TestResult r;
  r.statistic = 0;
  bool small = false;
  for (int i = 0; i < 4; ++i) {
    const double dev = std::fabs(obs[i] - expected[i]) - correction;
    r.statistic += dev * dev / expected[i];
    small = small || expected[i] < 5;
  }
  r.df = 1;
  r.p = p_upper_chi2(r.statistic, 1);
  r.method = yates ? "Pearson's Chi-squared test with Yates' continuity correction" : "Pearson's Chi-squared test";
  if (small) r.warning = "Chi-squared approximation may be incorrect";
  return r;
}

TestResult fisher_test_2x2(double a, double b, double c, double d) {
  const char* fn = "fisher_test_2x2(a, b, c, d)";
  check_cells(fn, a, b, c, d);
  for (double x : {a, b, c, d})
    if (x != std::floor(x) || x > 1e9)
      throw Error(std::string(fn) + ": cells must be integers, got " + core::format_shortest(x));
  // Ref: R fisher.test(): a ~ hypergeometric with m = a + c "white" of N = a + b + c + d
  // balls and k = a + b drawn; the support runs from max(0, k - (b + d)) to min(k, m).
  const auto m = static_cast<unsigned>(a + c), k = static_cast<unsigned>(a + b);
  const auto total = static_cast<unsigned>(a + b + c + d);
  const auto x = static_cast<unsigned>(a);
  const unsigned lo = k > total - m ? k - (total - m) : 0u;
  const unsigned hi = std::min(k, m);
  std::vector<double> prob;
  prob.reserve(hi - lo + 1);
  double sum = 0;
  boost_checked(fn,
                "a = " + core::format_shortest(a) + ", b = " + core::format_shortest(b) + ", c = " +
                    core::format_shortest(c) + ", d = " + core::format_shortest(d),
                [&] {
                  const boost::math::hypergeometric_distribution<double, Policy> dist(m, k, total);
                  for (unsigned s = lo; s <= hi; ++s) {
                    prob.push_back(pdf(dist, s));
                    sum += prob.back();
                  }
                });
  // As R, the probabilities are normalised and ties are judged with relative tolerance 1e-7.
  const double observed = prob[x - lo] / sum * (1 + 1e-7);
  double p = 0;
  for (double q : prob)
    if (q / sum <= observed) p += q / sum;
  TestResult r;
  r.statistic = a;
  r.df = kNaN;
  r.p = std::min(1.0, p);
  r.method = "Fisher's Exact Test for Count Data";
  return r;
}

TestResult t_test_student(double m1, double sd1, double n1, double m2, double sd2, double n2) {
  const std::string fn = "t_test_student(m1, sd1, n1, m2, sd2, n2)";
  check_arm(fn, sd1, n1, 1, "sd1", "n1");
  check_arm(fn, sd2, n2, 1, "sd2", "n2");
  if (!(n1 + n2 > 2)) throw Error(fn + ": n1 + n2 must be > 2, got " + core::format_shortest(n1 + n2));
  // Ref: Student (1908); R t.test(var.equal = TRUE): pooled variance on n1 + n2 - 2 df.
  const double df = n1 + n2 - 2;
  const double pooled = ((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / df;
  const double se = std::sqrt(pooled * (1 / n1 + 1 / n2));
  if (!(se > 0)) throw Error(fn + ": both SDs are 0, so t is undefined");
  return t_result((m1 - m2) / se, df, "Two Sample t-test");
}

TestResult t_test_welch(double m1, double sd1, double n1, double m2, double sd2, double n2) {
  const std::string fn = "t_test_welch(m1, sd1, n1, m2, sd2, n2)";
  check_arm(fn, sd1, n1, 2, "sd1", "n1");
  check_arm(fn, sd2, n2, 2, "sd2", "n2");
  // Ref: Welch (1947); R t.test(var.equal = FALSE): Welch-Satterthwaite df.
  const double v1 = sd1 * sd1 / n1, v2 = sd2 * sd2 / n2;
  const double se2 = v1 + v2;
  if (!(se2 > 0)) throw Error(fn + ": both SDs are 0, so t is undefined");
  const double df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
  return t_result((m1 - m2) / std::sqrt(se2), df, "Welch Two Sample t-test");
}

MannWhitneyResult mann_whitney_ordered(const std::vector<double>& counts1, const std::vector<double>& counts2,
                                       bool correct) {
  const std::string fn = "mann_whitney_ordered(counts1, counts2)";
  if (counts1.size() != counts2.size())
    throw Error(fn + ": the arms have " + std::to_string(counts1.size()) + " and " +
                std::to_string(counts2.size()) + " categories; they must have the same number");
  double n1 = 0, n2 = 0;
  for (std::size_t j = 0; j < counts1.size(); ++j) {
    for (double c : {counts1[j], counts2[j]})
      if (!(c >= 0 && std::isfinite(c)))
        throw Error(fn + ": counts must be finite and >= 0, got " + core::format_shortest(c));
    n1 += counts1[j];
    n2 += counts2[j];
  }
  if (!(n1 > 0 && n2 > 0)) throw Error(fn + ": each arm needs at least one observation");
  // Ref: R wilcox.test(exact = FALSE): category j holds t_j tied observations, all ranked
  // at the mid-rank of their block; the variance loses sum(t^3 - t) / (N (N - 1)).
  const double n = n1 + n2;
  double before = 0, rank_sum1 = 0, ties = 0;
  for (std::size_t j = 0; j < counts1.size(); ++j) {
    const double t = counts1[j] + counts2[j];
    rank_sum1 += counts1[j] * (before + (t + 1) / 2);
    ties += t * t * t - t;
    before += t;
  }
  MannWhitneyResult r;
  r.w = rank_sum1 - n1 * (n1 + 1) / 2;
  r.u = std::min(r.w, n1 * n2 - r.w);
  const double centred = r.w - n1 * n2 / 2;
  const double sigma = std::sqrt((n1 * n2 / 12) * ((n + 1) - ties / (n * (n - 1))));
  if (!(sigma > 0)) throw Error(fn + ": every observation is in one category, so the test is undefined");
  const double sign = centred > 0 ? 1.0 : (centred < 0 ? -1.0 : 0.0);
  const double correction = correct ? sign * 0.5 : 0.0;
  r.z = (centred - correction) / sigma;
  r.p = p_two_sided_z(r.z);
  return r;
}

double log_se_from_ci(double ci_lb, double ci_ub, double level_percent) {
  const std::string fn = "log_se_from_ci(ci_lb, ci_ub, level)";
  if (!(ci_lb > 0 && std::isfinite(ci_lb)))
    throw Error(fn + ": ci_lb must be > 0, got " + core::format_shortest(ci_lb));
  if (!(ci_ub > ci_lb && std::isfinite(ci_ub)))
    throw Error(fn + ": ci_ub must exceed ci_lb (" + core::format_shortest(ci_lb) + "), got " +
                core::format_shortest(ci_ub));
  if (!(level_percent > 0 && level_percent < 100))
    throw Error(fn + ": level must be in (0, 100), got " + core::format_shortest(level_percent));
  // Ref: Altman & Bland (2011), BMJ 343:d2090: a ratio's CI is symmetric on the log scale.
  return (std::log(ci_ub) - std::log(ci_lb)) / (2 * z_crit(level_percent));
}

TestResult wald_test_ratio_ci(double ratio, double ci_lb, double ci_ub, double level_percent) {
  if (!(ratio > 0 && std::isfinite(ratio)))
    throw Error("wald_test_ratio_ci(ratio, ci_lb, ci_ub, level): ratio must be > 0, got " +
                core::format_shortest(ratio));
  TestResult r;
  r.statistic = std::log(ratio) / log_se_from_ci(ci_lb, ci_ub, level_percent);
  r.df = kNaN;
  r.p = p_two_sided_z(r.statistic);
  r.method = "Wald z test from a confidence interval";
  return r;
}

TestResult chisq_statistic_test(double chi2, double df) {
  if (!(chi2 >= 0 && std::isfinite(chi2)))
    throw Error("chisq_statistic_test(chi2, df): chi2 must be >= 0, got " + core::format_shortest(chi2));
  TestResult r;
  r.statistic = chi2;
  r.df = df;
  r.p = p_upper_chi2(chi2, df);
  r.method = "Chi-squared statistic";
  return r;
}

}  // namespace metareview::stats
