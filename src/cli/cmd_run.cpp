// `metareview run [--studies DIR]`: the whole pipeline. For now it validates the study
// library and lists it; effects, fits, plots and reports join as they land.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/commands.h"
#include "cli/study_table.h"

namespace metareview::cli {

void setup_run(CLI::App& app, Context& ctx) {
  auto studies = std::make_shared<std::string>("studies/");
  app.add_option("--studies", *studies, "directory of study files (default: studies/)");
  app.callback([studies, &ctx] {
    if (const auto set = load_studies({*studies}, ctx)) print_study_table(*set, ctx.out);
  });
}

}  // namespace metareview::cli
