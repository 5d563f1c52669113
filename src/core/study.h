#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/risk_of_bias.h"

namespace metareview::core {

/// Extraction status of a number (docs/study-format.md): read in the primary publication
/// (verified) or in a secondary source (secondary), computed from printed numbers (derived),
/// printed but read under an assumption the source does not print (presumed, e.g. that a test
/// is one-sided), or believed but printed nowhere that was retrieved (unverified).
enum class Status { Verified, Secondary, Derived, Presumed, Unverified };

/// What a <source> is: the primary publication (the article, its abstract wherever it is
/// reproduced, a conference abstract, the trial registry) or a secondary source (news,
/// manufacturer pages, reviews, regulatory summaries).
enum class SourceType { Primary, Secondary };

/// Where a number was printed and how sure we are of it. `source` names a <source> of the
/// study (a publication or web page); `at` is the place in it ("Table 1", "abstract",
/// "Figure 2A caption", "p. 886").
struct Provenance {
  std::string source;
  std::string at;
  Status status = Status::Verified;
  std::string note;  ///< e.g. how a derived number was derived
};

/// A number exactly as printed, with its parsed value and where it came from.
/// `decimals` is the count of printed decimal places (3 for "5.865", 0 for "42"), which
/// sets the tolerance of every check against it.
struct Number {
  double value = 0;
  std::string printed;
  int decimals = 0;
  Provenance prov;
  SourceLocation where;
};

/// A p-value as printed: "0.015", "P<0.001", "<0.0001", ">0.05", "P = .0045".
struct PValue {
  enum class Relation { Equal, Less, LessEqual, Greater, GreaterEqual };
  Relation relation = Relation::Equal;
  double value = 0;  ///< the printed number (the bound, for < and >)
  int decimals = 0;
  std::string printed;
  Provenance prov;
  SourceLocation where;
};

/// A reported test statistic with its p-value, both as printed.
struct ReportedTest {
  /// "chi2", "chi2-yates", "fisher", "t", "t-welch", "z", "mann-whitney-u", "mann-whitney-z",
  /// "logrank-chi2".
  /// "t" means "a t test as reported"; the check decides Student or Welch.
  std::string kind;
  std::optional<Number> statistic;
  std::optional<double> df;
  std::optional<PValue> p;
  std::string sided = "two";  ///< "two" or "one", as the paper states (default two)
  SourceLocation where;
};

/// A ratio or difference with its confidence interval, as printed.
struct Estimate {
  std::string measure;  ///< "HR", "OR", "RR", "IRR", "RD", "MD"
  Number value;
  std::optional<Number> ci_lb, ci_ub;
  double level = 95;  ///< CI level in percent ("99", "95.4", "90")
  bool adjusted = false;
  SourceLocation where;
};

struct Source {
  std::string id;
  std::string citation;  ///< "Dimopoulos M, et al. Lancet 2020;396:186-97" or a page title
  std::string url;
  std::string note;
  SourceType type = SourceType::Primary;
  SourceLocation where;
};

struct Arm {
  std::string id;
  std::string label;    ///< short label used in plots ("KRd")
  std::string regimen;  ///< drugs and doses as published
  std::string role;     ///< "experimental", "control", "single", "group"
  std::optional<Number> randomised, analysed;
  SourceLocation where;
};

/// A bound of a median's confidence interval: a printed number, or the literal "NR" (not
/// reached) or "NE" (not estimable), in which case `number` is empty.
struct MedianBound {
  std::optional<Number> number;
  std::string literal;  ///< "NR" or "NE" when `number` is empty
  SourceLocation where;
};

/// Per-arm data of an outcome; which fields are present depends on the outcome kind.
struct ArmData {
  std::string arm;  ///< Arm::id
  // binary and single-arm proportion
  std::optional<Number> events, total, percent;
  // continuous (min/max: the printed range, e.g. age 43-68)
  std::optional<Number> mean, sd, n, min, max;
  // time-to-event: events per arm in `events`, arm size in `n`
  std::optional<Number> median;  ///< median time (units in Outcome::unit)
  std::optional<MedianBound> median_ci_lb, median_ci_ub;
  // ordinal: counts by category id (with printed percent where given)
  std::map<std::string, Number> category_counts;
  std::map<std::string, Number> category_percents;
  SourceLocation where;
};

/// One measurement time of a continuous outcome (Tables 2-3 of the seed paper).
struct Timepoint {
  std::string id;     ///< "baseline", "after-3-cycles"
  std::string label;
  std::vector<ArmData> arms;
  std::vector<ReportedTest> tests;
  SourceLocation where;
};

/// One adverse event row: counts per arm by grade band.
struct AdverseEvent {
  std::string id;
  std::string label;
  std::string category;  ///< "haematological", "non-haematological"
  struct ArmCounts {
    std::string arm;
    std::optional<Number> total;
    std::map<std::string, Number> by_grade;  ///< "1-2" -> count, "3-4" -> count, "any"
    std::optional<Number> percent;           ///< incidence as printed
    SourceLocation where;
  };
  std::vector<ArmCounts> arms;
  std::vector<ReportedTest> tests;
  SourceLocation where;
};

enum class OutcomeKind { TimeToEvent, Binary, Continuous, Proportion, Ordinal, AdverseEvents, Generic };

/// One reported outcome (an endpoint at one analysis, optionally in one subgroup).
struct Outcome {
  std::string id;         ///< unique in the study: "pfs-final", "orr", "dialysis-independence-3mo"
  OutcomeKind kind = OutcomeKind::Binary;
  std::string endpoint;   ///< what is measured: "PFS", "OS", "ORR", "dialysis-independence"
  std::string label;      ///< as the paper names it
  std::string analysis;   ///< "primary", "final", "updated", "interim", ...
  std::string timepoint;  ///< "3 months", "median follow-up 50 mo"
  std::string subgroup;   ///< "" = whole population; else e.g. "CrCl 15 to <50 mL/min"
  std::string unit;       ///< continuous units or median time units
  bool baseline = false;  ///< a baseline characteristic rather than a result
  std::string experimental, control;  ///< Arm ids (two-group outcomes)
  std::string arm;        ///< Arm id of a single-arm <proportion>
  std::string grading;    ///< adverse events: "CTCAE 5.0"
  Provenance prov;        ///< default provenance of the numbers inside
  std::string note;       ///< extraction notes, known problems of the paper's own

