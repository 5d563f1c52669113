#pragma once
// The summary-of-findings table of a review (GRADEpro's layout; Guyatt et al., J Clin
// Epidemiol 2013;66:158, GRADE 12) and its certainty assessment, in words: each analysis'
// GRADE certainty (review/certainty.h) as "⊕⊕⊕◯ MODERATE" with footnote letters, its relative
// and absolute effects, and per domain the tool's suggestion with its reason next to the
// committee's judgment. The report's HTML, Markdown and PDF all read this one view.
#include <string>
#include <vector>

#include "review/analysis.h"

namespace metareview::present {

struct SofFootnote {
  std::string letter;  ///< "a", "b", ...
  std::string text;
};

/// One domain (or upgrade) of an analysis' certainty assessment.
struct SofDomain {
  std::string name;       ///< "Risk of bias", "Large effect"
  std::string suggested;  ///< "serious", "no suggestion", "+1"
  std::string reason;     ///< the tool's reason, in words
  std::string judgment;   ///< the committee's ("" without <certainty>)
  std::string footnote;   ///< the committee's
  bool departs = false;   ///< the committee's judgment differs from the suggestion
  /// Publication bias of an analysis with <small-study>: its tests' results, or why none ran
  /// (present::SmallStudyView::evidence); "" otherwise.
  std::string evidence;
  /// Publication bias judged not serious while a small-study test gives P < 0.10: the
  /// finding in words (also a footnote of the certainty cell); "" otherwise.
  std::string finding;
};

struct SofRow {
  std::string id;          ///< analysis id
  std::string outcome;     ///< the analysis title
  std::string follow_up;   ///< "" when the review states none
  std::string participants;  ///< "2345 (6 RCTs)", "at least 1776 (6 RCTs)"
  std::string participants_letters;  ///< footnote letters of the participants cell
  bool estimable = false;
  std::string symbols;     ///< "⊕⊕⊕◯"
  std::string level;       ///< "MODERATE"
  std::string letters;     ///< footnote letters of the certainty cell: "a,b"
  std::string status;      ///< "committee" or "suggested"
  std::string relative;    ///< "HR 0.56 (0.47 to 0.66)"
  std::string comparator;  ///< "400 per 1,000"
  std::string comparator_letters;
  std::string difference;  ///< "136 fewer per 1,000 (195 fewer to 65 fewer)"
  std::string start;       ///< "Randomised trials: starts at high"
  std::vector<SofDomain> domains;  ///< the five domains, then upgrades (non-randomised)
};

struct SofView {
  std::vector<SofRow> rows;  ///< one per main analysis, in review order
  std::vector<SofFootnote> footnotes;
  std::string comparator_note;  ///< how the comparator risks were chosen
};

/// ⊕ for each level of certainty and ◯ for each level below high: "⊕⊕◯◯" for low.
std::string certainty_symbols(methods::Certainty c);
/// "HIGH", "MODERATE", "LOW", "VERY LOW".
std::string certainty_label(methods::Certainty c);

/// The summary of findings of `r` (main analyses; sensitivity analyses are not rows).
SofView sof_view(const review::ReviewResult& r);

}  // namespace metareview::present
