#pragma once
// A copy of the study library with hypothetical risk-of-bias assessments, for the engine
// tests of exclude-rob="high" (docs/review-format.md, "Sensitivity by risk of bias"). No
// shipped RCT of the anti-CD38 analysis is at high risk, so the copy judges POLLUX's PFS
// "high" and drops CASTOR's assessment; the study files themselves are untouched.
#include <algorithm>

#include "core/study.h"

namespace metareview::test {

inline core::StudySet with_hypothetical_rob(const core::StudySet& library) {
  core::StudySet out = library;
  for (core::Study& s : out.studies) {
    if (s.id == "castor-2016") s.risk_of_bias.clear();
    if (s.id != "pollux-2016") continue;
    for (core::RobAssessment& r : s.risk_of_bias)
      if (r.covers("pfs")) r.overall.judgment = "high";
  }
  return out;
}

}  // namespace metareview::test
