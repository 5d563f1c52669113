#pragma once
// Risk-of-bias assessments of a study's outcomes (docs/study-format.md, "Risk of bias"):
// the tools, their domains and the judgments each allows, as ONE table (rob_tools()), read
// by the study parser, the review runner, the figures and the report alike.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"

namespace metareview::core {

/// One domain of a tool: "randomisation", "Bias arising from the randomisation process".
struct RobDomain {
  std::string_view id;
  std::string_view name;
};

/// One risk-of-bias tool: its code in study files, its name, its domains in the tool's order
/// and the judgments a domain or the overall judgment may take, from least to most concern
/// ("no-information" last), with how readers see each.
struct RobTool {
  std::string_view code;  ///< "rob1", "rob2", "robins-i", "not-applicable"
  std::string_view name;  ///< "RoB 2"
  std::vector<RobDomain> domains;
  std::vector<std::string_view> judgments;
  std::vector<std::string_view> labels;  ///< one per judgment: "Some concerns", "Unclear risk"
  /// Every domain must be judged (RoB 2, ROBINS-I). RoB 1 as RevMan 5 stores it judges only
  /// the items the review authors filled in: a domain left out is "no information".
  bool every_domain = true;
  /// An overall judgment is required (RoB 2, ROBINS-I); RoB 1 has none of its own.
  bool overall_required = true;
};

/// Every tool, in the order the figures show them. "not-applicable" has no domains.
const std::vector<RobTool>& rob_tools();
/// The tool of `code`; null when unknown.
const RobTool* find_rob_tool(std::string_view code);
/// "Some concerns" for "some-concerns": how reports and figures name a judgment.
std::string judgment_label(std::string_view judgment);
/// The tool's own label of a judgment ("Unclear risk" for RoB 1's "unclear"); "No
/// information" for "" (a domain the assessment does not judge).
std::string judgment_label(const RobTool& tool, std::string_view judgment);

/// One judgment with its support: a domain's (`domain` its id) or the overall one ("").
struct RobJudgment {
  std::string domain;
  /// A code of the tool's judgments; "" when the file judges nothing here (a RoB 1 domain
  /// left out, which readers show as no information, or RoB 1's absent overall judgment).
  std::string judgment;
  std::string support;   ///< why, in the assessor's words (quoting the source where possible)
  std::string source;    ///< a <source> id of the study, own or inherited from the assessment
  std::string locator;   ///< where in the source ("Methods", "Table 1"); may be empty
  SourceLocation where;
};

/// One tool's assessment of some outcomes of a study.
struct RobAssessment {
  std::string tool;                   ///< RobTool::code
  std::vector<std::string> outcomes;  ///< outcome ids as written; empty = every outcome of the study
  std::string assessor;
  std::string date;                   ///< YYYY-MM-DD; "" when not recorded (imported)
  /// One per domain of the tool, in the tool's order (none for not-applicable); a domain the
  /// file leaves out (RoB 1 only) has judgment "".
  std::vector<RobJudgment> domains;
  RobJudgment overall;                ///< not-applicable: judgment "" and the reason in support
  SourceLocation where;

  bool applicable() const { return tool != "not-applicable"; }
  bool covers(const std::string& outcome) const;
  /// Some domain is left unjudged (RoB 1 only), which readers show as no information.
  bool leaves_domain_unjudged() const;
};

/// Whether `date` is a real calendar date written YYYY-MM-DD.
bool is_iso_date(std::string_view date);

}  // namespace metareview::core
