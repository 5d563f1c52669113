#pragma once
// The whole pipeline of `metareview run` as a library function: read the study library and
// the review files, run each review, draw its figures, fill the templates, lay out the PDF
// supplement, and write <out>/<review-id>/ (swapped in whole) and <out>/index.html. A
// review that fails, for whatever reason (a bug included), leaves its earlier outputs
// untouched and the others still run and are still indexed. Reports progress through a
// callback; never prints.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/study.h"
#include "render/cairo_writer.h"
#include "report/output_dir.h"

namespace metareview::review {
struct ReviewResult;
}

namespace metareview::report {

struct RunOptions {
  std::string studies = "studies/";     ///< study files; review files in <studies>/reviews/
  std::string out = "reports/";
  std::string templates = "templates/";
  std::string review;                   ///< run only this review ("" = all); index.html still lists every review
  /// Study files left out of `studies` because they have errors ("myre-2017.xml"): a review
  /// that names one fails saying so, instead of with the reader's "unknown study".
  std::vector<std::string> broken_studies;
  bool timestamp = false;               ///< record the time of the run (provenance, reports)
  /// The time recorded with `timestamp`: this value, else SOURCE_DATE_EPOCH, else the clock.
  std::optional<long long> now;
  render::WriteOptions write = render::WriteOptions::from_environment();
  /// Each analysis' R export ("<id>.R" and the "<id>.csv" it reads), written beside
  /// results.json and listed in the reports; the command passes exporter::r_files (the export
  /// module comes after this one). Unset: none.
  std::function<std::vector<AnalysisFile>(const review::ReviewResult&)> r_export;
};

/// One progress event; the command turns them into lines.
struct Progress {
  enum class Kind { Analysis, ReviewDone, ReviewFailed };
  Kind kind = Kind::Analysis;
  std::size_t index = 0, count = 0;  ///< 1-based position of the review among those run
  std::string review;                ///< review id (or file name when it could not be read)
  std::string analysis;              ///< analysis id (sensitivity analyses included)
  std::string k;                     ///< studies pooled, formatted
  std::string message;               ///< ReviewDone: the directory written; ReviewFailed: why
};

struct ReviewOutcome {
  std::string id;    ///< review id, or the file name when the file could not be read
  std::string file;  ///< the review file as found
  bool ok = false;
  std::string error;              ///< why it failed ("" when ok)
  bool internal = false;          ///< it failed by a bug (InternalError or another exception), not its input
  core::Diagnostics diagnostics;  ///< problems of the review file
  std::vector<std::string> files; ///< files written, relative to its directory
  std::vector<std::string> kept;  ///< files in its directory that run did not write, kept as they were
};

struct RunResult {
  /// Problems that stop the run before anything is written: templates, an unknown --review,
  /// a missing reviews directory.
  core::Diagnostics diagnostics;
  std::vector<ReviewOutcome> reviews;
  bool index_written = false;

  bool ok() const;
};

/// Runs the reviews of `options.studies`/reviews/ over `studies` (the library read from
/// options.studies with io::read_studies). Throws metareview::Error only when index.html
/// cannot be written.
RunResult run(const RunOptions& options, const core::StudySet& studies,
              const std::function<void(const Progress&)>& progress = {});

}  // namespace metareview::report
