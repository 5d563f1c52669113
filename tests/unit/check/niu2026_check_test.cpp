// The evidence checks on the seed paper as encoded in studies/niu-2026.xml (Niu et al. 2026,
// West China Medical Journal 38(6):884-889). The recomputed values are R's (the expressions
// are in tests/reference/niu2026_test.cpp and tests/golden/tests/make_golden.R).
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <string>

#include "check/checks.h"
#include "io/study_reader.h"
#include "study_builder.h"
#include "../../support/tolerance.h"

namespace check = metareview::check;
namespace core = metareview::core;
using metareview::test::kRRelative;
using metareview::test::check_support::one;
using metareview::test::check_support::only;

namespace {

const core::Study& niu() {
  static const core::StudySet set = [] {
    core::Diagnostics diag;
    auto s = metareview::io::read_studies({std::string(METAREVIEW_SOURCE_DIR) + "/studies/niu-2026.xml"}, diag);
    if (!s) throw std::runtime_error("studies/niu-2026.xml does not load:\n" + diag.to_string());
    return *s;
  }();
  return set.studies.front();
}

const std::vector<check::Finding>& findings() {
  static const auto f = check::check_study(niu());
  return f;
}

}  // namespace

TEST_CASE("Niu 2026 Table 1: chi2 5.865 (P 0.015) is ok, Pearson's chi2 without Yates' correction", "[check]") {
  const auto f = one(findings(), "chi2", "response-cr-pr-mr");
  CHECK(f.severity == check::Severity::Ok);
  CHECK(f.reported == 5.865);
  // R: chisq.test(matrix(c(30, 12, 17, 21), 2, byrow = TRUE), correct = FALSE)
  CHECK(*f.recomputed == Approx(5.8649525166882377).epsilon(kRRelative));
  CHECK(f.recomputed_text == "5.86495");
  CHECK(f.message ==
        "chi² 5.865 (P = 0.015) is Pearson's chi² without Yates' correction: 5.86495, P = 0.01545");
}

TEST_CASE("Niu 2026 Tables 2 and 3: the ten t values are Student's t, all ok", "[check]") {
  struct Row {
    const char* outcome;
    const char* timepoint;
    double printed;
    double r_student;  // |t| from R (tests/reference/niu2026_test.cpp)
    const char* message;
  };
  // Seven round to the recomputed Student t. Three (0.784, 0.370, 0.437) are one unit off in
  // the third decimal: each is reached by t over means and SDs within their printed rounding
  // (+-0.005), so they are ok with that said (truncating the exact value also gives them).
  const std::array<Row, 10> rows{{
      {"m-protein", "before", 0.784, 0.78495774348549729,
       "t 0.784 (P = 0.435) is Student's t: 0.78496, P = 0.43486; reached within the rounding of the printed means "
       "and SDs (0.77796 to 0.79196), or printed truncated"},
      {"m-protein", "after-3-cycles", 2.997, 2.9968795554938796,
       "t 2.997 (P = 0.004) is Student's t: 2.99688, P = 0.00366"},
      {"haemoglobin", "before", 0.370, 0.37056686480138712,
       "t 0.370 (P = 0.712) is Student's t: 0.37057, P = 0.71196; reached within the rounding of the printed means "
       "and SDs (0.36528 to 0.37586), or printed truncated"},
      {"haemoglobin", "after-3-cycles", 3.365, 3.3651570814342211,
       "t 3.365 (P = 0.001) is Student's t: 3.36516, P = 0.00119"},
      {"beta2-microglobulin", "before", 0.801, 0.80149033119899338,
       "t 0.801 (P = 0.425) is Student's t: 0.80149, P = 0.42528"},
      {"beta2-microglobulin", "after-3-cycles", 2.358, 2.3577693166666753,
       "t 2.358 (P = 0.021) is Student's t: 2.35777, P = 0.02089"},
      {"flc-ratio", "before", 0.437, 0.43770135279597311,
       "t 0.437 (P = 0.663) is Student's t: 0.43770, P = 0.66281; reached within the rounding of the printed means "
       "and SDs (0.43610 to 0.43930), or printed truncated"},
      {"flc-ratio", "after-3-cycles", 2.807, 2.8073472696938184,
       "t 2.807 (P = 0.006) is Student's t: 2.80735, P = 0.00631"},
      {"ldh", "before", 0.321, 0.32094470959215604, "t 0.321 (P = 0.749) is Student's t: 0.32094, P = 0.74911"},
      {"ldh", "after-3-cycles", 2.725, 2.7253452356903116,
       "t 2.725 (P = 0.008) is Student's t: 2.72535, P = 0.00793"},
  }};
  for (const Row& r : rows) {
    INFO(r.outcome << '/' << r.timepoint);
    const auto f = one(findings(), "t", r.outcome, r.timepoint);
    CHECK(f.severity == check::Severity::Ok);
    CHECK(f.reported == r.printed);
    CHECK(*f.recomputed == Approx(r.r_student).epsilon(kRRelative));
    CHECK(f.message == r.message);
  }
}

