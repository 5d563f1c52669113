#pragma once
// The figures of an analysis, drawn from its results and its display model (never
// refitted). Which figures exist is one list, figure_kinds(): the forest plot (when
// something was pooled) and the funnel plot (from k >= 10 unless the review asks otherwise,
// funnel_note()) are its first two entries. Files, HTML and Markdown, and the PDF supplement all follow the list, so a new
// figure is a layout function in render/ plus one entry there (docs/extending.md).
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "present/analysis_view.h"
#include "render/forest_layout.h"
#include "render/funnel_layout.h"
#include "render/scene.h"
#include "review/analysis.h"
#include "review/review.h"

namespace metareview::report {

/// What a caption may say about its analysis, already worded.
struct CaptionFacts {
  std::string what;            ///< the analysis' title, or its id
  std::string model;           ///< "Random effects", "Common effect", ...
  std::string measure_plural;  ///< "hazard ratios"
  std::string level;           ///< "95"
  bool pooled = true;  ///< false: the studies are shown, nothing is pooled (one study)
  std::string cumulative_order;  ///< the analysis' cumulative attribute ("year"), or ""
  std::string gosh_fits;         ///< subsets the GOSH plot draws, as a count, or ""
  bool regression_line = false;  ///< the funnel plot draws Egger's line (funnel_regression())
  bool rob1 = false;  ///< a row is assessed with RoB 1 (as a RevMan 5 import writes it)
};

/// One kind of figure a report can show.
struct FigureKind {
  std::string_view name;         ///< "forest": templates see has_forest and forest
  std::string_view stem_suffix;  ///< "-forest": files pfs-forest.svg, .pdf, .png
  /// Whether the analysis has this figure.
  bool (*applies)(const review::AnalysisResult& a, const present::AnalysisView& view);
  render::Scene (*layout)(const review::AnalysisResult& a, const review::ReviewResult& r,
                          const present::AnalysisView& view, const render::TextMeasurer& measure);
  std::string (*caption)(const CaptionFacts& facts);
  /// The supplement scales the figure to the text width, never above this.
  double max_scale = std::numeric_limits<double>::infinity();
};

/// FigureKind::name of the forest plot of an analysis' sensitivity analyses.
inline constexpr std::string_view kSensitivityForest = "sensitivity_forest";

/// Every kind of figure, in the order reports show them.
const std::vector<FigureKind>& figure_kinds();

struct Figure {
  std::string name;     ///< FigureKind::name
  std::string stem;     ///< file name without extension: "pfs-forest"
  render::Scene scene;
  std::string svg;      ///< the scene as SVG bytes (render::render_bytes)
};

struct AnalysisFigures {
  present::AnalysisView view;                ///< what the figures and the report's tables show
  std::vector<Figure> figures;               ///< the kinds that apply, in figure_kinds() order

  const Figure* find(std::string_view name) const;  ///< null when the analysis has no such figure
};

/// The view of `a` and every figure of it; `stem` names its files ("pfs" gives pfs-forest,
/// pfs-funnel, ...).
AnalysisFigures analysis_figures(const review::AnalysisResult& a, const review::ReviewResult& r,
                                 const render::TextMeasurer& measure, const std::string& stem);

/// The forest plot's controls for `a`: the review's <forest> element (core::FigureOptions)
/// with its columns filled from the studies (N, follow-up, risk of bias).
render::ForestOptions forest_options(const review::AnalysisResult& a, const review::ReviewResult& r);

/// Why an analysis has no funnel plot, in words, or "" when it has one (or nothing was
/// pooled): fewer than 10 studies under the review's funnel="auto" (Cochrane Handbook
/// 13.3.5.4), or funnel="never".
std::string funnel_note(const review::AnalysisResult& a);

/// Egger's line for the funnel plot of `a`: the fitted line of its <small-study> Egger test
/// when that test ran (10 studies or more); nullopt otherwise.
std::optional<render::FunnelLine> funnel_regression(const review::AnalysisResult& a);

/// The figures of a review as a whole, not of one analysis: the PRISMA 2020 flow diagram
/// ("prisma", files prisma.svg, .pdf, .png) when the review file has a <prisma> element.
/// Their stems have no analysis suffix, so they cannot clash with an analysis' files.
struct ReviewFigures {
  std::vector<Figure> figures;
  const Figure* find(std::string_view name) const;  ///< null when the review has no such figure
};
ReviewFigures review_figures(const review::Review& r, const render::TextMeasurer& measure);
/// The caption of the flow diagram.
std::string prisma_caption(const review::Prisma& p);

/// The extensions each figure is written with, in the order they are written.
inline constexpr const char* kFigureExtensions[] = {".svg", ".pdf", ".png"};

/// Throws metareview::Error, before anything is written, when two analyses of a review (the
/// analyses `figures` were made for, ids `ids`) would write files of the same name, naming
/// both: the sensitivity forest of analysis 'pfs' and the forest plot of analysis
/// 'pfs-sensitivity' both write pfs-sensitivity-forest.svg.
void check_figure_names(const std::vector<AnalysisFigures>& figures, const std::vector<std::string>& ids);

/// A Cairo SVG ready to be inlined in HTML: without the XML declaration, and with every id
/// (and every reference to one) prefixed by `prefix` + "-", so that several figures in one
/// page keep their glyphs apart.
std::string inline_svg(const std::string& svg, const std::string& prefix);

}  // namespace metareview::report
