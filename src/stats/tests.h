#pragma once
// Two-group tests as clinical papers report them, each matching the R function named in
// its comment. Statistics are returned unrounded; comparing them with printed values is
// the caller's business.
#include <string>
#include <vector>

namespace metareview::stats {

/// A test result in the shape of R's htest: statistic, df (NaN when the test has none),
/// two-sided p, and R's method string.
struct TestResult {
  double statistic = 0;
  double df = 0;
  double p = 1;
  std::string method;
  /// R's warning, verbatim, when it would give one ("Chi-squared approximation may be
  /// incorrect" for an expected count below 5); "" otherwise.
  std::string warning;
};

/// Pearson's chi-squared test of the 2x2 table [[a, b], [c, d]] (rows = groups), as R's
/// chisq.test(correct = yates): with Yates' correction |O - E| is reduced by
/// min(0.5, |O - E|). Throws metareview::Error for a negative cell or an empty row/column.
TestResult chisq_test_2x2(double a, double b, double c, double d, bool yates);

/// Fisher's exact test, two-sided, of the 2x2 table [[a, b], [c, d]], as R's fisher.test:
/// p sums the hypergeometric probabilities of every table with the observed margins whose
/// probability is <= that of the observed table times 1 + 1e-7. statistic = a, df = NaN.
/// Throws metareview::Error unless every cell is a non-negative integer.
TestResult fisher_test_2x2(double a, double b, double c, double d);

/// Student's two-sample t test (pooled variance, df = n1 + n2 - 2) from summary data, as
/// R's t.test(var.equal = TRUE); t = (m1 - m2) / SE. Throws metareview::Error when n1 + n2
/// <= 2, a size is < 1, an SD is negative, or both SDs are 0.
TestResult t_test_student(double m1, double sd1, double n1, double m2, double sd2, double n2);

/// Welch's t test (Welch-Satterthwaite df) from summary data, as R's t.test(var.equal =
/// FALSE). Throws metareview::Error when a size is < 2, an SD is negative or both are 0.
TestResult t_test_welch(double m1, double sd1, double n1, double m2, double sd2, double n2);

/// Wilcoxon-Mann-Whitney test of two arms over ordered categories.
struct MannWhitneyResult {
  double w = 0;  ///< R's W: rank sum of arm 1 minus n1 (n1 + 1) / 2 (the U of arm 1)
  double u = 0;  ///< min(W, n1 n2 - W), the U SPSS prints
  double z = 0;  ///< normal approximation, ties-corrected; negative when arm 1 ranks lower
  double p = 1;  ///< two-sided
};

/// Mann-Whitney U from counts per ordered category (counts1[j], counts2[j] in category j,
/// lowest first), as R's wilcox.test(x, y, exact = FALSE, correct = correct) on the
/// expanded data: mid-ranks for ties, the ties-corrected variance, and with `correct`
/// a continuity correction of 0.5 toward zero. Throws metareview::Error for unequal
/// lengths, a negative count, an empty arm, or when every observation is tied.
MannWhitneyResult mann_whitney_ordered(const std::vector<double>& counts1, const std::vector<double>& counts2,
                                       bool correct);

/// SE of a log ratio from its CI at `level_percent`: (log ci_ub - log ci_lb) / (2 z), z the
/// two-sided N(0, 1) critical value (1.96 at 95, 2.5758 at 99, 2.0047 at 95.4, 1.6449 at 90).
/// Throws metareview::Error unless 0 < ci_lb < ci_ub and 0 < level < 100.
double log_se_from_ci(double ci_lb, double ci_ub, double level_percent = 95.0);

/// Wald test of a ratio from its CI: z = log(ratio) / SE, SE = (log ci_ub - log ci_lb) /
/// (2 z_crit(level)); two-sided p. df = NaN. Throws metareview::Error unless
/// 0 < ci_lb < ci_ub, ratio > 0 and 0 < level < 100.
TestResult wald_test_ratio_ci(double ratio, double ci_lb, double ci_ub, double level_percent = 95.0);

/// The upper-tail p of a chi-squared statistic (1 df unless given), e.g. a log-rank chi2.
TestResult chisq_statistic_test(double chi2, double df = 1.0);

}  // namespace metareview::stats
