#pragma once
// The bubble plot of a meta-regression on one continuous moderator (metafor's regplot()):
// each study's effect against its moderator value, the point's area in proportion to its
// weight in the model, the fitted line with its confidence band and, for random-effects
// models, the prediction interval as dashed lines. Ref: metafor 3.8-1 regplot.rma.r.
#include <optional>
#include <string>
#include <vector>

#include "model/metareg.h"
#include "model/moderators.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

struct BubblePoint {
  double x = 0, yi = 0;
  double weight = 0;    ///< the study's weight in the model (any scale; areas are relative)
  int source_row = -1;  ///< EffectTable row
};

/// The fitted line, evaluated by the model (render draws; it never fits): pred, ci and pi
/// at each of the ascending xs.
struct BubbleLine {
  std::vector<double> x, pred, ci_lb, ci_ub;
  std::vector<double> pi_lb, pi_ub;  ///< empty: no prediction interval (common-effect model)
};

struct BubbleInput {
  std::vector<BubblePoint> points;
  BubbleLine line;
  std::string x_label, y_label;
  double level = 95;  ///< for the legend
};

/// The plot of `m`, fitted with `design`, against its one numeric moderator (the design's
/// column 1, named `moderator`): the included studies with their model weights, and the
/// fitted line at 41 values across the moderator's range (model::predict).
BubbleInput bubble_input(const model::MetaReg& m, const model::Design& design, const std::string& moderator);

/// Throws metareview::Error when there are no points or the line has fewer than two xs.
Scene bubble_layout(const BubbleInput& in, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
