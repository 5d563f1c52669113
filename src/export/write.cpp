#include "export/write.h"

#include <utility>

#include "core/error.h"

namespace metareview::exporter {
namespace fs = std::filesystem;

std::vector<std::string> write_export(const std::vector<review::ReviewResult>& results, const fs::path& dir,
                                      const ReviewFiles& files, const std::string& writer) {
  std::vector<std::pair<std::string, std::vector<report::AnalysisFile>>> all;
  for (const auto& r : results) all.emplace_back(r.review->id, files(r));
  for (const auto& r : results) {
    const std::string earlier = report::outputs_writer(dir / r.review->id);
    if (!earlier.empty() && earlier != writer)
      throw Error("'" + (dir / r.review->id).generic_string() + "' holds the outputs of " + earlier +
                  ", which the export would replace; export to another directory");
  }
  std::vector<std::string> written;
  for (const auto& [id, review_files] : all) {
    report::StagedDirectory stage(dir / id, writer);
    for (const auto& f : review_files) report::write_file_atomic(stage.dir() / f.name, f.bytes);
    stage.commit();
    for (const auto& f : review_files) written.push_back(id + "/" + f.name);
  }
  return written;
}

}  // namespace metareview::exporter
