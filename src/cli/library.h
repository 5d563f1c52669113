#pragma once
// Where the commands find the study library when no --studies is given: studies/ in the
// current directory or the nearest directory above it, else beside the binary (a build
// directory inside the source tree: <tree>/build/metareview). Outputs (reports/) and the
// templates of a source tree go with the library found, so `metareview run` from any
// directory of a project writes the same bytes as from its root.
#include <optional>
#include <string>

namespace metareview::cli {

/// The directory holding studies/ (found as described above), or nullopt.
std::optional<std::string> find_project_root();

/// `given` when the user named it (not empty); else `name` + "/" under the project root found,
/// else `name` + "/" relative to the current directory (which then fails with `hint()`).
std::string default_path(const std::string& given, const std::string& name);

/// The hint shown when no study library is found: names --studies and --templates.
std::string library_hint();

}  // namespace metareview::cli
