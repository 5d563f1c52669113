#include "core/risk_of_bias.h"

#include <algorithm>

namespace metareview::core {

// Ref: Sterne JAC et al. RoB 2: a revised tool for assessing risk of bias in randomised
// trials. BMJ 2019;366:l4898 (Table 1: five domains; judgments low / some concerns / high).
// Ref: Sterne JAC et al. ROBINS-I: a tool for assessing risk of bias in non-randomised
// studies of interventions. BMJ 2016;355:i4919 (Table 1: seven domains; judgments low /
// moderate / serious / critical / no information).
// Ref: Higgins JPT, Altman DG, Sterne JAC (eds). Cochrane Handbook 5.1 (2011), chapter 8,
// table 8.5.a (seven domains) and table 8.5.d (judgments low / unclear / high risk); Higgins
// JPT et al. BMJ 2011;343:d5928. Names as RevMan 5.1 and later print them; RoB 1 has no
// overall judgment of its own (Handbook 5.1 table 8.7.a offers a summary, which a study file
// may give but which is never derived here).
// "no-information" is allowed in RoB 2 too: its signalling questions take "no information",
// and a desk assessment from secondary sources often cannot answer them.
const std::vector<RobTool>& rob_tools() {
  static const std::vector<RobTool> tools{
      {"rob1",
       "RoB 1",
       {{"sequence-generation", "Random sequence generation (selection bias)"},
        {"allocation-concealment", "Allocation concealment (selection bias)"},
        {"blinding-participants", "Blinding of participants and personnel (performance bias)"},
        {"blinding-outcome", "Blinding of outcome assessment (detection bias)"},
        {"incomplete-data", "Incomplete outcome data (attrition bias)"},
        {"selective-reporting", "Selective reporting (reporting bias)"},
        {"other-bias", "Other bias"}},
       {"low", "unclear", "high"},
       {"Low risk", "Unclear risk", "High risk"},
       false,
       false},
      {"rob2",
       "RoB 2",
       {{"randomisation", "Bias arising from the randomisation process"},
        {"deviations", "Bias due to deviations from intended interventions"},
        {"missing-data", "Bias due to missing outcome data"},
        {"measurement", "Bias in measurement of the outcome"},
        {"selection", "Bias in selection of the reported result"}},
       {"low", "some-concerns", "high", "no-information"},
       {"Low", "Some concerns", "High", "No information"}},
      {"robins-i",
       "ROBINS-I",
       {{"confounding", "Bias due to confounding"},
        {"selection", "Bias in selection of participants into the study"},
        {"classification", "Bias in classification of interventions"},
        {"deviations", "Bias due to deviations from intended interventions"},
        {"missing-data", "Bias due to missing data"},
        {"measurement", "Bias in measurement of outcomes"},
        {"reported-result", "Bias in selection of the reported result"}},
       {"low", "moderate", "serious", "critical", "no-information"},
       {"Low", "Moderate", "Serious", "Critical", "No information"}},
      {"not-applicable", "Not applicable", {}, {}, {}},
  };
  return tools;
}

const RobTool* find_rob_tool(std::string_view code) {
  for (const RobTool& t : rob_tools())
    if (t.code == code) return &t;
  return nullptr;
}

std::string judgment_label(std::string_view judgment) {
  std::string out(judgment);
  std::replace(out.begin(), out.end(), '-', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string judgment_label(const RobTool& tool, std::string_view judgment) {
  for (std::size_t i = 0; i < tool.judgments.size() && i < tool.labels.size(); ++i)
    if (tool.judgments[i] == judgment) return std::string(tool.labels[i]);
  return judgment.empty() ? "No information" : judgment_label(judgment);
}

bool RobAssessment::leaves_domain_unjudged() const {
  return std::any_of(domains.begin(), domains.end(), [](const RobJudgment& j) { return j.judgment.empty(); });
}

bool RobAssessment::covers(const std::string& outcome) const {
  return outcomes.empty() || std::find(outcomes.begin(), outcomes.end(), outcome) != outcomes.end();
}

bool is_iso_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t j = starts[i]; j < starts[i] + lengths[i]; ++j) {
      if (date[j] < '0' || date[j] > '9') return false;
      parts[i] = parts[i] * 10 + (date[j] - '0');
    }
  }
  const int y = parts[0], m = parts[1], d = parts[2];
  if (m < 1 || m > 12 || d < 1) return false;
  // Ref: Gregorian calendar leap-year rule (divisible by 4, except centuries not divisible by 400).
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int days[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return d <= days[m - 1];
}

}  // namespace metareview::core
