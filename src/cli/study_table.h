#pragma once
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/study.h"

namespace metareview::cli {

/// Reads the studies of `paths` (io::read_studies), printing every diagnostic to ctx.err and
/// a last line "PATHS: N errors in K files". On any error sets ctx.exit_code to
/// kExitInvalidInput and returns nullopt.
std::optional<core::StudySet> load_studies(const std::vector<std::string>& paths, Context& ctx);

/// "studies/" or "a.xml b/": the paths as the user gave them, for summary lines.
std::string describe_paths(const std::vector<std::string>& paths);

/// One row per study: id, design, arms with their size (randomised, else analysed:
/// "KRd 42 / VRd 38"), outcome ids (comma-separated, wrapped onto continuation lines).
/// Plain text, aligned columns.
void print_study_table(const core::StudySet& set, std::ostream& out);

}  // namespace metareview::cli
