// The arithmetic of the PRISMA 2020 flow (src/review/prisma.cpp), on counts worked by hand,
// and the shipped reviews' flows read from their files.
#include <catch2/catch.hpp>

#include "review/prisma.h"
#include "review/review.h"
#include "review_fixture.h"

namespace {

namespace review = metareview::review;
using review::Prisma;
using review::PrismaCount;
using review::PrismaItem;

PrismaCount n(long long v, int line = 0) { return PrismaCount{v, {"f.xml", line, 1}}; }

/// A flow that adds up, worked by hand:
/// databases 40 + registers 5 = 45 identified; 45 - (8 + 2 + 1) = 34 screened; 34 - 26 = 8
/// sought; 8 - 1 = 7 assessed; 7 - (3 + 2) = 2 reports from this branch.
/// Other methods: 2 identified = 2 sought; 2 - 0 = 2 assessed; 2 - 1 = 1 report.
/// Reports of included studies 2 + 1 = 3, of 3 trials.
Prisma balanced() {
  Prisma p;
  review::PrismaDatabases d;
  d.databases = n(40), d.registers = n(5);
  d.database_list = {{"MEDLINE", n(30)}, {"Embase", n(10)}};
  d.duplicates = n(8), d.automation = n(2), d.other = n(1);
  d.screened = n(34, 10), d.records_excluded = n(26);
  d.sought = n(8, 12), d.not_retrieved = n(1), d.assessed = n(7, 14);
  d.reasons = {{"Wrong population", n(3)}, {"No usable outcome", n(2)}};
  p.databases = d;
  review::PrismaOther o;
  o.sources = {{"Citation searching", n(2)}};
  o.sought = n(2, 20), o.not_retrieved = n(0), o.assessed = n(2, 22);
  o.reasons = {{"Post hoc subgroup", n(1)}};
  p.other = o;
  p.studies = n(3, 30), p.reports = n(3, 30);
  return p;
}

std::vector<std::string> whats(const std::vector<review::PrismaProblem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.what + " | " + p.hint);
  return out;
}

}  // namespace

TEST_CASE("prisma: a flow whose counts add up has no problem", "[review][prisma]") {
  const Prisma p = balanced();
  CHECK(review::identified(*p.databases) == 45);
  CHECK(review::included_reports(*p.databases) == 2);
  CHECK(review::included_reports(*p.other) == 1);
  CHECK(review::prisma_problems(p, 3, 3).empty());
}

TEST_CASE("prisma: each subtraction is checked where its result stands", "[review][prisma]") {
  Prisma p = balanced();
  p.databases->screened.n = 35;  // 45 - 11 = 34
  const auto problems = review::prisma_problems(p, 3, 3);
  // 35 screened makes 35 - 26 = 9 sought, not 8: the next box is off too, as it should be.
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].at.line == 10);
  CHECK(problems[0].where == "<screened> of <databases> of <prisma>");
  CHECK(whats(problems) ==
        std::vector<std::string>{
            "records screened (35) does not add up | records identified 45 (databases 40 + registers 5) - records "
            "removed 11 (duplicates 8, by automation 2, other 1) = 34",
            "reports sought for retrieval (8) does not add up | records screened 35 - records excluded 26 = 9"});
}

TEST_CASE("prisma: reports excluded for more reasons than assessed leave too few included reports",
          "[review][prisma]") {
  Prisma p = balanced();
  p.other->reasons.push_back({"Wrong comparator", n(2)});  // 2 - 3 = -1 from other methods
  CHECK(whats(review::prisma_problems(p, 3, 3)) ==
        std::vector<std::string>{"reports of included studies (3) does not add up | reports assessed - reports "
                                 "excluded: databases and registers 7 - 5, other methods 2 - 3 = 1"});
}

TEST_CASE("prisma: the per-database counts and the other-methods sources are summed", "[review][prisma]") {
  Prisma p = balanced();
  p.databases->database_list[1].count.n = 9;  // 30 + 9 = 39, not 40
  p.other->sources.push_back({"Websites", n(1)});  // 2 + 1 = 3 sought, not 2
  CHECK(whats(review::prisma_problems(p, 3, 3)) ==
        std::vector<std::string>{"records identified from databases (40) does not add up | the <database> counts: 30 + 9 = 39",
                                 "reports sought for retrieval (2) does not add up | the records identified by other "
                                 "methods: 2 + 1 = 3"});
}

