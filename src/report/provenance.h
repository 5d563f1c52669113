#pragma once
// provenance.json: what a report was made from and with. The tool's release version (never
// a commit, or every commit would change every report), the SHA-256 of every input file
// (the review file, each study file, each template), the settings of every analysis and the
// SHA-256 of every other output file. A timestamp only when asked for.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/study.h"
#include "report/context.h"
#include "report/template_engine.h"
#include "review/analysis.h"

namespace metareview::report {

/// The input files of one review: the review file, its included studies (review order), the
/// excluded studies that have a file, and the templates, with paths relative to
/// `studies_dir` (templates by file name).
std::vector<InputFile> review_inputs(const review::ReviewResult& result, const core::StudySet& studies,
                                     const std::vector<const Template*>& templates, const std::string& studies_dir);

/// An output file with its digest.
struct OutputFile {
  std::string path;  ///< relative to the review's output directory
  std::string sha256;
};

/// The provenance document. `timestamp` is "" (no "generated" member) or an ISO 8601 time.
nlohmann::json provenance_json(const review::ReviewResult& result, const std::vector<InputFile>& inputs,
                               const std::vector<OutputFile>& outputs, const std::string& timestamp);

/// The provenance of the run's index (<out>/provenance.json): the tool, the index template,
/// and each review's directory with the SHA-256 of its provenance.json, which in turn lists
/// everything that review was made from. `reviews` holds (review id, digest) in index order.
nlohmann::json index_provenance_json(const Template& index_template, const std::vector<OutputFile>& reviews,
                                     const std::string& index_sha256, const std::string& timestamp);

}  // namespace metareview::report