  std::optional<Estimate> estimate;          ///< HR/OR/IRR... as reported
  std::optional<Number> o_minus_e, v;        ///< log-rank O-E and variance
  std::vector<ArmData> arms;                 ///< binary, proportion, time-to-event, ordinal
  std::vector<std::string> categories;       ///< ordinal: category ids, best first
  std::map<std::string, std::string> category_labels;
  std::vector<Timepoint> timepoints;         ///< continuous
  std::vector<AdverseEvent> adverse_events;  ///< adverse events
  std::vector<ReportedTest> tests;
  std::optional<Number> subgroup_n;          ///< patients in the subgroup, where printed
  /// <generic>: the metafor code of the scale of `yi` ("HR", "OR", "MD", "GEN"; ratios on the
  /// log scale), and the study's estimate and its standard error on that scale.
  std::string measure;
  std::optional<Number> yi, se;
  SourceLocation where;

  const ArmData* arm_data(const std::string& arm_id) const;
};

/// One publication (one file in studies/).
struct Study {
  std::string id;           ///< stable, e.g. "candor-2020"
  std::string trial;        ///< trial name shared by its publications ("CANDOR")
  std::string title;
  std::vector<std::string> authors;
  std::string journal;
  int year = 0;
  std::string citation;     ///< volume/pages as printed
  std::string doi, pmid, registration;
  std::string design;       ///< "randomised-controlled-trial", "retrospective-cohort", ...
  std::string phase;
  std::string design_note;  ///< <design note="...">
  std::string population;
  std::string renal_criteria;
  std::string follow_up;
  std::string note;
  std::vector<Source> sources;
  std::vector<Arm> arms;
  std::vector<Outcome> outcomes;
  std::vector<RobAssessment> risk_of_bias;  ///< <risk-of-bias>: each outcome in at most one
  SourceLocation where;     ///< the <study> element
  std::string file;         ///< path as given
  std::string sha256;       ///< of the file's bytes

  const Arm* arm(const std::string& id) const;
  const Outcome* outcome(const std::string& id) const;
  /// The assessment that covers outcome `id`; null when none does.
  const RobAssessment* risk_of_bias_for(const std::string& id) const;
  /// "Dimopoulos 2020" from the first author's surname and the year; "CARTITUDE-1 2021"
  /// (trial and year) when the author is not stated ("n/s").
  std::string short_label() const;
};

/// Every study of a run, ordered by id.
struct StudySet {
  std::vector<Study> studies;
  const Study* find(const std::string& id) const;
};

std::string_view to_string(Status s);
/// Parses "verified", "derived" or "unverified"; nullopt when unknown.
std::optional<Status> parse_status(std::string_view code);
std::string_view to_string(SourceType t);
std::optional<SourceType> parse_source_type(std::string_view code);
std::string_view to_string(OutcomeKind k);

}  // namespace metareview::core
