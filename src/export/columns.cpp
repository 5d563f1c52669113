#include "export/columns.h"

#include <cmath>

#include "core/error.h"
#include "core/format.h"

namespace metareview::exporter {

Family family(core::Measure m) {
  switch (m) {
    case core::Measure::GEN: return Family::Generic;
    case core::Measure::HR: return Family::Hazard;
    case core::Measure::OR:
    case core::Measure::RR:
    case core::Measure::RD: return Family::TwoByTwo;
    case core::Measure::PR:
    case core::Measure::PLO:
    case core::Measure::PAS:
    case core::Measure::PFT: return Family::Proportion;
    case core::Measure::MD:
    case core::Measure::SMD: return Family::Continuous;
  }
  throw InternalError("exporter::family: unknown measure");
}

std::vector<std::pair<const char*, double effect::StudyInput::*>> input_columns(Family f) {
  using S = effect::StudyInput;
  switch (f) {
    case Family::Generic: return {};
    case Family::Hazard:
      return {{"hr", &S::hr}, {"hr_ci_lb", &S::hr_ci_lb}, {"hr_ci_ub", &S::hr_ci_ub}, {"hr_level", &S::hr_level},
              {"o_minus_e", &S::o_minus_e}, {"v", &S::v}};
    case Family::TwoByTwo: return {{"ai", &S::ai}, {"n1i", &S::n1i}, {"ci", &S::ci}, {"n2i", &S::n2i}};
    case Family::Proportion: return {{"xi", &S::xi}, {"ni", &S::ni}};
    case Family::Continuous:
      return {{"m1i", &S::m1i}, {"sd1i", &S::sd1i}, {"n1i", &S::n1i},
              {"m2i", &S::m2i}, {"sd2i", &S::sd2i}, {"n2i", &S::n2i}};
  }
  return {};
}

std::string csv_number(double x) { return std::isfinite(x) ? core::format_shortest(x) : "NA"; }

std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + '"';
}

}  // namespace metareview::exporter
