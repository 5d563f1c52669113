// check_pooled: one trial pooled through two publications counts its patients twice.
#include <catch2/catch.hpp>

#include "check/checks.h"
#include "core/error.h"
#include "study_builder.h"

namespace check = metareview::check;
namespace core = metareview::core;
using namespace metareview::test::check_support;

namespace {

core::Study publication(std::string id, std::string trial, std::string analysis) {
  core::Study s = two_arm_study("312", "154");
  s.id = std::move(id);
  s.trial = std::move(trial);
  core::Outcome o = outcome("pfs", core::OutcomeKind::TimeToEvent);
  o.analysis = std::move(analysis);
  s.outcomes = {o};
  return s;
}

}  // namespace

TEST_CASE("same-trial: CANDOR's primary and final PFS pooled together", "[check]") {
  core::StudySet set;
  set.studies = {publication("apollo-2021", "APOLLO", "primary"), publication("candor-2020", "CANDOR", "primary"),
                 publication("candor-2023", "CANDOR", "final")};
  const auto f =
      check::check_pooled(set, {{"candor-2023", "pfs"}, {"apollo-2021", "pfs"}, {"candor-2020", "pfs"}});
  REQUIRE(f.size() == 3);
  CHECK(f[0].study == "apollo-2021");
  CHECK(f[0].severity == check::Severity::Ok);
  CHECK(f[0].message == "APOLLO is pooled once: apollo-2021/pfs (primary)");
  for (const auto& c : {f[1], f[2]}) {
    CHECK(c.check == "same-trial");
    CHECK(c.severity == check::Severity::Inconsistent);
    CHECK(c.message ==
          "CANDOR is pooled 2 times: candor-2020/pfs (primary) and candor-2023/pfs (final); pool one analysis per trial");
  }
  CHECK(f[1].study == "candor-2020");
  CHECK(f[2].study == "candor-2023");
  CHECK_THROWS_WITH(check::check_pooled(set, {{"eloquent-3-2018", "pfs"}}),
                    "check::check_pooled: no study 'eloquent-3-2018'");
  CHECK_THROWS_WITH(check::check_pooled(set, {{"candor-2020", "os"}}),
                    "check::check_pooled: study 'candor-2020' has no outcome 'os'");
}

TEST_CASE("check_studies orders findings by study id, then outcome order, then check", "[check]") {
  core::StudySet set;
  core::Study b = publication("b-2020", "B", "final");
  core::Outcome os = outcome("os", core::OutcomeKind::TimeToEvent);
  os.estimate = estimate("HR", "0.80", "0.60", "1.07");
  b.outcomes.push_back(os);
  b.outcomes.front().estimate = estimate("HR", "0.70", "0.50", "0.98");
  set.studies = {b, publication("a-2020", "A", "final")};
  set.studies[1].outcomes.front().estimate = estimate("HR", "0.70", "0.50", "0.98");
  std::vector<std::string> order;
  for (const auto& f : check::check_studies(set)) order.push_back(f.study + ' ' + f.outcome + ' ' + f.check);
  CHECK(order == std::vector<std::string>{
                     "a-2020 pfs ci-contains-estimate", "a-2020 pfs ci-level", "a-2020 pfs ci-log-symmetry",
                     "a-2020 pfs se-plausibility",      "b-2020 pfs ci-contains-estimate", "b-2020 pfs ci-level",
                     "b-2020 pfs ci-log-symmetry",      "b-2020 pfs se-plausibility",      "b-2020 os ci-contains-estimate",
                     "b-2020 os ci-level",              "b-2020 os ci-log-symmetry",       "b-2020 os se-plausibility",
                 });
}
