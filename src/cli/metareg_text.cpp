#include "cli/metareg_text.h"

#include <algorithm>
#include <ostream>

#include "core/format.h"

namespace metareview::cli {

void print_columns(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& r : rows) {
    width.resize(std::max(width.size(), r.size()), 0);
    for (std::size_t j = 0; j < r.size(); ++j) width[j] = std::max(width[j], r[j].size());
  }
  for (const auto& r : rows) {
    std::string line = r.empty() ? "" : r[0] + std::string(width[0] - r[0].size(), ' ');
    for (std::size_t j = 1; j < r.size(); ++j) line += "  " + std::string(width[j] - r[j].size(), ' ') + r[j];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

void print_moderator_test(std::ostream& out, const model::Omnibus& o, int p_coefficients, double p,
                          const std::string& p_label) {
  const auto fx = [](double x) { return core::format_fixed(x, 4); };
  // metafor's btt: every coefficient but the intercept, or the intercept alone.
  out << "Test of Moderators (coefficient"
      << (o.QM_df1 > 1 ? "s 2:" + std::to_string(p_coefficients) : p_coefficients > 1 ? " 2" : " 1") << "):\n";
  if (o.QM_df2)
    out << "F(df1 = " << o.QM_df1 << ", df2 = " << core::format_significant(*o.QM_df2, 1) << ") = " << fx(o.QM);
  else
    out << "QM(df = " << o.QM_df1 << ") = " << fx(o.QM);
  out << ", " << p_label << (p < 1e-4 ? " < .0001" : " = " + fx(p)) << '\n';
}

}  // namespace metareview::cli
