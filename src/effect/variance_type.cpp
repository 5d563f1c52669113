#include "effect/variance_type.h"

#include <array>
#include <string>
#include <utility>

#include "core/error.h"

namespace metareview::effect {
namespace {
constexpr std::array<std::pair<VarianceType, std::string_view>, 5> kCodes{{
    {VarianceType::LS, "LS"},
    {VarianceType::UB, "UB"},
    {VarianceType::LS2, "LS2"},
    {VarianceType::HO, "HO"},
    {VarianceType::AV, "AV"},
}};
constexpr std::array<std::string_view, 8> kMetaforCodes{"UB", "LS", "LS2", "HO", "ST", "CS", "AV", "AVHO"};

std::string_view code_of(VarianceType v) {
  for (const auto& [value, code] : kCodes)
    if (value == v) return code;
  return "?";
}
}  // namespace

void check_vtype_known(std::string_view code) {
  for (std::string_view c : kMetaforCodes)
    if (c == code) return;
  std::string list;
  for (std::string_view c : kMetaforCodes) {
    if (!list.empty()) list += ", ";
    list += c;
  }
  throw Error("escalc(vtype): unknown vtype \"" + std::string(code) + "\" (metafor's codes: " + list + ")");
}

VarianceType parse_variance_type(core::Measure measure, std::string_view code,
                                 std::initializer_list<VarianceType> allowed) {
  std::string list;
  for (VarianceType v : allowed) {
    if (code_of(v) == code) return v;
    if (!list.empty()) list += ", ";
    list += code_of(v);
  }
  check_vtype_known(code);
  throw Error("escalc(" + std::string(core::to_string(measure)) + "): vtype must be one of " + list +
              ", got \"" + std::string(code) + "\"");
}

}  // namespace metareview::effect