TEST_CASE("prisma: studies and reports included must match the review's included studies", "[review][prisma]") {
  const Prisma p = balanced();
  // 4 included study files of 2 trials (e.g. a trial's primary and final reports).
  CHECK(whats(review::prisma_problems(p, 2, 4)) ==
        std::vector<std::string>{
            "studies included (3) is not the number of trials the review includes | the review's <included> lists 4 "
            "study files of 2 trials",
            "reports of included studies (3) is not the number of study files the review includes | the review's "
            "<included> lists 4"});
}

TEST_CASE("prisma: a flow of other methods only needs no database count", "[review][prisma]") {
  Prisma p = balanced();
  p.databases.reset();
  p.studies.n = p.reports.n = 1;
  CHECK(review::prisma_problems(p, 1, 1).empty());
}

TEST_CASE("prisma: the shipped reviews' flows are other methods only and match their files", "[review][prisma]") {
  metareview::core::Diagnostics diag;
  const auto reviews =
      review::read_reviews(metareview::test::kSource + "/studies/reviews", metareview::test::library(), diag);
  CHECK(diag.to_string().empty());
  REQUIRE(reviews.size() == 4);
  for (const auto& r : reviews) {
    INFO(r.id);
    REQUIRE(r.prisma);
    CHECK_FALSE(r.prisma->databases);  // no database was searched
    REQUIRE(r.prisma->other);
    // Reports sought = included study files + excluded entries (files and citations).
    CHECK(r.prisma->other->sought.n == static_cast<long long>(r.included.size() + r.excluded.size()));
    CHECK(r.prisma->reports.n == static_cast<long long>(r.included.size()));
  }
  // anti-CD38: 10 files of 6 trials (CANDOR, IKEMA, CASTOR, APOLLO, ICARIA-MM, POLLUX), 7 excluded.
  CHECK(reviews[0].id == "anti-cd38-rrmm-pfs");
  CHECK(reviews[0].prisma->studies.n == 6);
  CHECK(review::total(reviews[0].prisma->other->reasons) == 7);
  // BCMA: sidana-ri-2024 was not retrieved, so 12 sought, 11 assessed, 7 excluded, 4 included.
  CHECK(reviews[1].id == "bcma-rrmm-orr");
  CHECK(reviews[1].prisma->other->not_retrieved.n == 1);
  CHECK(review::total(reviews[1].prisma->other->reasons) == 7);
}

TEST_CASE("prisma: the good review file's flow is read element by element", "[review][prisma]") {
  metareview::core::Diagnostics diag;
  const auto r = review::read_review(metareview::test::kSource + "/tests/data/reviews/good/every-construct.xml",
                                     metareview::test::library(), diag);
  INFO(diag.to_string());
  REQUIRE(r);
  REQUIRE(r->prisma);
  const Prisma& p = *r->prisma;
  CHECK(p.note == "Made-up counts for the test: every element of the flow, both branches.");
  REQUIRE(p.databases);
  const auto& d = *p.databases;
  CHECK(d.databases.n == 40);
  CHECK(d.registers.n == 5);
  CHECK(d.database_list.size() == 2);
  CHECK(d.database_list[1].label == "Embase");
  CHECK(d.register_list.at(0).label == "ClinicalTrials.gov");
  CHECK(d.duplicates.n == 8);
  CHECK(d.automation.n == 2);
  CHECK(d.other.n == 1);
  CHECK(d.screened.n == 34);
  CHECK(d.records_excluded.n == 26);
  CHECK(d.sought.n == 8);
  CHECK(d.not_retrieved.n == 1);
  CHECK(d.assessed.n == 7);
  CHECK(d.assessed.where.line == 34);  // where a count that does not add up is reported
  CHECK(d.reasons.size() == 2);
  REQUIRE(p.other);
  CHECK(p.other->sources.at(0).label == "Citation searching");
  CHECK(p.other->reasons.at(0).label == "Post hoc subgroup");
  CHECK(p.studies.n == 3);
  CHECK(p.reports.n == 3);
}
