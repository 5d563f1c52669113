#include "io/study_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "io/sha256.h"
#include "io/source_text.h"
#include "io/study_parser.h"
#include "io/xml_document.h"
#include "io/xml_reader.h"

namespace metareview::io {
namespace fs = std::filesystem;
namespace {

// The files a path stands for, reporting a path that names nothing readable.
std::vector<std::string> expand(const std::string& path, core::Diagnostics& diag) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) {
    diag.error({path, 0, 0}, ec && ec != std::errc::no_such_file_or_directory ? "cannot access: " + ec.message()
                                                                               : "no such file or directory");
    return {};
  }
  if (!fs::is_directory(status)) return {path};
  auto files = xml_files_in(path, diag);
  if (!files) return {};
  if (files->empty()) diag.error({path, 0, 0}, "no study files (*.xml) in this directory");
  return std::move(*files);
}

}  // namespace

std::optional<core::Study> read_study(std::string_view bytes, const std::string& file, core::Diagnostics& diag) {
  core::Diagnostics found;
  const SourceText text(file, std::string(bytes));
  const auto doc = XmlDocument::parse(text, found);
  std::optional<core::Study> study;
  if (doc) study = parse_study(*doc, found);
  append_in_file_order(found, diag);
  if (!study || found.has_errors()) return std::nullopt;
  study->sha256 = sha256_hex(bytes);
  return study;
}

std::optional<core::StudySet> read_studies(const std::vector<std::string>& paths, core::Diagnostics& diag) {
  const std::size_t errors_before = diag.error_count();
  std::vector<std::string> files;
  std::set<fs::path> seen_files;  // a file named twice (a directory and one of its files) is read once
  for (const auto& path : paths) {
    for (auto& file : expand(path, diag)) {
      std::error_code ec;
      const fs::path canonical = fs::weakly_canonical(file, ec);
      if (seen_files.insert(ec ? fs::path(file) : canonical).second) files.push_back(std::move(file));
    }
  }
  core::StudySet set;
  std::map<std::string, core::SourceLocation> first;  // study id -> where it was first read
  for (const auto& file : files) {
    std::string why;
    const auto bytes = read_file(file, &why);
    if (!bytes) {
      diag.error({file, 0, 0}, cannot_read(why));
      continue;
    }
    auto study = read_study(*bytes, file, diag);
    if (!study) continue;
    const auto [it, fresh] = first.emplace(study->id, study->where);
    if (!fresh) {
      diag.error(study->where, "duplicate study id '" + study->id + "' in <study> (first in " + it->second.file + ")");
      continue;
    }
    set.studies.push_back(std::move(*study));
  }
  if (diag.error_count() != errors_before) return std::nullopt;
  std::sort(set.studies.begin(), set.studies.end(), [](const core::Study& a, const core::Study& b) { return a.id < b.id; });
  return set;
}

}  // namespace metareview::io
