// `metareview run`: every review of the study library, end to end. For each review file in
// <studies>/reviews/, <out>/<review-id>/ gets its figures, results.json, report.html,
// report.md, supplement.pdf and provenance.json; <out>/index.html lists every review.
// Progress goes to stderr, one line per analysis and per review.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/study_table.h"
#include "core/format.h"
#include "report/run.h"

namespace metareview::cli {
namespace {

struct RunArgs {
  report::RunOptions options;
  std::string templates;  ///< --templates; "" = default_templates()
  bool quiet = false;
};

// The templates `run` reads unless --templates names them: ./templates/ (a source tree, the
// committed reports' own), else an installed copy: beside the binary (<prefix>/bin/../share/
// metareview/templates, whatever --prefix it was installed with), else the configured prefix.
std::string default_templates() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory("templates", ec)) return "templates/";
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
  return "templates/";  // missing: the run reports it naming this directory
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

void run_all(RunArgs a, Context& ctx) {
  a.options.templates = a.templates.empty() ? default_templates() : a.templates;
  const auto studies = load_studies({a.options.studies}, ctx);
  if (!studies) {
    ctx.err << "metareview run: nothing written\n";
    return;
  }
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
  } else if (!a.quiet) {
    ctx.err << "metareview run: " << n << (result.reviews.size() == 1 ? " review" : " reviews") << " written to "
            << a.options.out << (result.index_written ? " (with index.html)" : "") << '\n';
  }
}

}  // namespace

void setup_run(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<RunArgs>();
  auto& o = a->options;
  app.add_option("--studies", o.studies, "study library; review files in <DIR>/reviews/ (default: studies/)");
  app.add_option("--out", o.out, "output directory (default: reports/)");
  app.add_option("--review", o.review, "run only this review (index.html is left as it is)");
  app.add_option("--templates", a->templates, "report templates (default: templates/, else the installed ones)");
  app.add_flag("--quiet", a->quiet, "no progress lines (failures are still reported)");
  app.add_flag("--timestamp", o.timestamp,
               "record the time of the run in provenance.json and the reports (outputs then differ between runs)");
  app.callback([a, &ctx] { run_all(*a, ctx); });
}

}  // namespace metareview::cli
