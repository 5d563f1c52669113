#pragma once
// metafor's escalc(vtype) codes for the measures that have more than one variance formula.
#include <initializer_list>
#include <string_view>

#include "core/measure.h"

namespace metareview::effect {

enum class VarianceType {
  LS,   ///< large-sample approximation (metafor's default)
  UB,   ///< unbiased estimate
  LS2,  ///< alternative large-sample form (SMD)
  HO,   ///< homoscedastic: pooled SD (MD)
  AV,   ///< sample-size-weighted average effect plugged into the variance
};

/// Throws metareview::Error unless `code` is one of metafor's vtype codes (UB, LS, LS2, HO,
/// ST, CS, AV, AVHO); measures with a single variance formula accept and ignore any of them.
void check_vtype_known(std::string_view code);

/// The vtype for `measure`, which accepts only `allowed`; anything else throws
/// metareview::Error listing the accepted codes, as metafor stops.
VarianceType parse_variance_type(core::Measure measure, std::string_view code,
                                 std::initializer_list<VarianceType> allowed);

}  // namespace metareview::effect
