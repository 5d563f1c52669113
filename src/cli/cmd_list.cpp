// `metareview list [PATH...]`: validate study files, then print one row per study.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/study_table.h"
#include "core/error.h"

namespace metareview::cli {

void setup_list(CLI::App& app, Context& ctx) {
  auto paths = std::make_shared<std::vector<std::string>>();
  app.add_option("paths", *paths, "study files or directories of them (default: studies/)");
  app.callback([paths, &ctx] {
    if (paths->empty()) {
      if (!find_project_root()) throw Error(library_hint());
      paths->push_back(default_path("", "studies"));
    }
    if (const auto set = load_studies(*paths, ctx)) print_study_table(*set, ctx.out);
  });
}

}  // namespace metareview::cli
