#pragma once
// Funnel plots (metafor's funnel()): effects against their standard errors, 0 at the top,
// with pseudo confidence limits around the common-effect estimate; optionally contour-
// enhanced (Peters et al. 2008) with shaded significance regions around the null; optionally
// with Egger's regression line; for trim and fill, the filled-in studies as open circles
// around the filled estimate (metafor's funnel() of a trimfill object).
#include <optional>
#include <string>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "methods/trimfill.h"
#include "model/fit.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

struct FunnelPoint {
  double yi = 0, sei = 0;  ///< analysis scale
  bool filled = false;     ///< imputed by trim and fill: an open circle
  int source_row = -1;     ///< EffectTable row (element index in the Scene); -1 for filled
};

/// A straight line on the funnel's axes, effect = intercept + slope * standard error: Egger's
/// regression of the effects on their standard errors (methods::Regtest's intercept and slope
/// for predictor sei), drawn from the top of the funnel (SE 0, the limit estimate) down.
struct FunnelLine {
  double intercept = 0, slope = 0;  ///< analysis scale
};

struct FunnelInput {
  core::Measure measure = core::Measure::GEN;
  bool log_axis = false;            ///< ratios: log axis labelled with ratios
  std::vector<FunnelPoint> points;
  double estimate = 0;              ///< centre of the funnel (analysis scale)
  double level = 95;                ///< pseudo confidence limits
  bool contour = false;             ///< shade p < 0.10 / 0.05 / 0.01 regions around the null
  double null = 0;                  ///< centre of the contours (analysis scale)
  std::optional<FunnelLine> regression;  ///< Egger's line, drawn dash-dotted with a legend key
  std::string x_label, y_label = "Standard Error";
};

struct FunnelOptions {
  bool contour = false;
};

/// The funnel of `es` around the pooled estimate of `fit` (metafor centres it on the
/// fitted model's estimate; pass the common-effect fit for the classic funnel). Rows not
/// included in the fit are left out. Throws metareview::Error if fit does not match es.
FunnelInput funnel_input(const effect::EffectTable& es, const model::Fit& fit, const FunnelOptions& options = {});

/// The funnel of trim and fill, as metafor's funnel() of a trimfill object: the studies of
/// `es` that `t` used, solid, and t's filled studies (fill_yi, fill_vi) as open circles, centred
/// on the filled estimate with pseudo confidence limits at t.spec.level.
FunnelInput trimfill_funnel_input(const effect::EffectTable& es, const methods::Trimfill& t,
                                  const FunnelOptions& options = {});

Scene funnel_layout(const FunnelInput& in, const TextMeasurer& measure, const Theme& theme = {});

/// `polygon` clipped to the rectangle [x0, x1] x [y0, y1] (Sutherland-Hodgman).
std::vector<Point> clip_polygon(const std::vector<Point>& polygon, double x0, double y0, double x1, double y1);

}  // namespace metareview::render
