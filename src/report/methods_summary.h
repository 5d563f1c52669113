#pragma once
// The statistical methods of a review stated once: what every analysis shares (sentences of
// the methods paragraphs and settings), then per analysis only what differs. Reports that
// print methods per analysis repeat the same paragraph and settings table; a journal asks
// for them once.
#include <string>
#include <vector>

#include "report/context.h"

namespace metareview::report {

/// What one or more analyses do differently from the rest, alike among themselves.
struct MethodsDifference {
  std::vector<std::string> titles;     ///< the analyses' titles, in ReviewText order
  std::vector<std::string> sentences;  ///< their methods sentences that not every analysis has
  std::vector<SettingText> settings;   ///< their settings whose value or source differs
};

struct MethodsSummary {
  /// The first analysis' paragraphs, each with only the sentences every analysis has
  /// (paragraphs left empty are dropped).
  std::vector<std::string> common_paragraphs;
  /// Settings with the same value and source in every analysis, in the first one's order.
  std::vector<SettingText> common_settings;
  /// Analyses with the same differences share an entry, in the order of their first
  /// analysis; an entry's lists are empty for analyses with nothing of their own.
  std::vector<MethodsDifference> differences;
};

/// The sentences of a methods paragraph: split after ". " where a new sentence starts (an
/// upper-case letter, digit or non-ASCII character follows), so "0.5 was added" and
/// "τ² was" begin sentences and "e.g. the" does not.
std::vector<std::string> sentences(const std::string& paragraph);

/// The methods of the review's analyses (not their sensitivity analyses, which share the
/// methods of their analysis), common part once and per-analysis differences.
MethodsSummary methods_summary(const ReviewText& review);

}  // namespace metareview::report
