#pragma once
// The Baujat plot (metafor's baujat()): each study's contribution to the heterogeneity
// statistic (x) against its influence on the pooled estimate (y), one labelled point per
// study. Ref: Baujat et al. (2002), Stat Med 21:2641-2652; metafor 3.8-1 baujat.rma.r.
#include <optional>
#include <string>
#include <vector>

#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

struct BaujatPointInput {
  std::string label;        ///< the study name, drawn beside its point
  double x = 0;             ///< contribution to Q (methods::BaujatPoint::x)
  std::optional<double> y;  ///< influence on the estimate; nullopt (failed refit): not drawn
  int source_row = -1;      ///< EffectTable row (the point's and label's index in the Scene)
};

/// Points at (x, y) with their labels placed right of them, else left, above or below, at
/// the first place that overlaps no other label or point and stays in the plot area.
/// Axis titles are metafor's: x is "Contribution to Overall Heterogeneity" for a
/// common-effect fit (`common`: FE, MH, PETO), else "Squared Pearson Residual". Throws
/// metareview::Error when no point has a y.
Scene baujat_layout(const std::vector<BaujatPointInput>& points, bool common, const TextMeasurer& measure,
                    const Theme& theme = {});

}  // namespace metareview::render
