#include "check/text.h"

#include <algorithm>
#include <cmath>

#include "core/format.h"

namespace metareview::check {

std::string fixed(double x, int decimals) { return core::format_fixed(x, std::clamp(decimals, 0, 17)); }

std::string p_text(const core::PValue& p) {
  const std::string& s = p.printed;
  if (!s.empty() && (s[0] == 'P' || s[0] == 'p')) return s;
  if (p.relation == core::PValue::Relation::Equal && s.find('=') == std::string::npos) return "P = " + s;
  return "P" + s;
}

std::string p_number(double p, const core::PValue& printed) {
  if (printed.relation != core::PValue::Relation::Equal) {
    if (p < 1e-5) return "<0.00001";
    return core::format_significant(p, 2);
  }
  // At least two significant digits, and two decimals more than printed.
  int decimals = printed.decimals + 2;
  if (p > 0 && p < 1) decimals = std::max(decimals, 1 - static_cast<int>(std::floor(std::log10(p))));
  return fixed(p, std::min(decimals, 12));
}

std::string p_clause(double p, const core::PValue& printed) {
  if (printed.relation != core::PValue::Relation::Equal && p < 1e-5) return "P < 0.00001";
  return "P = " + p_number(p, printed);
}

std::string estimate_text(const core::Estimate& e) {
  std::string s = e.measure + ' ' + e.value.printed;
  if (e.ci_lb && e.ci_ub) {
    s += " (";
    if (e.level != 95) s += core::format_plain(e.level) + "% CI ";
    s += e.ci_lb->printed + "–" + e.ci_ub->printed + ')';
  }
  return s;
}

std::string arm_label(const core::Study& s, const std::string& arm_id) {
  const core::Arm* a = s.arm(arm_id);
  return a && !a->label.empty() ? a->label : arm_id;
}

}  // namespace metareview::check
