#pragma once
// The order of a table's study rows, as a review file (sort="...") and `metareview forest
// --sort` name it. A review setting, so it lives below present/, which applies it.
#include <optional>
#include <string>
#include <string_view>

namespace metareview::review {

/// Order of the study rows, applied within each subgroup: as given, by effect (ascending),
/// by weight (heaviest first), by year (oldest first, unknown years last). Ties keep input order.
enum class SortOrder { AsGiven, Effect, Weight, Year };
std::optional<SortOrder> parse_sort_order(std::string_view code);  ///< "given", "effect", "weight", "year"
std::string valid_sort_orders();

}  // namespace metareview::review
