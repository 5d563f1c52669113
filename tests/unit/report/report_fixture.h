#pragma once
// What the report tests share: the study library (studies/), the test review
// tests/data/report/report-anti-cd38.xml run once, its figures and texts, the shipped
// templates, golden values of R metafor (tests/golden/review/review_golden.csv, made by
// make_golden.R there for the same six trials) and temporary directories.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/diagnostics.h"
#include "core/study.h"
#include "io/study_reader.h"
#include "render/font.h"
#include "report/context.h"
#include "report/figures.h"
#include "report/template_engine.h"
#include "review/analysis.h"
#include "review/review.h"
#include "../../support/files.h"
#include "../../support/golden_csv.h"

namespace report_test {

namespace fs = std::filesystem;
namespace rp = metareview::report;
using metareview::core::Diagnostics;

inline const std::string kSource = METAREVIEW_SOURCE_DIR;

using metareview::test::slurp;
using metareview::test::temp_dir;

inline void spit(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

inline const metareview::core::StudySet& library() {
  static const metareview::core::StudySet set = [] {
    Diagnostics diag;
    auto s = metareview::io::read_studies({kSource + "/studies"}, diag);
    if (!s) FAIL("studies/ does not load:\n" << diag.to_string());
    return *s;
  }();
  return set;
}

inline const metareview::review::Review& test_review() {
  static const metareview::review::Review r = [] {
    Diagnostics diag;
    auto rv = metareview::review::read_review(kSource + "/tests/data/report/report-anti-cd38.xml", library(), diag);
    if (!rv) FAIL("tests/data/report/report-anti-cd38.xml does not load:\n" << diag.to_string());
    return *rv;
  }();
  return r;
}

inline const metareview::review::ReviewResult& test_result() {
  static const metareview::review::ReviewResult r = metareview::review::run_review(test_review(), library());
  return r;
}

inline const metareview::render::FontMeasurer& fonts() {
  static const metareview::render::FontMeasurer m;
  return m;
}

inline const std::vector<rp::AnalysisFigures>& test_figures() {
  static const std::vector<rp::AnalysisFigures> f = [] {
    std::vector<rp::AnalysisFigures> out;
    for (const auto& a : test_result().analyses)
      out.push_back(rp::analysis_figures(a, test_result(), fonts(), a.analysis->id));
    return out;
  }();
  return f;
}

/// A shipped template (templates/NAME), checked against `schema`.
inline rp::Template shipped_template(const std::string& name, const rp::Schema& schema) {
  Diagnostics diag;
  auto t = rp::load_template(kSource + "/templates/" + name, schema, diag);
  INFO(diag.to_string());
  REQUIRE(t);
  return *t;
}

/// The test review as text, methods filled from templates/methods.txt.
inline const rp::ReviewText& test_text() {
  static const rp::ReviewText t = [] {
    rp::ReviewText text = rp::review_text(test_result(), test_figures(), {{"review", "x.xml", "0"}},
                                          {kSource + "/studies", "", &library()});
    rp::render_methods(text, shipped_template("methods.txt", rp::methods_schema()));
    return text;
  }();
  return t;
}

/// One value of tests/golden/review/review_golden.csv: i = 0 for a scalar, 1..k per study.
inline double golden(const std::string& case_name, const std::string& field, int i = 0) {
  static const metareview::test::GoldenCsv csv("tests/golden/review/review_golden.csv");
  for (std::size_t r = 0; r < csv.size(); ++r)
    if (csv.str(r, "case") == case_name && csv.str(r, "field") == field && csv.str(r, "i") == std::to_string(i))
      return csv.num(r, "value");
  FAIL("no golden value " << case_name << " " << field << " " << i);
  return 0;
}

}  // namespace report_test
