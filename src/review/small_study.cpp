#include "review/small_study.h"

#include "core/codes.h"
#include "core/error.h"
#include "core/measure_info.h"
#include "methods/ranktest.h"
#include "methods/regtest.h"

namespace metareview::review {
namespace {

constexpr auto kTests = core::enum_codes<SmallStudyTest>({{SmallStudyTest::Egger, "egger"},
                                                          {SmallStudyTest::Begg, "begg"},
                                                          {SmallStudyTest::Peters, "peters"},
                                                          {SmallStudyTest::Harbord, "harbord"}});

SmallStudyTestResult run_test(SmallStudyTest test, const effect::EffectTable& es, const model::ModelSpec& spec) {
  SmallStudyTestResult r;
  r.test = test;
  switch (test) {
    case SmallStudyTest::Egger: {
      // Ref: Egger et al. (1997) BMJ 315:629, as metafor's regtest() defaults: the model of the
      // analysis refitted with the standard error as moderator.
      const methods::Regtest g = methods::regtest(es, spec);
      r.statistic = g.t_test() ? "t" : "z", r.value = g.zval, r.df = g.ddf, r.pval = g.pval;
      r.intercept = g.intercept, r.slope = g.slope;
      return r;
    }
    case SmallStudyTest::Begg: {
      // Ref: Begg & Mazumdar (1994) Biometrics 50:1088.
      const methods::Ranktest t = methods::ranktest(es);
      r.statistic = "tau", r.value = t.tau, r.pval = t.pval;
      return r;
    }
    case SmallStudyTest::Peters:
    case SmallStudyTest::Harbord: {
      // Ref: Peters et al. (2006) JAMA 295:676; Harbord et al. (2006) Stat Med 25:3443.
      const methods::BinaryBias b = methods::binary_bias_test(
          es, test == SmallStudyTest::Peters ? methods::BinaryBiasTest::Peters : methods::BinaryBiasTest::Harbord);
      r.statistic = "t", r.value = b.statistic, r.df = b.df, r.pval = b.pval;
      return r;
    }
  }
  return r;
}

}  // namespace

std::string_view to_string(SmallStudyTest t) { return kTests.code(t); }
std::optional<SmallStudyTest> parse_small_study_test(std::string_view code) { return kTests.parse(code); }
std::string valid_small_study_tests() { return kTests.valid(); }

std::string small_study_measure_problem(SmallStudyTest t, core::Measure m) {
  const bool counts = core::measure_info(m).family == core::InputFamily::TwoByTwo;
  if (t == SmallStudyTest::Peters && !counts) return "Peters' test works from 2x2 counts: OR, RR or RD";
  if (t == SmallStudyTest::Harbord && m != core::Measure::OR) return "Harbord's test works from 2x2 counts: OR";
  return "";
}

SmallStudyResult small_study(const effect::EffectTable& es, const model::ModelSpec& spec, int k,
                             const SmallStudyDecl& decl) {
  SmallStudyResult s;
  s.k = k;
  s.tested = k >= kMinStudiesForSmallStudyTests;
  if (!s.tested) return s;
  for (const SmallStudyTest t : decl.tests) {
    try {
      s.tests.push_back(run_test(t, es, spec));
    } catch (const Error& e) {
      SmallStudyTestResult failed;
      failed.test = t;
      failed.error = e.what();
      s.tests.push_back(std::move(failed));
    }
  }
  if (decl.trimfill) {
    try {
      s.trimfill = methods::trimfill(es, spec);
    } catch (const Error& e) {
      s.trimfill_error = e.what();
    }
  }
  return s;
}

}  // namespace metareview::review
