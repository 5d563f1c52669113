#pragma once
// Writing outputs so that an interrupted or failed run never leaves a half-written file or a
// half-replaced directory: files go to a temporary name and are renamed; a review's outputs
// are built in a staging directory next to their target and swapped in only when complete.
#include <filesystem>
#include <string>
#include <string_view>

namespace metareview::report {

/// io::write_file_atomic, its errors naming report::write_file_atomic.
void write_file_atomic(const std::filesystem::path& path, std::string_view bytes);

/// A directory built beside `target` (as "<parent>/.<name>.staging-<pid>") and swapped in
/// by commit(): the previous contents of `target` disappear whole, so stale files of an
/// earlier run do not linger. Destroying an uncommitted stage removes it and leaves
/// `target` untouched. Staging directories left by processes that no longer run are removed
/// when a new stage for the same target starts.
class StagedDirectory {
 public:
  explicit StagedDirectory(std::filesystem::path target);
  ~StagedDirectory();
  StagedDirectory(const StagedDirectory&) = delete;
  StagedDirectory& operator=(const StagedDirectory&) = delete;

  const std::filesystem::path& dir() const { return stage_; }
  /// Replaces `target` by the staged directory. Throws metareview::Error when it cannot.
  void commit();

 private:
  std::filesystem::path target_, stage_;
  bool committed_ = false;
};

}  // namespace metareview::report
