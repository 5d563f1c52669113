#include "core/measure.h"

#include <array>
#include <utility>

namespace metareview::core {
namespace {
constexpr std::array<std::pair<Measure, std::string_view>, 11> kMeasures{{
    {Measure::GEN, "GEN"}, {Measure::HR, "HR"},   {Measure::OR, "OR"},   {Measure::RR, "RR"},
    {Measure::RD, "RD"},   {Measure::PR, "PR"},   {Measure::PLO, "PLO"}, {Measure::PAS, "PAS"},
    {Measure::PFT, "PFT"}, {Measure::MD, "MD"},   {Measure::SMD, "SMD"},
}};
}  // namespace

std::string_view to_string(Measure m) {
  for (const auto& [measure, code] : kMeasures)
    if (measure == m) return code;
  return "?";
}

std::optional<Measure> parse_measure(std::string_view code) {
  for (const auto& [measure, c] : kMeasures)
    if (c == code) return measure;
  return std::nullopt;
}

std::string valid_measures() {
  std::string out;
  for (const auto& [measure, code] : kMeasures) {
    if (!out.empty()) out += ", ";
    out += code;
  }
  return out;
}

bool is_log_ratio(Measure m) { return m == Measure::HR || m == Measure::OR || m == Measure::RR; }

bool is_proportion(Measure m) {
  return m == Measure::PR || m == Measure::PLO || m == Measure::PAS || m == Measure::PFT;
}

bool is_binary_two_group(Measure m) { return m == Measure::OR || m == Measure::RR || m == Measure::RD; }

std::optional<double> null_value(Measure m) {
  if (is_proportion(m)) return std::nullopt;
  return 0.0;
}

}  // namespace metareview::core
