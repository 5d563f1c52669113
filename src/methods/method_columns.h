#pragma once
// Reading one named column of a method's table (methods/methods.h), as the commands' tables
// and plots and the reports' figures do.
#include <optional>
#include <string>
#include <vector>

#include "methods/methods.h"

namespace metareview::methods {

/// The values of column `name` of `r`, one per row. Throws InternalError when `r` has no such
/// column (a caller asking for a column its method does not make is a bug).
std::vector<std::optional<double>> result_column(const MethodResult& r, const std::string& name);

}  // namespace metareview::methods
