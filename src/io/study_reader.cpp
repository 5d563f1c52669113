#include "io/study_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "io/sha256.h"
#include "io/source_text.h"
#include "io/study_parser.h"
#include "io/xml_document.h"

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
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.front() != '.' && entry.path().extension() == ".xml" && entry.is_regular_file(ec)) names.push_back(name);
  }
  if (ec) {
    diag.error({path, 0, 0}, "cannot list the directory: " + ec.message());
    return {};
  }
  if (names.empty()) diag.error({path, 0, 0}, "no study files (*.xml) in this directory");
  std::sort(names.begin(), names.end());
  std::vector<std::string> files;
  for (const auto& name : names) files.push_back((fs::path(path) / name).generic_string());
  return files;
}

std::optional<std::string> read_bytes(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

}  // namespace

std::optional<core::Study> read_study(std::string_view bytes, const std::string& file, core::Diagnostics& diag) {
  core::Diagnostics found;
  const SourceText text(file, std::string(bytes));
  const auto doc = XmlDocument::parse(text, found);
  std::optional<core::Study> study;
  if (doc) study = parse_study(*doc, found);
  // Checks run element by element, some after the element's children; report in file order.
  std::vector<core::Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const core::Diagnostic& a, const core::Diagnostic& b) {
    return std::pair(a.where.line, a.where.col) < std::pair(b.where.line, b.where.col);
  });
  for (auto& d : items) {
    if (d.severity == core::Severity::Error) diag.error(d.where, std::move(d.message));
    else diag.warning(d.where, std::move(d.message));
  }
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
    const auto bytes = read_bytes(file);
    if (!bytes) {
      diag.error({file, 0, 0}, "cannot read the file");
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
