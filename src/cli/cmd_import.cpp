// `metareview import FILE.rm5 --out DIR`: turn a RevMan 5 review into a study library (one
// study file per RevMan study, DIR/reviews/<file>.xml with one analysis per outcome) that
// `metareview run --studies DIR` runs (docs/import.md). Nothing is written when the file has
// an error.
#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.h"
#include "import/rm5.h"
#include "import/rm5_library.h"
#include "io/fs.h"

namespace metareview::cli {
namespace {

struct ImportArgs {
  std::string file;
  std::string out;
};

void run_import(const ImportArgs& a, Context& ctx) {
  std::string why;
  const auto bytes = io::read_file(a.file, &why);
  if (!bytes) {
    ctx.err << a.file << ": error: " << io::cannot_read(why) << '\n';
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  core::Diagnostics diag;
  std::vector<import::LibraryFile> files;
  if (const auto review = import::read_rm5(a.file, *bytes, diag)) files = import::library_files(*review, diag);
  ctx.err << diag.to_string();
  if (diag.has_errors()) {
    ctx.err << "metareview import: nothing written (" << diag.error_count()
            << (diag.error_count() == 1 ? " error" : " errors") << ")\n";
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  import::write_library(files, a.out);
  std::size_t studies = 0;
  std::string review;
  for (const auto& f : files) {
    if (f.path.find('/') == std::string::npos) ++studies;
    else if (f.path.rfind("reviews/", 0) == 0) review = f.path;
  }
  ctx.err << "metareview import: " << studies << (studies == 1 ? " study" : " studies") << " and " << review
          << " written to " << a.out << "; run them with: metareview run --studies " << a.out
          << '\n';
}

}  // namespace

void setup_import(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ImportArgs>();
  app.add_option("file", a->file, "the RevMan 5 file (.rm5)")->required();
  app.add_option("--out", a->out, "the study library to create (a new or empty directory)")->required();
  app.callback([a, &ctx] { run_import(*a, ctx); });
}

}  // namespace metareview::cli
