#pragma once
// Writing an export: each review's files go to <dir>/<review-id>/, built beside it and swapped
// in whole (report::StagedDirectory), so an error leaves no half-written file.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "report/output_dir.h"
#include "review/analysis.h"

namespace metareview::exporter {

/// What an export makes of one review (r_files, csv_files).
using ReviewFiles = std::function<std::vector<report::AnalysisFile>(const review::ReviewResult&)>;

/// Writes the files `files` makes of each review, every file built before the first is
/// written. `writer` names the export in each directory's manifest ("metareview export
/// --format r"). Returns the files written, as "<review-id>/<name>". Throws metareview::Error,
/// before anything is written, when a review's directory holds another command's outputs (a
/// `run`'s report, an export in another format), which the swap would delete; and when a
/// directory cannot be written.
std::vector<std::string> write_export(const std::vector<review::ReviewResult>& results, const std::filesystem::path& dir,
                                      const ReviewFiles& files, const std::string& writer);

}  // namespace metareview::exporter
