#include "core/level.h"

#include <cmath>

namespace metareview::core {

std::optional<double> confidence_level_percent(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  if (value >= 50 && value < 100) return value;
  // Ref: metafor:::.level(): 0.5 < level < 1 is 1 - alpha. Rounded to 10 decimals, so that a
  // proportion and its percentage give the same bits (0.575 * 100 is 57.49999999999999).
  if (value > 0.5 && value < 1) return std::round(value * 100 * 1e10) / 1e10;
  return std::nullopt;
}

}  // namespace metareview::core
