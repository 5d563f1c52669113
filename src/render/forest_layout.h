#pragma once
// Forest plots, modelled on RevMan 5 (R meta's forest(layout = "RevMan5")) and metafor's
// forest(): a table of studies with their arm data, weights and effect [CI], a graphical
// column with squares, whiskers and diamonds, heterogeneity and test lines, subgroups.
// forest_layout() draws a present::AnalysisView (every text already worded there) into a
// Scene without touching a drawing surface; it fits nothing and formats no statistic.
// The figure controls (docs/figures.md) come in ForestOptions.
#include <string>
#include <vector>

#include "core/figure_options.h"
#include "core/risk_of_bias.h"
#include "present/analysis_view.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// A text column added to the table right of the study labels ("N", "Follow-up"). Its cells
/// wrap at ForestOptions::kExtraColumnWidth like the labels.
struct ExtraColumn {
  std::string header;
  std::vector<std::string> cells;  ///< by EffectTable row (StudyRow::source_row); "" = blank
  bool numeric = false;            ///< right-aligned
};

struct ForestOptions {
  /// Axis limits and ticks, width, font size, label width, theme, prediction interval.
  /// core::FigureOptions::columns is the caller's to turn into `columns` and `risk_of_bias`.
  core::FigureOptions figure;
  std::vector<ExtraColumn> columns;
  /// By EffectTable row: the row's assessment (null = none). Non-empty: coloured dots per
  /// domain (D1..Dn) and overall right of the plot, robvis colours, with a legend below.
  std::vector<const core::RobAssessment*> risk_of_bias;
  static constexpr double kExtraColumnWidth = 90;  ///< points
  static constexpr double kMinPlotWidth = 80;      ///< the narrowest plot column a width may leave
};

/// The laid-out figure. Throws metareview::Error when options.figure is invalid or its width
/// leaves the plot column narrower than kMinPlotWidth (the message names the width needed).
Scene forest_layout(const present::AnalysisView& view, const TextMeasurer& measure, const ForestOptions& options = {});

}  // namespace metareview::render
