#pragma once
// Back-transformations from the analysis scale to the scale results are shown on, each as
// the metafor transf.* function of the same name (including its clamping at 0 and 1).
#include <string_view>
#include <vector>

#include "core/measure.h"

namespace metareview::effect {

/// exp(x): log OR, log RR, log HR back to ratios (metafor transf = exp).
double transf_exp(double x);

/// Inverse logit 1 / (1 + exp(-x)) (metafor transf.ilogit, R's plogis).
double transf_ilogit(double x);

/// Inverse arcsine square root sin(x)^2, 0 below x = 0 and 1 above pi/2 (metafor transf.iarcsin).
double transf_iarcsin(double x);

/// The Freeman-Tukey double arcsine of a proportion p in a sample of n (metafor transf.pft).
double transf_pft(double p, double n);

/// Inverse Freeman-Tukey double arcsine for sample size n (Miller 1978; metafor
/// transf.ipft): 0 below transf_pft(0, n), 1 above transf_pft(1, n); NaN where the
/// inversion is undefined inside that range.
double transf_ipft(double x, double n);

/// transf_ipft() with n the harmonic mean of `ni` (NaN entries ignored), as metafor
/// transf.ipft.hm. Throws metareview::Error when ni has no positive value.
double transf_ipft_hm(double x, const std::vector<double>& ni);

/// The back-transformation of a measure: exp for HR/OR/RR, transf_ilogit for PLO,
/// transf_iarcsin for PAS, transf_ipft_hm(ni) for PFT, and the identity for GEN, PR, RD,
/// MD and SMD. `ni` (the studies' sample sizes, EffectTable::ni) is read only for PFT.
double back_transform(core::Measure measure, double x, const std::vector<double>& ni);
/// back_transform() with one sample size `n` for PFT (transf_ipft(x, n): a study's own n, or a
/// harmonic mean computed already), as plots and tables show single values.
double back_transform_one(core::Measure measure, double x, double n);

/// metafor's name of back_transform()'s function for `measure`: "exp", "transf.ilogit",
/// "transf.iarcsin", "transf.ipft.hm", or "none".
std::string_view back_transform_name(core::Measure measure);

}  // namespace metareview::effect
