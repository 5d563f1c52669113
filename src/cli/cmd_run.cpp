// `metareview run`: every review of the study library, end to end. For each review file in
// <studies>/reviews/, <out>/<review-id>/ gets its figures, results.json, report.html,
// report.md, supplement.pdf and provenance.json; <out>/index.html lists every review.
// Progress goes to stderr, one line per analysis and per review.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <algorithm>
#include <memory>
#include <set>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/library.h"
#include "core/error.h"
#include "core/format.h"
#include "export/r_script.h"
#include "io/fs.h"
#include "io/study_reader.h"
#include "report/run.h"

namespace metareview::cli {
namespace {

struct RunArgs {
  report::RunOptions options;
  std::string studies, out;  ///< --studies, --out; "" = those of the project found (cli/library.h)
  std::string templates;  ///< --templates; "" = the project's, else default_templates()
  bool quiet = false;
};

// The templates `run` reads unless --templates names them: <project>/templates/ (a source
// tree, the committed reports' own), else an installed copy: beside the binary (<prefix>/bin/../share/
// metareview/templates, whatever --prefix it was installed with), else the configured prefix.
std::string default_templates(const std::string& project) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(project + "templates", ec)) return project + "templates/";
  std::vector<fs::path> installed;
#ifdef METAREVIEW_TEMPLATES_FROM_BINDIR
  if (const fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec)
    installed.push_back(exe.parent_path() / METAREVIEW_TEMPLATES_FROM_BINDIR);
#endif
#ifdef METAREVIEW_TEMPLATES_INSTALLED
  installed.emplace_back(METAREVIEW_TEMPLATES_INSTALLED);
#endif
  for (const auto& dir : installed)
    if (fs::is_directory(dir, ec)) return dir.lexically_normal().generic_string();
  return project + "templates/";  // missing: the run reports it naming this directory
}

std::string position(const report::Progress& p) {
  return "[" + core::format_count(static_cast<double>(p.index)) + "/" + core::format_count(static_cast<double>(p.count)) +
         "] " + p.review + ": ";
}

void print_progress(const report::Progress& p, std::ostream& err) {
  switch (p.kind) {
    case report::Progress::Kind::Analysis:
      err << position(p) << "analysis " << p.analysis << " (k = " << p.k << ") ... ok\n";
      break;
    case report::Progress::Kind::ReviewDone:
      err << position(p) << "wrote " << p.message << '\n';
      break;
    case report::Progress::Kind::ReviewFailed:
      err << position(p) << "failed: " << p.message << '\n';
      break;
  }
}

/// The study library for `run`. Every problem is printed; a study file with errors is left
/// out and named in `broken`, so that only the reviews that include it fail (saying which
/// file; report::RunOptions::broken_studies). nullopt, with nothing to run, when the
/// directory cannot be read or the problem is not one file's (two files with one study id).
std::optional<core::StudySet> load_library(const std::string& dir, Context& ctx, std::vector<std::string>& broken) {
  core::Diagnostics diag;
  if (auto set = io::read_studies({dir}, diag)) {
    ctx.err << diag.to_string();
    return set;
  }
  ctx.err << diag.to_string();
  ctx.exit_code = kExitInvalidInput;
  const auto files = io::list_files(dir, ".xml");
  if (!files || files->empty()) return std::nullopt;
  core::StudySet set;
  std::set<std::string> ids;
  for (const auto& file : *files) {
    core::Diagnostics one;
    const auto bytes = io::read_file(file);
    std::optional<core::Study> study;
    if (bytes) study = io::read_study(*bytes, file, one);
    if (!study) {
      broken.push_back(std::filesystem::path(file).filename().string());
      continue;
    }
    if (!ids.insert(study->id).second) return std::nullopt;
    set.studies.push_back(std::move(*study));
  }
  if (broken.empty()) return std::nullopt;  // the errors were not in single files
  std::sort(set.studies.begin(), set.studies.end(), [](const core::Study& x, const core::Study& y) { return x.id < y.id; });
  std::string names;
  for (const auto& b : broken) names += (names.empty() ? "" : ", ") + b;
  ctx.err << "metareview run: left out " << core::format_count(static_cast<double>(broken.size()))
          << (broken.size() == 1 ? " study file" : " study files") << " with errors (" << names
          << "); the reviews that include them fail, the others run\n";
  return set;
}

void run_all(RunArgs a, Context& ctx) {
  const auto project = find_project_root();
  if (a.studies.empty() && !project) throw Error(library_hint());
  const std::string root = project.value_or("");
  a.options.studies = a.studies.empty() ? root + "studies/" : a.studies;
  a.options.out = a.out.empty() ? root + "reports/" : a.out;
  a.options.templates = a.templates.empty() ? default_templates(root) : a.templates;
  std::vector<std::string> broken;
  const auto studies = load_library(a.options.studies, ctx, broken);
  if (!studies) {
    ctx.err << "metareview run: nothing written\n";
    return;
  }
  a.options.broken_studies = broken;
  a.options.r_export = exporter::r_files;
  // report::run throws metareview::Error only when index.html cannot be written; run() reports it.
  const report::RunResult result = report::run(a.options, *studies, [&](const report::Progress& p) {
    // Failures are reported below even with --quiet.
    if (!a.quiet || p.kind == report::Progress::Kind::ReviewFailed) print_progress(p, ctx.err);
  });
  if (result.diagnostics.has_errors()) {
    ctx.err << result.diagnostics.to_string() << "metareview run: nothing written\n";
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  std::size_t failed = 0;
  bool internal = false;
  std::string names;
  for (const auto& r : result.reviews) {
    ctx.err << r.diagnostics.to_string();
    if (r.ok) continue;
    ++failed;
    internal = internal || r.internal;
    names += (names.empty() ? "" : ", ") + r.id + " (" + r.file + ")";
  }
  const std::string n = core::format_count(static_cast<double>(result.reviews.size()));
  if (failed > 0) {
    ctx.err << "metareview run: " << core::format_count(static_cast<double>(failed)) << " of " << n
            << (result.reviews.size() == 1 ? " review" : " reviews") << " failed: " << names
            << "; their earlier outputs are left as they were\n";
    ctx.exit_code = internal ? kExitInternal : kExitInvalidInput;
  } else if (!broken.empty()) {
    ctx.err << "metareview run: " << n << (result.reviews.size() == 1 ? " review" : " reviews")
            << " written to " << a.options.out << ", none of them using a study file with errors\n";
  } else if (!a.quiet) {
    ctx.err << "metareview run: " << n << (result.reviews.size() == 1 ? " review" : " reviews") << " written to "
            << a.options.out << (result.index_written ? " (with index.html)" : "") << '\n';
  }
}

}  // namespace

void setup_run(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<RunArgs>();
  auto& o = a->options;
  app.add_option("--studies", a->studies,
                 "study library; review files in <DIR>/reviews/ (default: studies/ here, in a directory above, or "
                 "beside the binary)");
  app.add_option("--out", a->out, "output directory (default: reports/ beside that studies/)");
  app.add_option("--review", o.review, "run only this review (index.html is refreshed: it lists every review)");
  app.add_option("--templates", a->templates, "report templates (default: templates/, else the installed ones)");
  app.add_flag("--quiet", a->quiet, "no progress lines (failures are still reported)");
  app.add_flag("--timestamp", o.timestamp,
               "record the time of the run in provenance.json and the reports (outputs then differ between runs)");
  app.callback([a, &ctx] { run_all(*a, ctx); });
}

}  // namespace metareview::cli
