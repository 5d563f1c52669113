#pragma once
// Numbers in check messages. Built on core/format.h; what it lacks for messages (a printed
// p with its "P", a recomputed p at the precision that makes a disagreement visible, an
// estimate with its CI as papers print it) is here.
#include <string>

#include "core/study.h"

namespace metareview::check {

/// `x` with `decimals` places (core::format_fixed).
std::string fixed(double x, int decimals);

/// A printed p as a clause: "0.015" -> "P = 0.015", ">0.05" -> "P>0.05", "P<0.001" unchanged.
std::string p_text(const core::PValue& p);

/// A recomputed p next to a printed one: two decimals more than printed for an equality
/// ("P = 0.01545" next to "P = 0.015"), two significant digits next to a bound
/// ("P = 0.0067" next to "P<0.001"); "P < 0.00001" below that.
std::string p_clause(double p, const core::PValue& printed);
/// The bare number of p_clause() (for Finding::recomputed_text).
std::string p_number(double p, const core::PValue& printed);

/// "HR 0.712 (0.583–0.874)", with "99% CI " before the bounds when the level is not 95.
std::string estimate_text(const core::Estimate& e);

/// The arm's label ("KRd"), or its id when the study has no such arm.
std::string arm_label(const core::Study& s, const std::string& arm_id);

}  // namespace metareview::check
