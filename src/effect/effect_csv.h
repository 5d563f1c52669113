#pragma once
// Study-level effect data from CSV: one header row naming the columns (any order), one row
// per study. The columns depend on the measure (metafor's escalc argument names):
//   GEN            study, yi, vi
//   HR             study, hr, ci_lb, ci_ub          (CI on the ratio scale; 95% unless an
//                                                    optional column level says 90, 99, 0.99 ...)
//   OR, RR, RD     study, ai, n1i, ci, n2i
//   PR, PLO, PAS, PFT  study, xi, ni
//   MD, SMD        study, m1i, sd1i, n1i, m2i, sd2i, n2i
// plus the optional columns subgroup and year. Fields may be quoted ("Smith, 2001") with ""
// for a quote inside. Every problem becomes a diagnostic `FILE:ROW:COL: error: ...` naming
// the column (COL in bytes); all problems are reported, up to io::kMaxErrorsListed and a
// last "… and N more errors". The file must be UTF-8 (a byte order mark is skipped), with
// no control characters but tab, and within the size and line limits of io/limits.h.
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// The required columns of a measure, in the order shown above.
std::vector<std::string_view> effect_csv_columns(core::Measure measure);

/// What a missing value ("NA" or an empty field) in a required column does to its row.
enum class MissingValues {
  Error,  ///< an error, like any bad value (`--strict`)
  Drop,   ///< the row is left out with a warning naming it, as metafor leaves out NA studies
};

/// Further columns a caller names (the moderators of `pool --mods`): the reader treats an
/// empty or NA value in them like one in a required column and keeps each value's text for
/// the caller to interpret. With an ExtraColumns, other unknown columns are not errors (a
/// meta-regression's file may hold more candidate moderators than one model uses).
struct ExtraColumns {
  std::vector<std::string> names;                   ///< in: the columns wanted
  std::vector<core::SourceLocation> header;         ///< out: where each is named in the header
  std::vector<std::vector<std::string>> values;     ///< out: values[c][r] for returned row r
  std::vector<std::vector<core::SourceLocation>> where;  ///< out: the cell of values[c][r]
};

/// Parses CSV text; `file` names it in diagnostics. Rows with problems are left out of the
/// result (diags then has errors, so the caller stops), and so are rows with a missing value
/// under MissingValues::Drop (diags then has a warning per row). With `extra`, its named
/// columns must be present (an error names a missing one) and are read as above.
std::vector<StudyInput> parse_effect_csv(std::string_view text, const std::string& file, core::Measure measure,
                                         core::Diagnostics& diags, MissingValues missing = MissingValues::Error,
                                         ExtraColumns* extra = nullptr);

/// Reads and parses a file; an unreadable file is a diagnostic too.
std::vector<StudyInput> read_effect_csv(const std::string& path, core::Measure measure, core::Diagnostics& diags,
                                        MissingValues missing = MissingValues::Error, ExtraColumns* extra = nullptr);

}  // namespace metareview::effect
