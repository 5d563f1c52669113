#pragma once
// Continuity corrections as metafor's escalc(add, to) applies them to 2x2 tables and to
// single-group counts.
#include <string>

#include "effect/effect_table.h"

namespace metareview::effect {

/// Whether `add` goes into this row's cells. Ref: metafor escalc(): "all" always; "only0"
/// when the row has a zero cell; "if0all" in every row once any row that is still
/// computed (not missing, not dropped by drop00) has a zero cell; "none" never.
bool correction_applies(CorrectionTo to, bool row_has_zero, bool any_row_has_zero);

/// The note of a corrected row: `continuity correction: added 0.5 to every cell (to = "only0")`.
std::string correction_note(double add, CorrectionTo to);

/// Throws metareview::Error unless add is finite and >= 0.
void check_add(double add, const char* function);

}  // namespace metareview::effect
