#pragma once
// The display model of an analysis of a review, from its results (never refitted): the
// review's row order, arm labels, implausibility flags with their footnote, and subgroups.
#include <string>
#include <utility>

#include "present/analysis_view.h"
#include "review/analysis.h"

namespace metareview::present {

/// Labels of the experimental and control arms: the analysis' own, else the arm label the
/// pooled outcomes share, else "Experimental" and "Control".
std::pair<std::string, std::string> arm_labels(const review::AnalysisResult& a, const review::ReviewResult& r);

/// The view of `a`. When nothing was pooled (a.not_pooled) it holds one untitled block of
/// study rows, each with its own effect, and no columns, weights or pooled rows
/// (AnalysisView::pooled is false).
AnalysisView analysis_view(const review::AnalysisResult& a, const review::ReviewResult& r);

}  // namespace metareview::present
