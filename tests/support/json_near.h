#pragma once
// A number in a command's JSON output against R's value, to the project's 1e-6 relative.
#include <cmath>
#include <nlohmann/json.hpp>

#include "tolerance.h"

namespace metareview::test {

inline bool near(const nlohmann::json& x, double r) { return std::fabs(x.get<double>() - r) <= kRRelative * std::fabs(r); }

}  // namespace metareview::test
