#pragma once
#include <stdexcept>
#include <string>

namespace metareview {

/// A numeric or domain failure inside the library (bad argument to a formula, a solver that
/// cannot start). The message names the function and the offending value. Bad *input data*
/// never throws: it becomes core::Diagnostics.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

}  // namespace metareview
