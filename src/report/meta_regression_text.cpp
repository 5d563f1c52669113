#include "report/meta_regression_text.h"

#include "core/format.h"
#include "core/measure.h"
#include "core/text.h"
#include "model/spec.h"

namespace metareview::report {
namespace {

// The analysis' scale, which the coefficients are on: "log hazard ratio" for ratios.
std::string scale_of(core::Measure m) {
  const std::string name(core::to_string(m));
  return core::is_log_ratio(m) ? "log " + name : name;
}

std::string test_sentence(const model::MetaReg& m) {
  const model::Omnibus& o = m.omnibus;
  const std::string p = core::format_p_clause(o.QM_p);
  if (o.QM_df2)
    return "The test of moderators (Hartung-Knapp) gives F = " + core::format_fixed(o.QM, 2) + " (df = " +
           std::to_string(o.QM_df1) + ", " + core::format_count(*o.QM_df2) + "), " + p;
  return "The test of moderators gives QM = " + core::format_fixed(o.QM, 2) + " (df = " + std::to_string(o.QM_df1) +
         "), " + p;
}

std::string residual_sentence(const model::MetaReg& m) {
  const model::Fit& f = m.fit;
  std::string s = "Residual heterogeneity: QE = " + core::format_fixed(f.Q, 2) + " (df = " +
                  core::format_count(f.Q_df) + "), " + core::format_p_clause(f.Q_p);
  if (f.I2) s += ", I² = " + core::format_percent(*f.I2);
  if (m.R2) s += "; the moderators account for " + core::format_percent(*m.R2) + " of the heterogeneity (R²)";
  return s + ".";
}

}  // namespace

MetaRegressionText meta_regression_text(const review::AnalysisResult& a) {
  MetaRegressionText t;
  if (!a.meta_regression || !a.analysis || !a.analysis->meta_regression) return t;
  const review::MetaRegressionDecl& d = *a.analysis->meta_regression;
  const review::MetaRegressionResult& r = *a.meta_regression;
  const std::string on = core::join(d.moderators, ", ");
  if (!r.fit) {
    t.sentences.push_back("The meta-regression on " + on + " could not be fitted on the " + std::to_string(r.k) +
                          " pooled studies: " + r.error + ".");
    return t;
  }
  const model::MetaReg& m = *r.fit;
  const model::Fit& f = m.fit;
  t.sentences.push_back("The analysis' " + std::string(model::to_string(f.spec.method)) + " model with " + on +
                        (d.moderators.size() == 1 ? " as moderator" : " as moderators") + " (k = " +
                        std::to_string(r.k) + ", " + scale_of(f.measure) + " scale). " + test_sentence(m) + ". " +
                        residual_sentence(m));
  // Ref: Cochrane Handbook (version 6.4) 10.11.5 (review/meta_regression.h).
  std::string caveat =
      "Meta-regression is observational: an association across studies does not show that the study attribute "
      "causes the difference (Cochrane Handbook 10.11.5).";
  if (r.too_few_studies())
    caveat = "With " + std::to_string(r.k) + " studies for " + std::to_string(r.modelled()) +
             (r.modelled() == 1 ? " coefficient" : " coefficients") +
             ", fewer than the 10 studies per characteristic the Cochrane Handbook (10.11.5) asks for, "
             "meta-regression is not advisable and this result is exploratory; it is observational too, an "
             "association across studies that does not show that the study attribute causes the difference.";
  t.sentences.push_back(caveat);
  t.statistic = f.df ? "t" : "z";
  t.ci_header = core::format_shortest(f.spec.level) + "% CI";
  for (std::size_t j = 0; j < f.beta.size(); ++j)
    t.rows.push_back({m.names[j] == "intrcpt" ? "Intercept" : m.names[j], core::format_significant(f.beta[j], 3),
                      core::format_significant(f.se[j], 3), core::format_fixed(f.zval[j], 2),
                      core::format_p(f.pval[j]),
                      "[" + core::format_significant(f.ci_lb[j], 3) + ", " + core::format_significant(f.ci_ub[j], 3) + "]"});
  return t;
}

}  // namespace metareview::report
