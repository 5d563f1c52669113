#pragma once
// The influence panel, in the manner of metafor's plot(influence(...)): eight small plots
// (rstudent, dffits, cook.d, cov.r, tau2.del, QE.del, hat, weight) in four rows of two, each
// value against the study's index, joined by a line, influential studies filled red, with
// metafor's reference lines. Ref: metafor 3.8-1 plot.infl.rma.uni.r.
#include <optional>
#include <string>
#include <vector>

#include "methods/methods.h"
#include "model/fit.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

struct InfluenceInput {
  /// Columns of methods::influence_result() by metafor's name (rstudent, dffits, cook_d,
  /// cov_r, tau2_del, QE_del, hat, weight), one value per study in index order.
  std::vector<std::pair<std::string, std::vector<std::optional<double>>>> columns;
  std::vector<bool> inf;          ///< metafor's is.infl ("*")
  std::vector<int> source_rows;   ///< EffectTable row of each study (the element index)
  std::optional<double> tau2;     ///< of the full fit (tau2.del's reference line); nullopt for FE
  double QE = 0;                  ///< of the full fit (QE.del's reference line)
};

/// The panel's input from methods::influence_result() `r` and `full`, the fit of all its studies.
/// Throws InternalError when `r` lacks a column the panel draws.
InfluenceInput influence_input(const methods::MethodResult& r, const model::Fit& full);

/// Throws InternalError when a panel's column is missing or of the wrong length.
Scene influence_layout(const InfluenceInput& in, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
