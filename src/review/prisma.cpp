#include "review/prisma.h"

#include <numeric>

namespace metareview::review {
namespace {

std::string str(long long n) { return std::to_string(n); }

/// "a + b + c" of the items' counts ("0" when there are none).
std::string sum_text(const std::vector<PrismaItem>& items) {
  if (items.empty()) return "0";
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " + ") + str(i.count.n);
  return out;
}

class Checker {
 public:
  std::vector<PrismaProblem> problems;

  /// `count` must equal `expected`, which `arithmetic` shows.
  void equal(const PrismaCount& count, long long expected, const std::string& name, const std::string& where,
             const std::string& arithmetic) {
    if (count.n == expected) return;
    problems.push_back({count.where, name + " (" + str(count.n) + ") does not add up", where,
                        arithmetic + " = " + str(expected)});
  }
};

}  // namespace

long long total(const std::vector<PrismaItem>& items) {
  return std::accumulate(items.begin(), items.end(), 0LL,
                         [](long long s, const PrismaItem& i) { return s + i.count.n; });
}

long long identified(const PrismaDatabases& d) { return d.databases.n + d.registers.n; }
long long included_reports(const PrismaDatabases& d) { return d.assessed.n - total(d.reasons); }
long long included_reports(const PrismaOther& o) { return o.assessed.n - total(o.reasons); }

// Ref: Page MJ, et al. BMJ 2021;372:n71, Figure 1: each box of a branch is the box above it
// minus what leaves it sideways; the two branches meet in "Studies included in review".
std::vector<PrismaProblem> prisma_problems(const Prisma& p, long long studies, long long reports) {
  Checker c;
  std::string contributions;
  long long contributed = 0;
  if (const auto& d = p.databases) {
    const std::string where = "<databases> of <prisma>";
    if (!d->database_list.empty())
      c.equal(d->databases, total(d->database_list), "records identified from databases", "<identified> of " + where,
              "the <database> counts: " + sum_text(d->database_list));
    if (!d->register_list.empty())
      c.equal(d->registers, total(d->register_list), "records identified from registers", "<identified> of " + where,
              "the <register> counts: " + sum_text(d->register_list));
    const long long removed = d->duplicates.n + d->automation.n + d->other.n;
    c.equal(d->screened, identified(*d) - removed, "records screened", "<screened> of " + where,
            "records identified " + str(identified(*d)) + " (databases " + str(d->databases.n) + " + registers " +
                str(d->registers.n) + ") - records removed " + str(removed) + " (duplicates " + str(d->duplicates.n) +
                ", by automation " + str(d->automation.n) + ", other " + str(d->other.n) + ")");
    c.equal(d->sought, d->screened.n - d->records_excluded.n, "reports sought for retrieval", "<sought> of " + where,
            "records screened " + str(d->screened.n) + " - records excluded " + str(d->records_excluded.n));
    c.equal(d->assessed, d->sought.n - d->not_retrieved.n, "reports assessed for eligibility", "<assessed> of " + where,
            "reports sought " + str(d->sought.n) + " - reports not retrieved " + str(d->not_retrieved.n));
    contributed += included_reports(*d);
    contributions += "databases and registers " + str(d->assessed.n) + " - " + str(total(d->reasons));
  }
  if (const auto& o = p.other) {
    const std::string where = "<other-methods> of <prisma>";
    c.equal(o->sought, total(o->sources), "reports sought for retrieval", "<sought> of " + where,
            "the records identified by other methods: " + sum_text(o->sources));
    c.equal(o->assessed, o->sought.n - o->not_retrieved.n, "reports assessed for eligibility", "<assessed> of " + where,
            "reports sought " + str(o->sought.n) + " - reports not retrieved " + str(o->not_retrieved.n));
    contributed += included_reports(*o);
    contributions += std::string(contributions.empty() ? "" : ", ") + "other methods " + str(o->assessed.n) + " - " +
                     str(total(o->reasons));
  }
  c.equal(p.reports, contributed, "reports of included studies", "<included> of <prisma>",
          "reports assessed - reports excluded: " + contributions);
  if (p.studies.n != studies)
    c.problems.push_back({p.studies.where,
                          "studies included (" + str(p.studies.n) + ") is not the number of trials the review includes",
                          "<included> of <prisma>",
                          "the review's <included> lists " + str(reports) + " study files of " + str(studies) +
                              (studies == 1 ? " trial" : " trials")});
  if (p.reports.n != reports)
    c.problems.push_back({p.reports.where,
                          "reports of included studies (" + str(p.reports.n) +
                              ") is not the number of study files the review includes",
                          "<included> of <prisma>", "the review's <included> lists " + str(reports)});
  return c.problems;
}

}  // namespace metareview::review