TEST_CASE("Niu 2026 survival: both HR CIs are implausibly narrow for 80 patients", "[check]") {
  // PFS: SE = (ln 0.874 - ln 0.583) / (2 x 1.959964) = 0.404893 / 3.919928 = 0.103291, which a
  // 1:1 log-rank needs 4/SE^2 = 374.9 events for; 80 patients allow SE >= 2/sqrt(80) = 0.223607.
  const auto pfs = one(findings(), "se-plausibility", "pfs");
  CHECK(pfs.severity == check::Severity::Implausible);
  CHECK(*pfs.reported == Approx(0.103291).epsilon(1e-5));
  CHECK(*pfs.recomputed == Approx(2 / std::sqrt(80.0)).epsilon(1e-12));
  CHECK(pfs.message ==
        "HR 0.712 (0.583–0.874) implies SE 0.103 (≈ 375 events), but at most 80 patients were analysed: minimum SE "
        "0.224");
  // OS: SE = (ln 0.779 - ln 0.504) / 3.919928 = 0.435435 / 3.919928 = 0.111082, 4/SE^2 = 324.2.
  const auto os = one(findings(), "se-plausibility", "os");
  CHECK(os.severity == check::Severity::Implausible);
  CHECK(*os.reported == Approx(0.111082).epsilon(1e-5));
  CHECK(os.message ==
        "HR 0.627 (0.504–0.779) implies SE 0.111 (≈ 324 events), but at most 80 patients were analysed: minimum SE "
        "0.224");
  CHECK(*check::min_plausible_se(niu(), *niu().outcome("pfs")) == Approx(0.22360679774997896).epsilon(1e-12));
}

TEST_CASE("Niu 2026 survival: both log-rank chi2 exceed what the HRs allow with 80 patients", "[check]") {
  // chi2 = (ln HR)^2 V with V <= N/4 = 20. PFS: (ln 0.712)^2 x 20 = 0.115381 x 20 = 2.3076, far
  // below 7.345. OS: (ln 0.627)^2 x 20 = 0.217910 x 20 = 4.3582, far below 18.798 (issue 12).
  const auto pfs = one(findings(), "statistic-plausibility", "pfs");
  CHECK(pfs.severity == check::Severity::Implausible);
  CHECK(*pfs.recomputed == Approx(2.3076142808).epsilon(1e-9));
  CHECK(pfs.message == "log-rank chi² 7.345 is impossible: HR 0.712 with 80 patients analysed allows at most 2.31 "
                       "(log-rank chi² = (ln HR)² V, V ≤ patients/4)");
  const auto os = one(findings(), "statistic-plausibility", "os");
  CHECK(os.severity == check::Severity::Implausible);
  CHECK(*os.recomputed == Approx(4.3582079640).epsilon(1e-9));
  CHECK(os.message == "log-rank chi² 18.798 is impossible: HR 0.627 with 80 patients analysed allows at most 4.36 "
                      "(log-rank chi² = (ln HR)² V, V ≤ patients/4)");
}

TEST_CASE("Niu 2026 survival: log-rank chi2 7.345 with P<0.001 is inconsistent, 18.798 is not", "[check]") {
  // R: pchisq(7.345, 1, lower.tail = FALSE) = 0.0067250; even chi2 up to 7.3455 gives P > 0.0067.
  const auto pfs = one(findings(), "logrank-p", "pfs");
  CHECK(pfs.severity == check::Severity::Inconsistent);
  CHECK(pfs.message == "log-rank chi² 7.345 on 1 df gives P = 0.0067, but P<0.001 was printed");
  // R: pchisq(18.798, 1, lower.tail = FALSE) = 1.4532e-05 < 0.001.
  const auto os = one(findings(), "logrank-p", "os");
  CHECK(os.severity == check::Severity::Ok);
  CHECK(os.message == "log-rank chi² 18.798 on 1 df gives P = 0.000015, consistent with P<0.001");
  // The adjusted HR's own Wald P (0.00101 from the printed CI) reaches P < 0.001 within the
  // rounding of the HR and its bounds (HR 0.7115, CI 0.5835-0.8735 gives P = 0.00094).
  const auto wald = one(findings(), "hr-z-p", "pfs");
  CHECK(wald.severity == check::Severity::Ok);
  CHECK(wald.message ==
        "HR 0.712 (0.583–0.874) gives Wald z = -3.289, P = 0.0010, consistent with P<0.001; reached within the "
        "rounding of the printed HR and CI (0.00094 to 0.00107)");
}

