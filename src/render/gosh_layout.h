#pragma once
// The GOSH plot (metafor's plot.gosh()): I2 (y) against the pooled estimate (x) of every
// subset fitted, with the marginal distribution of each as a histogram, the estimate's above
// the scatter and I2's on its right. Ref: Olkin, Dahabreh & Trikalinos (2012), Res Synth
// Methods 3:214-223; metafor 3.8-1 plot.gosh.rma.r.
#include <cstddef>
#include <string>
#include <vector>

#include "core/measure.h"
#include "methods/gosh.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// Up to this many subsets each is one small point; more are binned (kGoshGrid cells a side),
/// each cell shaded by how many subsets fall in it, so files stay small.
inline constexpr std::size_t kGoshMaxPoints = 20000;
inline constexpr std::size_t kGoshGrid = 120;
inline constexpr std::size_t kGoshBins = 40;  ///< bars of each histogram

struct GoshInput {
  std::vector<double> estimate, I2;  ///< one per subset fitted successfully (analysis scale; I2 in %)
  std::string x_label = "Estimate";  ///< the measure's name on the analysis scale
};

/// The estimate and I2 of every subset of `g` fitted successfully, the estimate on the
/// analysis scale (log for ratios, as metafor) and labelled so.
GoshInput gosh_input(const methods::Gosh& g, core::Measure measure);

/// Throws metareview::Error when there is no subset to draw.
Scene gosh_layout(const GoshInput& in, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
