#pragma once
// A RevMan 5 review as a study library: one study file per RevMan study and one review file
// whose analyses are RevMan's outcomes (docs/import.md).
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "import/rm5.h"

namespace metareview::import {

/// The directory of a library where import keeps a verbatim copy of the .rm5 file.
inline constexpr const char* kRevmanDir = "revman";

/// One file of the library: its path under the library directory ("isis-2-1988.xml",
/// "reviews/fleiss1993.xml") and its bytes.
struct LibraryFile {
  std::string path;
  std::string text;
};

/// The study files, the review file of `review` and a verbatim copy of the .rm5 file
/// ("revman/<name>.rm5": the stored results `metareview check` compares with). What the formats cannot hold goes to
/// `diag`: an error when the import would be wrong without it (a study without a four-digit
/// year, an effect measure the review format has no code for, a number past 15 digits), a
/// warning when an outcome is left out (no data rows) or a generic inverse-variance outcome
/// on the log scale has a measure without a metafor code (imported as GEN, shown as log ratios).
std::vector<LibraryFile> library_files(const Rm5Review& review, core::Diagnostics& diag);

/// The review id of the import of `review`: its file name as a slug ("fleiss1993").
std::string review_id(const Rm5Review& review);
/// The analysis id of an outcome, and the outcome id of its rows in the study files:
/// "c<comparison NO>-o<outcome NO>", with "-s<n>" for the n-th subgroup.
std::string outcome_id(const Rm5Outcome& outcome, const std::string& subgroup = "");

/// Writes `files` as a new directory `out`: built in a hidden sibling directory and renamed
/// to `out` only when complete, so a failure leaves nothing behind. `out` must not exist or
/// be an empty directory. Throws metareview::Error when it cannot.
void write_library(const std::vector<LibraryFile>& files, const std::string& out);

}  // namespace metareview::import