TEST_CASE("Niu 2026 baseline: disease duration 3.01+-0.49 vs 2.51+-0.44 contradicts P>0.05", "[check]") {
  // Student: sp^2 = (41 x 0.49^2 + 37 x 0.44^2) / 78 = 0.218042, SE = sqrt(sp^2 (1/42 + 1/38))
  // = 0.104537, t = 0.50 / 0.104537 = 4.783 on 78 df (P = 8e-6); Welch 4.809. The paper's own
  // inconsistency: it states P>0.05 for every baseline characteristic.
  const auto f = one(findings(), "t", "baseline-disease-duration", "baseline");
  CHECK(f.severity == check::Severity::Inconsistent);
  CHECK(f.reported_text == "P>0.05");
  CHECK(f.message == "Student's t 4.783 (P < 0.00001) and Welch's t 4.809 (P < 0.00001) contradict the printed P>0.05");
  // Age 57.07+-2.31 vs 55.98+-3.11: Student t 1.791, P = 0.077, indeed > 0.05.
  CHECK(one(findings(), "t", "baseline-age", "baseline").message == "P>0.05 agrees with Student's t 1.791 (P = 0.077)");
}

TEST_CASE("Niu 2026 baseline: an age SD of 2.31 cannot come from 42 ages ranging 45-69", "[check]") {
  // With the minimum and maximum both among 42 values, the SD is smallest when the other 40 sit
  // at the midpoint: s^2 = 2 (24/2)^2 / 41, s = 24 / sqrt(82) = 2.6504; with the range as small
  // as rounding allows (45.5 to 68.5: 23) still 2.5399 > 2.315.
  const auto sd = only(findings(), "sd-range", "baseline-age");
  REQUIRE(sd.size() == 2);
  CHECK(sd[0].severity == check::Severity::Implausible);
  CHECK(sd[0].message ==
        "KRd: SD 2.31 cannot come from 42 values ranging 45–69: the smallest SD with that range is 24/√(2 × 41) = "
        "2.650 (2.540 allowing for rounding)");
  // VRd: 25 / sqrt(74) = 2.906 <= 3.11 <= (25/2) sqrt(38/37) = 12.668.
  CHECK(sd[1].severity == check::Severity::Ok);
  CHECK(sd[1].message == "VRd: SD 3.11 is possible for 38 values ranging 43–68 (between 2.906 and 12.668)");
}

TEST_CASE("Niu 2026 Table 4: the column headed Uc holds corrected Mann-Whitney z values, printed truncated",
          "[check]") {
  const auto pn = one(findings(), "mann-whitney", "adverse-events", "peripheral-neuropathy");
  CHECK(pn.severity == check::Severity::Ok);
  // z = (3 - 4.5 + 0.5) / 1.5 = -2/3, P = 0.50499: 0.666 and 0.504 are both truncated.
  CHECK(*pn.recomputed == Approx(2.0 / 3).epsilon(1e-12));
  CHECK(pn.message ==
        "z 0.666 (P = 0.504) is the continuity-corrected Mann-Whitney |z| among the patients with the event (grade "
        "1-2 vs 3-4): 0.66667, P = 0.50499; printed truncated, not rounded");
  for (const char* ev : {"haematological-1", "haematological-2", "non-haematological-1", "non-haematological-2"}) {
    INFO(ev);
    CHECK(one(findings(), "mann-whitney", "adverse-events", ev).severity == check::Severity::Ok);
  }
}

TEST_CASE("Niu 2026: exactly eight findings are not ok", "[check]") {
  std::vector<std::string> problems;
  for (const auto& f : findings())
    if (f.severity != check::Severity::Ok)
      problems.push_back(std::string(check::to_string(f.severity)) + ' ' + f.outcome + ' ' + f.check);
  CHECK(problems == std::vector<std::string>{
                        "implausible baseline-age sd-range",
                        "inconsistent baseline-disease-duration t",
                        "note pfs ci-log-symmetry",
                        "inconsistent pfs logrank-p",
                        "implausible pfs se-plausibility",
                        "implausible pfs statistic-plausibility",
                        "implausible os se-plausibility",
                        "implausible os statistic-plausibility",
                    });
  // The PFS CI is off the log scale's symmetry by 1% of its half-width: a note, not a misprint.
  CHECK(one(findings(), "ci-log-symmetry", "pfs").message ==
        "HR 0.712 is not the geometric midpoint of its CI (0.583–0.874): √(0.583 × 0.874) = 0.71382 (0.71331 to "
        "0.71433 within the rounding of the bounds), so the CI is not symmetric on the log scale; the estimate is off "
        "by 1% of the CI's log half-width (a CI of another kind, or rounded inputs)");
}
