#include "cli/library.h"

#include <filesystem>
#include <system_error>

namespace metareview::cli {
namespace {
namespace fs = std::filesystem;

bool holds_library(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "studies", ec);
}

/// "" when `root` is the current directory (paths stay as short and as reproducible as
/// before: "studies/"), else `root` with a trailing "/".
std::string prefix_of(const fs::path& root) {
  std::error_code ec;
  if (fs::equivalent(root, fs::current_path(ec), ec)) return "";
  return root.lexically_normal().generic_string() + "/";
}

}  // namespace

std::optional<std::string> find_project_root() {
  std::error_code ec;
  for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    if (holds_library(dir)) return prefix_of(dir);
    if (dir == dir.root_path()) break;
  }
  // Beside the binary: <tree>/build/metareview or an install's <prefix>/bin/metareview.
  if (const fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec)
    for (const fs::path& dir : {exe.parent_path(), exe.parent_path().parent_path()})
      if (!dir.empty() && holds_library(dir)) return prefix_of(dir);
  return std::nullopt;
}

std::string default_path(const std::string& given, const std::string& name) {
  if (!given.empty()) return given;
  const auto root = find_project_root();
  return (root ? *root : std::string()) + name + "/";
}

std::string library_hint() {
  return "no study library found: no studies/ directory here, in a directory above, or beside the metareview "
         "binary; run metareview from the directory that holds studies/, or name it with --studies DIR (and the "
         "report templates with --templates DIR)";
}

}  // namespace metareview::cli
