#pragma once
// Text shared by the meta-regression tables of `pool --mods` and `permutest` (metafor's
// print.rma.uni and print.permutest.rma.uni).
#include <iosfwd>
#include <string>
#include <vector>

#include "model/metareg.h"

namespace metareview::cli {

/// Rows of cells as aligned columns: the first left-aligned, the others right-aligned, two
/// spaces apart, no trailing blanks.
void print_columns(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

/// "Test of Moderators (coefficient 2):\nQM(df = 1) = 16.3582, p-val < .0001\n" (F(df1, df2)
/// under Hartung-Knapp) with `p` as the p-value and `p_label` ("p-val", or "p-val*" for a
/// permutation p-value).
void print_moderator_test(std::ostream& out, const model::Omnibus& o, int p_coefficients, double p,
                          const std::string& p_label);

}  // namespace metareview::cli
