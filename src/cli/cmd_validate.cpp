// `metareview validate [PATH...]`: read study files and report every problem in them.
#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>

#include "cli/commands.h"
#include "cli/study_table.h"

namespace metareview::cli {

void setup_validate(CLI::App& app, Context& ctx) {
  auto paths = std::make_shared<std::vector<std::string>>();
  app.add_option("paths", *paths, "study files or directories of them (default: studies/)");
  app.callback([paths, &ctx] {
    if (paths->empty()) paths->push_back("studies/");
    const auto set = load_studies(*paths, ctx);
    if (!set) return;
    std::size_t outcomes = 0;
    for (const auto& s : set->studies) outcomes += s.outcomes.size();
    ctx.out << describe_paths(*paths) << ": " << set->studies.size() << (set->studies.size() == 1 ? " study, " : " studies, ")
            << outcomes << (outcomes == 1 ? " outcome" : " outcomes") << ", all valid\n";
  });
}

}  // namespace metareview::cli
