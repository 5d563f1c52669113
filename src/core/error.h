#pragma once
#include <stdexcept>
#include <string>

namespace metareview {

/// A problem the user can act on: a numeric or domain failure inside the library caused by
/// the data or the options (a bad argument to a formula, a solver that cannot start, a file
/// that cannot be written). The message names the function and the offending value. The
/// command line reports it as "metareview <command>: error: <message>" and exits 1. Bad
/// *input data* in files never throws: it becomes core::Diagnostics.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

/// A bug in metareview: a broken invariant that no input should be able to cause. Not an
/// Error (catching Error must not swallow it): the command line reports it, like any other
/// unexpected std::exception, as an internal error asking for a bug report and exits 3.
class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& what) : std::logic_error(what) {}
};

/// How a bug is introduced wherever one is reported, before the exception's text.
inline constexpr const char* kInternalErrorLead = "internal error (a bug in metareview; please report it)";

}  // namespace metareview
