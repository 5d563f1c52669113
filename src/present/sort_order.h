#pragma once
// The order of a table's study rows, as a review file (sort="...") and `metareview forest
// --sort` name it. Kept apart from analysis_view.h so that the review reader can check the
// code without depending on the display model.
#include <optional>
#include <string>
#include <string_view>

namespace metareview::present {

/// Order of the study rows, applied within each subgroup: as given, by effect (ascending),
/// by weight (heaviest first), by year (oldest first, unknown years last). Ties keep input order.
enum class SortOrder { AsGiven, Effect, Weight, Year };
std::optional<SortOrder> parse_sort_order(std::string_view code);  ///< "given", "effect", "weight", "year"
std::string valid_sort_orders();

}  // namespace metareview::present
