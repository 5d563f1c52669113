#pragma once
// Forest plots, modelled on RevMan 5 (R meta's forest(layout = "RevMan5")) and metafor's
// forest(): a table of studies with their arm data, weights and effect [CI], a graphical
// column with squares, whiskers and diamonds, heterogeneity and test lines, subgroups.
// forest_layout() draws a present::AnalysisView (every text already worded there) into a
// Scene without touching a drawing surface; it fits nothing and formats no statistic.
#include "present/analysis_view.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// The laid-out figure.
Scene forest_layout(const present::AnalysisView& view, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
