#pragma once
// The PRISMA 2020 flow of a review (the <prisma> element of a review file): the counts of the
// flow diagram template for new systematic reviews with searches of databases, registers and
// other sources, and the rules that make them add up.
// Ref: Page MJ, et al. The PRISMA 2020 statement. BMJ 2021;372:n71, Figure 1.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace metareview::review {

/// One count as written: its value and where it stands (the attribute).
struct PrismaCount {
  long long n = 0;
  core::SourceLocation where;
};

/// A labelled count: a database, a register, an other-methods source, or an exclusion reason.
struct PrismaItem {
  std::string label;
  PrismaCount count;
};

/// The databases-and-registers branch (left column of the template).
struct PrismaDatabases {
  PrismaCount databases, registers;          ///< records identified from each kind
  std::vector<PrismaItem> database_list;     ///< optional break-down of `databases`
  std::vector<PrismaItem> register_list;     ///< optional break-down of `registers`
  PrismaCount duplicates, automation, other; ///< records removed before screening
  PrismaCount screened, records_excluded;
  PrismaCount sought, not_retrieved, assessed;
  std::vector<PrismaItem> reasons;           ///< reports excluded, by reason
  core::SourceLocation where;
};

/// The other-methods branch (right column): websites, organisations, citation searching, ...
/// Its records go straight to retrieval, as in the template.
struct PrismaOther {
  std::vector<PrismaItem> sources;
  PrismaCount sought, not_retrieved, assessed;
  std::vector<PrismaItem> reasons;
  core::SourceLocation where;
};

struct Prisma {
  std::string note;  ///< how the counts were obtained
  std::optional<PrismaDatabases> databases;
  std::optional<PrismaOther> other;
  PrismaCount studies, reports;  ///< studies included in the review, reports of them
  core::SourceLocation where;
};

long long total(const std::vector<PrismaItem>& items);
/// Records identified from databases and registers together.
long long identified(const PrismaDatabases& d);
/// What the branch adds to the reports of included studies: assessed minus reports excluded.
long long included_reports(const PrismaDatabases& d);
long long included_reports(const PrismaOther& o);

/// One count that does not add up: where, the message's WHAT and WHERE, and its hint.
struct PrismaProblem {
  core::SourceLocation at;
  std::string what, where, hint;
};

/// Every rule of the flow that `p` breaks, in the order of the diagram. `studies` and
/// `reports` are what the review includes: its distinct trials and its included study files.
std::vector<PrismaProblem> prisma_problems(const Prisma& p, long long studies, long long reports);

}  // namespace metareview::review
