#include "export/write.h"

#include <fstream>
#include <utility>

#include "core/error.h"

namespace metareview::exporter {
namespace {

namespace fs = std::filesystem;

/// Who wrote the outputs in `review_dir`: the manifest's writer, "metareview run" for a report
/// written before manifests named their writer, "" when nothing of ours is there.
std::string earlier_writer(const fs::path& review_dir) {
  std::error_code ec;
  std::ifstream in(review_dir / report::kOutputManifest);
  std::string first;
  if (in && std::getline(in, first)) {
    const std::string prefix = "# Written by ";
    const std::size_t end = first.find(';');
    if (first.rfind(prefix, 0) == 0 && end != std::string::npos) return first.substr(prefix.size(), end - prefix.size());
  }
  return fs::exists(review_dir / "results.json", ec) ? "metareview run" : "";
}

}  // namespace

std::vector<std::string> write_export(const std::vector<review::ReviewResult>& results, const fs::path& dir,
                                      const ReviewFiles& files, const std::string& writer) {
  std::vector<std::pair<std::string, std::vector<report::AnalysisFile>>> all;
  for (const auto& r : results) all.emplace_back(r.review->id, files(r));
  for (const auto& r : results) {
    const std::string earlier = earlier_writer(dir / r.review->id);
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
