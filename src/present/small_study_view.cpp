#include "present/small_study_view.h"

#include "core/format.h"
#include "core/measure_info.h"
#include "effect/transform.h"

namespace metareview::present {
namespace {

using review::SmallStudyTest;

std::string long_name(SmallStudyTest t) {
  switch (t) {
    case SmallStudyTest::Egger: return "Egger's regression test";
    case SmallStudyTest::Begg: return "Begg and Mazumdar's rank correlation test";
    case SmallStudyTest::Peters: return "Peters' regression test";
    case SmallStudyTest::Harbord: return "Harbord's score test";
  }
  return "";
}

std::string short_name(SmallStudyTest t) {
  switch (t) {
    case SmallStudyTest::Egger: return "Egger's test";
    case SmallStudyTest::Begg: return "Begg's test";
    case SmallStudyTest::Peters: return "Peters' test";
    case SmallStudyTest::Harbord: return "Harbord's test";
  }
  return "";
}

std::string statistic_text(const review::SmallStudyTestResult& r) {
  std::string s = (r.statistic == "tau" ? "Kendall's tau" : r.statistic) + " = " +
                  core::format_fixed(r.value, r.statistic == "tau" ? 3 : 2);
  if (r.df) s += ", df = " + core::format_count(*r.df);
  return s + ", " + core::format_p_clause(r.pval);
}

/// "Egger's test and trim-and-fill", "Egger's test, Begg's test and trim-and-fill".
std::string asked_list(const review::SmallStudyDecl& d) {
  std::vector<std::string> names;
  for (const SmallStudyTest t : d.tests) names.push_back(short_name(t));
  if (d.trimfill) names.emplace_back("trim-and-fill");
  return joined_with_and(names);
}

/// "hazard ratio 0.80 [0.70, 0.92]" on the display scale.
std::string estimate_text(core::Measure m, double est, double lb, double ub, const std::vector<double>& ni) {
  return std::string(core::measure_info(m).name) + " " +
         core::format_ci(effect::back_transform(m, est, ni), effect::back_transform(m, lb, ni),
                         effect::back_transform(m, ub, ni));
}

std::string trimfill_sentence(const review::AnalysisResult& a, const methods::Trimfill& t, const model::Fit& primary) {
  const core::Measure m = a.es.measure;
  std::vector<double> ni;
  for (const std::size_t i : a.es.usable_rows()) ni.push_back(a.es.ni[i]);
  const std::string side(methods::to_string(t.side));
  const std::string primary_text = estimate_text(m, primary.estimate(), primary.ci_lb.at(0), primary.ci_ub.at(0), ni);
  const std::string head = "Trim-and-fill (Duval and Tweedie, " + std::string(methods::to_string(t.options.estimator)) +
                           " estimator, missing studies sought on the " + side + " side)";
  if (t.k0 == 0) return head + " estimates that no study is missing; the estimate stays " + primary_text + ".";
  return head + " estimates " + core::format_count(t.k0) + (t.k0 == 1 ? " missing study" : " missing studies") +
         "; with " + (t.k0 == 1 ? "it" : "them") + " filled in, " + estimate_text(m, t.estimate, t.ci_lb, t.ci_ub, ni) +
         ", against " + primary_text + " in the primary analysis. A sensitivity result, not a corrected estimate: "
         "trim-and-fill assumes the asymmetry comes from missing studies.";
}

}  // namespace

std::string joined_with_and(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

SmallStudyView small_study_view(const review::AnalysisResult& a) {
  SmallStudyView v;
  if (!a.analysis || !a.analysis->small_study || !a.small_study) return v;
  const review::SmallStudyDecl& decl = *a.analysis->small_study;
  const review::SmallStudyResult& s = *a.small_study;
  v.asked = true;
  const std::string k = core::format_count(s.k);
  if (!s.tested) {
    // Ref: Cochrane Handbook (version 6.4) 13.3.5.4.
    const std::size_t asked = decl.tests.size() + (decl.trimfill ? 1 : 0);
    v.not_tested = asked_list(decl) + (asked == 1 ? " was" : " were") + " not run: with " + k +
                   " studies, fewer than 10, tests for funnel-plot asymmetry have too little power to tell chance "
                   "from real asymmetry (Cochrane Handbook 13.3.5.4)" +
                   (decl.trimfill ? ", and trim-and-fill rests on the same funnel." : ".");
    v.evidence = "not tested: " + k + " studies, fewer than 10 (Cochrane Handbook 13.3.5.4)";
    return v;
  }
  std::vector<std::string> evidence;
  for (const review::SmallStudyTestResult& r : s.tests) {
    SmallStudyTestView t;
    t.name = long_name(r.test);
    if (!r.error.empty()) {
      t.result = "not computed: " + r.error;
      t.reading = short_name(r.test) + " could not be computed.";
      evidence.push_back(short_name(r.test) + " not computed");
    } else {
      t.result = statistic_text(r);
      t.asymmetry = r.pval < kAsymmetryP;
      const std::string p = core::format_p_clause(r.pval);
      t.reading = t.asymmetry ? short_name(r.test) + " suggests funnel-plot asymmetry (" + p + ")."
                              : short_name(r.test) + " gives no clear evidence of funnel-plot asymmetry (" + p + ").";
      evidence.push_back(short_name(r.test) + " " + p);
    }
    v.asymmetry = v.asymmetry || t.asymmetry;
    v.tests.push_back(std::move(t));
  }
  // Ref: Sterne et al. (2011) BMJ 343:d4002: funnel-plot asymmetry should not be equated with
  // publication bias, because it has a number of other possible causes.
  if (v.asymmetry)
    v.caution = "Asymmetry means smaller studies show different effects from larger ones; besides reporting "
                "biases, differences in methodological quality, true heterogeneity, artefacts of the measure or "
                "chance can cause it (Sterne et al., BMJ 2011;343:d4002).";
  const model::Fit* primary = a.random ? &*a.random : a.common ? &*a.common : nullptr;
  if (s.trimfill && primary) v.trimfill = trimfill_sentence(a, *s.trimfill, *primary);
  else if (decl.trimfill) v.trimfill = "Trim-and-fill could not be computed: " + s.trimfill_error + ".";
  v.evidence = evidence.empty() ? "no test asked for (trim-and-fill only)" : "";
  for (std::size_t i = 0; i < evidence.size(); ++i) v.evidence += (i ? "; " : "") + evidence[i];
  return v;
}

}  // namespace metareview::present
