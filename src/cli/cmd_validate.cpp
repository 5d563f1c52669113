// `metareview validate [PATH...]`: read study files and review files and report every problem
// in them. A file is a review file when its root element is <review> (studies/reviews/*.xml; a
// directory of them, studies/reviews/, stands for its files);
// its study and outcome references are resolved against the study files given, else the
// library it lives in (<library>/reviews/<file>).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "cli/commands.h"
#include "cli/library.h"
#include "cli/study_table.h"
#include "core/error.h"
#include "io/fs.h"
#include "review/review.h"

namespace metareview::cli {
namespace {

namespace fs = std::filesystem;

/// True when the first element of the file at `path` is <review>. Comments, the XML
/// declaration and a byte order mark may come before it; an unreadable file is a study
/// file here, so that the study reader reports why.
bool is_review_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return false;
  const auto bytes = io::read_file(path);
  if (!bytes) return false;
  std::string_view t = *bytes;
  for (std::size_t pos = 0; (pos = t.find('<', pos)) != std::string_view::npos;) {
    if (t.compare(pos, 4, "<!--") == 0) {
      pos = t.find("-->", pos);
      if (pos == std::string_view::npos) return false;
    } else if (t.compare(pos, 2, "<?") == 0 || t.compare(pos, 2, "<!") == 0) {
      ++pos;
    } else {
      const std::string_view rest = t.substr(pos + 1);
      return rest.substr(0, 6) == "review" && (rest.size() == 6 || std::string_view(" \t\r\n>/").find(rest[6]) != std::string_view::npos);
    }
  }
  return false;
}

/// The *.xml files of directory `path` when every one is a review file (studies/reviews/),
/// else nullopt (a directory of study files, or not a directory).
std::optional<std::vector<std::string>> review_directory(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return std::nullopt;
  auto files = io::list_files(path, ".xml");
  if (!files || files->empty() || !std::all_of(files->begin(), files->end(), is_review_file)) return std::nullopt;
  return files;
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + ' ' + (n == 1 ? one : many);
}

/// The library a review file resolves its studies against when no study file was given:
/// the directory above its reviews/ directory.
std::string library_of(const std::string& review_path) {
  const fs::path dir = fs::path(review_path).parent_path();
  const fs::path library = dir.parent_path();
  return (library.empty() ? fs::path(".") : library).generic_string() + "/";
}

/// `shown`: the review paths as the user gave them (a directory for its files), for the summary.
void validate_reviews(const std::vector<std::string>& reviews, const std::vector<std::string>& shown,
                      const std::vector<std::string>& study_paths, Context& ctx) {
  std::vector<std::string> library = study_paths;
  if (library.empty()) {
    std::set<std::string> dirs;
    for (const auto& r : reviews) dirs.insert(library_of(r));
    library.assign(dirs.begin(), dirs.end());
  }
  const auto set = load_studies(library, ctx);
  if (!set) return;
  core::Diagnostics diag;
  std::size_t analyses = 0;
  for (const auto& path : reviews)
    if (const auto rv = review::read_review(path, *set, diag)) analyses += rv->analyses.size();
  ctx.err << diag.to_string();
  if (diag.has_errors()) {
    std::set<std::string> files;
    for (const auto& d : diag.items()) files.insert(d.where.file);
    ctx.err << describe_paths(shown) << ": " << plural(diag.error_count(), "error", "errors") << " in "
            << plural(files.size(), "file", "files") << '\n';
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  ctx.out << describe_paths(shown) << ": " << plural(reviews.size(), "review", "reviews") << ", "
          << plural(analyses, "analysis", "analyses") << ", all valid (studies from " << describe_paths(library) << ")\n";
}

}  // namespace

void setup_validate(CLI::App& app, Context& ctx) {
  auto paths = std::make_shared<std::vector<std::string>>();
  app.add_option("paths", *paths, "study files, review files or directories of study files (default: studies/)");
  app.callback([paths, &ctx] {
    if (paths->empty()) {
      if (!find_project_root()) throw Error(library_hint());
      paths->push_back(default_path("", "studies"));
    }
    std::vector<std::string> studies, reviews, shown;
    for (const auto& p : *paths) {
      if (const auto listed = review_directory(p)) {
        reviews.insert(reviews.end(), listed->begin(), listed->end());
        shown.push_back(p);
      } else if (is_review_file(p)) {
        reviews.push_back(p);
        shown.push_back(p);
      } else {
        studies.push_back(p);
      }
    }
    if (!reviews.empty()) return validate_reviews(reviews, shown, studies, ctx);
    const auto set = load_studies(studies, ctx);
    if (!set) return;
    std::size_t outcomes = 0;
    for (const auto& s : set->studies) outcomes += s.outcomes.size();
    ctx.out << describe_paths(studies) << ": " << set->studies.size() << (set->studies.size() == 1 ? " study, " : " studies, ")
            << outcomes << (outcomes == 1 ? " outcome" : " outcomes") << ", all valid\n";
  });
}

}  // namespace metareview::cli
