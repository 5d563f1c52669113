#include "present/sort_order.h"

#include <array>
#include <utility>

namespace metareview::present {
namespace {

constexpr std::array<std::pair<SortOrder, std::string_view>, 4> kSortOrders{{
    {SortOrder::AsGiven, "given"}, {SortOrder::Effect, "effect"}, {SortOrder::Weight, "weight"}, {SortOrder::Year, "year"}}};

}  // namespace

std::optional<SortOrder> parse_sort_order(std::string_view code) {
  for (const auto& [order, c] : kSortOrders)
    if (c == code) return order;
  return std::nullopt;
}

std::string valid_sort_orders() {
  std::string out;
  for (const auto& [order, c] : kSortOrders) out += (out.empty() ? "" : ", ") + std::string(c);
  return out;
}

}  // namespace metareview::present
