#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/study.h"

namespace metareview::io {

/// Reads study files (docs/study-format.md). Each path is a file, or a directory whose *.xml
/// files directly inside it are read in name order (sub-directories such as studies/reviews/
/// and hidden files are not). Every problem in every file goes to `diag` as
/// `FILE:LINE:COL: error: ...`; a path that does not exist is `PATH: error: no such file or
/// directory`. The set, ordered by study id with each file's SHA-256, is returned only when
/// there was no error at all: a partial set is never handed out.
std::optional<core::StudySet> read_studies(const std::vector<std::string>& paths, core::Diagnostics& diag);

/// One study from the bytes of a file named `file` (the name is checked against the id, and
/// appears in diagnostics). nullopt when anything was reported.
std::optional<core::Study> read_study(std::string_view bytes, const std::string& file, core::Diagnostics& diag);

}  // namespace metareview::io
