// `metareview export --format r|csv --out DIR`: every analysis of every review of the study
// library, run as `metareview run` runs it, written to <DIR>/<review-id>/: as <analysis-id>.csv
// and .R, a metafor script that rebuilds it and checks it against metareview's numbers (r), or
// as <analysis-id>-effects.csv, its effect-size table (csv; docs/export.md). Nothing is written
// when a study file, a review file or a review's run fails.
#include <CLI/CLI.hpp>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/library.h"
#include "core/error.h"
#include "core/format.h"
#include "export/effects_csv.h"
#include "export/r_script.h"
#include "export/write.h"
#include "io/study_reader.h"
#include "review/analysis.h"
#include "review/review.h"

namespace metareview::cli {
namespace {

struct ExportArgs {
  std::string format, out, studies;
};

void export_all(const ExportArgs& a, Context& ctx) {
  if (a.studies.empty() && !find_project_root()) throw Error(library_hint());
  const std::string dir = default_path(a.studies, "studies");
  core::Diagnostics diag;
  const auto studies = io::read_studies({dir}, diag);
  std::vector<review::Review> reviews;
  if (studies) reviews = review::read_reviews(dir + (dir.empty() || dir.back() == '/' ? "" : "/") + "reviews", *studies, diag);
  ctx.err << diag.to_string();
  if (!studies || diag.has_errors()) {
    ctx.err << "metareview export: nothing written\n";
    ctx.exit_code = kExitInvalidInput;
    return;
  }
  std::vector<review::ReviewResult> results;
  results.reserve(reviews.size());
  for (const auto& r : reviews) results.push_back(review::run_review(r, *studies));
  const bool r = a.format == "r";
  const auto written = exporter::write_export(results, a.out, r ? exporter::r_files : exporter::csv_files,
                                              "metareview export --format " + a.format);
  std::size_t analyses = 0;
  for (const auto& result : results) analyses += result.analyses.size();
  ctx.err << "metareview export: " << core::format_count(static_cast<double>(analyses))
          << (analyses == 1 ? " analysis" : " analyses") << " of " << core::format_count(static_cast<double>(reviews.size()))
          << (reviews.size() == 1 ? " review" : " reviews") << " written to " << a.out
          << (r ? " as metafor scripts (Rscript <review>/<analysis>.R)\n" : " as effect-size tables (<review>/<analysis>-effects.csv)\n");
}

}  // namespace

void setup_export(CLI::App& app, Context& ctx) {
  auto a = std::make_shared<ExportArgs>();
  app.add_option("--format", a->format,
                 "what to write: r (a CSV and a metafor script per analysis), csv (each analysis' effect-size table)")
      ->required()
      ->check(CLI::IsMember({"r", "csv"}));
  app.add_option("--out", a->out, "output directory; <DIR>/<review-id>/ is replaced whole")->required();
  app.add_option("--studies", a->studies,
                 "study library; review files in <DIR>/reviews/ (default: studies/ here, in a directory above, or "
                 "beside the binary)");
  app.callback([a, &ctx] { export_all(*a, ctx); });
}

}  // namespace metareview::cli
