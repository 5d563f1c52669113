#include "review/sort_order.h"

#include "core/codes.h"

namespace metareview::review {
namespace {
constexpr auto kSortOrders = core::enum_codes<SortOrder>(
    {{SortOrder::AsGiven, "given"}, {SortOrder::Effect, "effect"}, {SortOrder::Weight, "weight"}, {SortOrder::Year, "year"}});
}  // namespace

std::optional<SortOrder> parse_sort_order(std::string_view code) { return kSortOrders.parse(code); }
std::string valid_sort_orders() { return kSortOrders.valid(); }

}  // namespace metareview::review
