#pragma once
// Confidence levels as users write them. metafor reads level = 95 and level = 0.95 alike
// (metafor:::.level), so R users write both; we accept both, everywhere a level is read (the
// CLI's --level, review files, the CI level printed in study files), and refuse the values
// metafor would read in a way nobody means (0.05 as alpha, 1 as a 1% interval).
#include <optional>
#include <string_view>

namespace metareview::core {

/// The level in percent: a percentage in [50, 100) is kept ("95"), a proportion in (0.5, 1) is
/// multiplied by 100 ("0.95" -> 95). nullopt for anything else, which callers report with
/// kLevelHint.
std::optional<double> confidence_level_percent(double value);

/// What a valid level looks like, for error messages.
inline constexpr std::string_view kLevelHint =
    "a percentage from 50 to below 100 (as 95) or a proportion between 0.5 and 1 (as 0.95)";

}  // namespace metareview::core
