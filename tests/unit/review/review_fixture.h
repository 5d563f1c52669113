#pragma once
// What the review tests share: the study library (studies/, read once) and the reviews
// shipped with it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/diagnostics.h"
#include "core/study.h"
#include "io/study_reader.h"
#include "review/analysis.h"
#include "review/review.h"
#include "../../support/golden_csv.h"

namespace metareview::test {

inline const std::string kSource = METAREVIEW_SOURCE_DIR;

/// studies/*.xml; a diagnostic fails the test run.
inline const core::StudySet& library() {
  static const core::StudySet set = [] {
    core::Diagnostics diag;
    auto s = io::read_studies({kSource + "/studies"}, diag);
    if (!s) FAIL("studies/ does not load:\n" << diag.to_string());
    return *s;
  }();
  return set;
}

/// The review file `path` (under the source tree), read against library(); a diagnostic
/// fails the test.
inline review::Review review_at(const std::string& path) {
  core::Diagnostics diag;
  auto r = review::read_review(kSource + "/" + path, library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  REQUIRE(diag.empty());
  return *r;
}

/// studies/reviews/<id>.xml.
inline review::Review shipped_review(const std::string& id) { return review_at("studies/reviews/" + id + ".xml"); }

/// tests/data/reviews/fixtures/<id>.xml (reviews kept for engine tests, e.g. carfilzomib-mixed:
/// the carfilzomib review with its designs pooled).
inline review::Review fixture_review(const std::string& id) {
  return review_at("tests/data/reviews/fixtures/" + id + ".xml");
}

/// The analysis `id` of `r`.
inline const review::Analysis& analysis(const review::Review& r, const std::string& id) {
  const auto it = std::find_if(r.analyses.begin(), r.analyses.end(), [&](const auto& a) { return a.id == id; });
  INFO("review " << r.id << ", analysis " << id);
  REQUIRE(it != r.analyses.end());
  return *it;
}

/// The result of analysis `id` in `r`.
inline const review::AnalysisResult& result(const review::ReviewResult& r, const std::string& id) {
  for (const auto& a : r.analyses)
    if (a.analysis->id == id) return a;
  FAIL("no result for analysis " << id);
  return r.analyses.front();
}

/// One value of tests/golden/review/review_golden.csv (made by make_golden.R there): `i` = 0
/// for a scalar, 1..k for a per-study value.
inline double golden(const std::string& case_name, const std::string& field, int i = 0) {
  static const GoldenCsv csv("tests/golden/review/review_golden.csv");
  for (std::size_t r = 0; r < csv.size(); ++r)
    if (csv.str(r, "case") == case_name && csv.str(r, "field") == field && csv.str(r, "i") == std::to_string(i))
      return csv.num(r, "value");
  FAIL("no golden value " << case_name << " " << field << " " << i);
  return 0;
}

}  // namespace metareview::test
