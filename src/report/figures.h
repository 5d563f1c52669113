#pragma once
// The figures of an analysis, drawn from its results (never refitted): a forest plot (when
// something was pooled), a funnel plot when the pooled model has k >= 3, and the same for
// each sensitivity analysis.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "render/forest_layout.h"
#include "render/scene.h"
#include "review/analysis.h"

namespace metareview::report {

struct Figure {
  std::string stem;     ///< file name without extension: "pfs-forest"
  render::Scene scene;
  std::string svg;      ///< the scene as SVG bytes (render::render_bytes)
};

struct AnalysisFigures {
  std::optional<render::ForestInput> forest_input;  ///< what the forest plot shows
  std::optional<Figure> forest, funnel;
  std::vector<AnalysisFigures> sensitivity;         ///< one per AnalysisResult::sensitivity
};

/// Labels of the experimental and control arms: the analysis' own, else the arm label the
/// pooled outcomes share, else "Experimental" and "Control".
std::pair<std::string, std::string> arm_labels(const review::AnalysisResult& a, const review::ReviewResult& r);

/// The forest plot's input for `a` from its fits (subgroups and their test included), with
/// the review's sort order, arm labels, flags and a footnote per flag. nullopt when nothing
/// was pooled.
std::optional<render::ForestInput> forest_input(const review::AnalysisResult& a, const review::ReviewResult& r);

/// Every figure of `a`; `stem` names its files ("pfs" gives pfs-forest, pfs-funnel, and
/// pfs-sensitivity-1-forest, ... for its sensitivity analyses).
AnalysisFigures analysis_figures(const review::AnalysisResult& a, const review::ReviewResult& r,
                                 const render::TextMeasurer& measure, const std::string& stem);

/// A Cairo SVG ready to be inlined in HTML: without the XML declaration, and with every id
/// (and every reference to one) prefixed by `prefix` + "-", so that several figures in one
/// page keep their glyphs apart.
std::string inline_svg(const std::string& svg, const std::string& prefix);

}  // namespace metareview::report
