#include "report/output_dir.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <set>
#include <vector>

#include "core/error.h"
#include "core/format.h"
#include "io/fs.h"

namespace metareview::report {
namespace {

namespace fs = std::filesystem;

std::string pid_text() { return core::format_count(static_cast<double>(::getpid())); }

/// Whether a process with this id runs (a signal 0 reaches it, or it is someone else's).
bool running(const std::string& digits) {
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) return false;
  const pid_t pid = static_cast<pid_t>(std::stol(digits));
  return ::kill(pid, 0) == 0 || errno == EPERM;
}

/// ".<name><suffix>": a hidden sibling name. (Built by appending: GCC 12 warns falsely about
/// "." + std::string&&.)
std::string hidden(const fs::path& p, const std::string& suffix) {
  std::string s(1, '.');
  s += p.filename().string();
  s += suffix;
  return s;
}

void remove_all_quietly(const fs::path& p) {
  std::error_code ignored;
  fs::remove_all(p, ignored);
}

/// The names directly in `dir`, sorted (byte order, so the manifest's bytes are reproducible).
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// What an earlier run wrote in `dir`: its manifest's names; without a manifest (a directory of
/// metareview before 0.2), the files with the extensions run writes.
/// The manifest's first line names its writer: "# Written by <writer>; ...".
constexpr std::string_view kWrittenBy = "# Written by ";

std::set<std::string> earlier_outputs(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  if (fs::is_regular_file(dir / kOutputManifest, ec)) {
    std::string why;
    const auto read = io::read_file((dir / kOutputManifest).string(), &why);
    if (!read) throw Error("report::StagedDirectory: cannot read '" + (dir / kOutputManifest).generic_string() + "': " + why);
    const std::string& text = *read;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      const std::string line = text.substr(start, end - start);
      if (!line.empty() && line[0] != '#') out.insert(line);
      start = end + 1;
    }
    return out;
  }
  for (const std::string& name : entries(dir)) {
    const std::string ext = fs::path(name).extension().string();
    for (const char* e : {".svg", ".pdf", ".png", ".json", ".html", ".md"})
      if (ext == e && fs::is_regular_file(dir / name, ec)) out.insert(name);
  }
  return out;
}

}  // namespace

void write_file_atomic(const fs::path& path, std::string_view bytes) {
  io::write_file_atomic(path.string(), bytes, "report::write_file_atomic");
}

StagedDirectory::StagedDirectory(fs::path target, std::string writer)
    : target_(std::move(target)), writer_(std::move(writer)) {
  const fs::path parent = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
  const std::string prefix = hidden(target_, ".staging-");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw Error("report::StagedDirectory: cannot create '" + parent.generic_string() + "': " + ec.message());
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && !running(name.substr(prefix.size()))) remove_all_quietly(entry.path());
  }
  stage_ = parent / (prefix + pid_text());
  remove_all_quietly(stage_);
  fs::create_directory(stage_, ec);
  if (ec) throw Error("report::StagedDirectory: cannot create '" + stage_.generic_string() + "': " + ec.message());
}

StagedDirectory::~StagedDirectory() {
  if (!committed_) remove_all_quietly(stage_);
}

void StagedDirectory::commit() {
  std::error_code ec;
  const std::vector<std::string> written = entries(stage_);
  if (fs::exists(target_, ec)) {
    // Files the user put beside our outputs are copied into the stage (never moved, so a crash
    // cannot lose them), and a name we would write over is an error before anything changes.
    const std::set<std::string> ours = earlier_outputs(target_);
    for (const std::string& name : entries(target_)) {
      if (name == kOutputManifest || ours.count(name)) continue;
      if (std::binary_search(written.begin(), written.end(), name))
        throw Error("'" + (target_ / name).generic_string() +
                    "' was not written by " + writer_ + " and would be replaced; move it away or rename it");
      fs::copy(target_ / name, stage_ / name, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
      if (ec)
        throw Error("report::StagedDirectory: cannot keep '" + (target_ / name).generic_string() + "': " + ec.message());
      kept_.push_back(name);
    }
  }
  std::string manifest = std::string(kWrittenBy) + writer_ + "; any other file here is yours and is kept.\n";
  for (const std::string& name : written) manifest += name + "\n";
  write_file_atomic(stage_ / kOutputManifest, manifest);
  if (fs::exists(target_, ec)) {
    // Linux swaps two directories in one step; elsewhere move the old one aside first.
    if (::renameat2(AT_FDCWD, stage_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      remove_all_quietly(stage_);  // now holds the previous outputs
      committed_ = true;
      return;
    }
    const fs::path old = target_.parent_path() / hidden(target_, ".old-" + pid_text());
    remove_all_quietly(old);
    fs::rename(target_, old, ec);
    if (ec) throw Error("report::StagedDirectory: cannot replace '" + target_.generic_string() + "': " + ec.message());
    fs::rename(stage_, target_, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(old, target_, ignored);
      throw Error("report::StagedDirectory: cannot replace '" + target_.generic_string() + "': " + ec.message());
    }
    remove_all_quietly(old);
  } else {
    fs::rename(stage_, target_, ec);
    if (ec) throw Error("report::StagedDirectory: cannot create '" + target_.generic_string() + "': " + ec.message());
  }
  committed_ = true;
}

std::string outputs_writer(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_regular_file(dir / kOutputManifest, ec)) {
    const auto text = io::read_file((dir / kOutputManifest).string());
    if (text && text->rfind(kWrittenBy, 0) == 0) {
      const std::size_t end = text->find(';');
      if (end != std::string::npos) return text->substr(kWrittenBy.size(), end - kWrittenBy.size());
    }
  }
  // A report of metareview 0.1 has no manifest.
  return fs::exists(dir / "results.json", ec) ? "metareview run" : "";
}

}  // namespace metareview::report
