#pragma once
// Funnel plots (metafor's funnel()): effects against their standard errors, 0 at the top,
// with pseudo confidence limits around the common-effect estimate; optionally contour-
// enhanced (Peters et al. 2008) with shaded significance regions around the null. Room for
// filled-in studies (trim and fill), drawn as open circles.
#include <optional>
#include <string>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "model/fit.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

struct FunnelPoint {
  double yi = 0, sei = 0;  ///< analysis scale
  bool filled = false;     ///< imputed by trim and fill: an open circle
  int source_row = -1;     ///< EffectTable row (element index in the Scene); -1 for filled
};

struct FunnelInput {
  core::Measure measure = core::Measure::GEN;
  bool log_axis = false;            ///< ratios: log axis labelled with ratios
  std::vector<FunnelPoint> points;
  double estimate = 0;              ///< centre of the funnel (analysis scale)
  double level = 95;                ///< pseudo confidence limits
  bool contour = false;             ///< shade p < 0.10 / 0.05 / 0.01 regions around the null
  double null = 0;                  ///< centre of the contours (analysis scale)
  std::string x_label, y_label = "Standard Error";
};

struct FunnelOptions {
  bool contour = false;
};

/// The funnel of `es` around the pooled estimate of `fit` (metafor centres it on the
/// fitted model's estimate; pass the common-effect fit for the classic funnel). Rows not
/// included in the fit are left out. Throws metareview::Error if fit does not match es.
FunnelInput funnel_input(const effect::EffectTable& es, const model::Fit& fit, const FunnelOptions& options = {});

Scene funnel_layout(const FunnelInput& in, const TextMeasurer& measure, const Theme& theme = {});

/// `polygon` clipped to the rectangle [x0, x1] x [y0, y1] (Sutherland-Hodgman).
std::vector<Point> clip_polygon(const std::vector<Point>& polygon, double x0, double y0, double x1, double y1);

}  // namespace metareview::render
