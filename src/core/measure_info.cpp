#include "core/measure_info.h"

namespace metareview::core {
namespace {
constexpr bool rows_follow_enum() {
  for (std::size_t i = 0; i < kMeasureInfo.size(); ++i)
    if (static_cast<std::size_t>(kMeasureInfo[i].measure) != i) return false;
  return true;
}
// measure_info() indexes by the enum's value: the table must list the measures in enum order.
static_assert(rows_follow_enum(), "kMeasureInfo must list the measures in the order of enum Measure");
}  // namespace

const MeasureInfo& measure_info(Measure m) { return kMeasureInfo.at(static_cast<std::size_t>(m)); }

std::string_view to_string(Measure m) { return measure_info(m).code; }

std::optional<Measure> parse_measure(std::string_view code) {
  for (const auto& row : kMeasureInfo)
    if (row.code == code) return row.measure;
  return std::nullopt;
}

std::string valid_measures() {
  std::string out;
  for (const auto& row : kMeasureInfo) {
    if (!out.empty()) out += ", ";
    out += row.code;
  }
  return out;
}

bool is_log_ratio(Measure m) { return measure_info(m).scale == Scale::Log; }
bool is_proportion(Measure m) { return measure_info(m).family == InputFamily::Proportion; }
bool is_binary_two_group(Measure m) { return measure_info(m).family == InputFamily::TwoByTwo; }

std::optional<double> null_value(Measure m) {
  if (!measure_info(m).has_null) return std::nullopt;
  return 0.0;
}

}  // namespace metareview::core
