#pragma once
// Writing outputs so that an interrupted or failed run never leaves a half-written file or a
// half-replaced directory: files go to a temporary name and are renamed; a review's outputs
// are built in a staging directory next to their target and swapped in only when complete.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace metareview::report {

/// io::write_file_atomic, its errors naming report::write_file_atomic.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// A file written for one analysis of a review, named relative to the review's directory
/// (the R export's "<analysis-id>.R" and "<analysis-id>.csv").
struct AnalysisFile {
  std::string analysis;  ///< Analysis::id
  std::string name;
  std::string bytes;
};

/// The file in each output directory listing what metareview (`run` or `export`) wrote there.
inline constexpr const char* kOutputManifest = ".metareview-outputs";

/// The command whose outputs `dir` holds, as its manifest names it ("metareview run",
/// "metareview export --format r"); "metareview run" for a report written before manifests
/// (it has results.json); "" when neither.
std::string outputs_writer(const std::filesystem::path& dir);

/// A directory built beside `target` (as "<parent>/.<name>.staging-<pid>") and swapped in
/// by commit(): the earlier run's outputs (those its manifest, kOutputManifest, lists) are
/// replaced whole, so stale files do not linger; any other file or directory in `target` is
/// the user's, copied into the new directory and listed by kept(). commit() writes the new
/// manifest. Destroying an uncommitted stage removes it and leaves
/// `target` untouched. Staging directories left by processes that no longer run are removed
/// when a new stage for the same target starts. `writer` names the command in the manifest and
/// in errors ("metareview run", "metareview export").
class StagedDirectory {
 public:
  explicit StagedDirectory(std::filesystem::path target, std::string writer = "metareview run");
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  const std::filesystem::path& dir() const { return stage_; }
  /// Replaces `target` by the staged directory, keeping the user's files. Throws
  /// metareview::Error when it cannot, or when a staged output would replace a user's file
  /// (then `target` is untouched).
  void commit();
  /// The user's files and directories commit() kept, sorted by name.
  const std::vector<std::string>& kept() const { return kept_; }

 private:
  std::filesystem::path target_, stage_;
  std::string writer_;
  std::vector<std::string> kept_;
  bool committed_ = false;
};

}  // namespace metareview::report
