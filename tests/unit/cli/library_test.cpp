// Where the commands find the study library without --studies (cli/library.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../../support/cli_runner.h"
#include "../../support/files.h"
#include "cli/commands.h"
#include "cli/library.h"

namespace {
namespace fs = std::filesystem;

/// Runs in `dir` and goes back, whatever happens.
struct InDirectory {
  fs::path before = fs::current_path();
  explicit InDirectory(const fs::path& dir) { fs::current_path(dir); }
  ~InDirectory() { fs::current_path(before); }
};
}  // namespace

// Issue 13: `metareview validate` from a sub-directory of a project said "studies/: error: no
// such file or directory". The library is now found in the nearest directory above.
TEST_CASE("commands find studies/ in a directory above the current one", "[cli]") {
  const fs::path root = fs::canonical(metareview::test::temp_dir("metareview-cli-library"));
  fs::create_directories(root / "studies");
  fs::create_directories(root / "notes" / "drafts");
  fs::copy_file(std::string(METAREVIEW_SOURCE_DIR) + "/tests/data/studies/good/minimal-2024.xml",
                root / "studies" / "minimal-2024.xml");
  {
    const InDirectory here(root / "notes" / "drafts");
    CHECK(metareview::cli::find_project_root() == root.generic_string() + "/");
    const auto r = metareview::test::run_cli({"validate"});
    CHECK(r.err.empty());
    CHECK(r.out == root.generic_string() + "/studies/: 1 study, 1 outcome, all valid\n");
  }
  {
    const InDirectory here(root);  // the library here: paths stay as short as before
    CHECK(metareview::cli::find_project_root() == "");
    CHECK(metareview::test::run_cli({"validate"}).out == "studies/: 1 study, 1 outcome, all valid\n");
  }
  CHECK(metareview::cli::library_hint() ==
        "no study library found: no studies/ directory here, in a directory above, or beside the metareview binary; "
        "run metareview from the directory that holds studies/, or name it with --studies DIR (and the report "
        "templates with --templates DIR)");
  fs::remove_all(root);
}
