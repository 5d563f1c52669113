#pragma once
// Shared bookkeeping of the escalc() measure families: error text naming the study and the
// row states metafor expresses with NA. Numbers in messages: core::format_shortest.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::effect {

/// Throws metareview::Error: `escalc(OR): study "Aronson" (studies/x.xml:12:3): <what>`.
[[noreturn]] void fail(core::Measure measure, const StudyInput& row, const std::string& what);

/// Names of the fields whose value is NaN, joined as "ai, n1i"; "" when every one is set.
std::string missing_fields(std::initializer_list<std::pair<std::string_view, double>> fields);

/// Marks row i as not included (metafor's NA yi/vi) and records why.
void exclude(EffectTable& table, std::size_t i, std::string note);

/// Stores yi/vi for row i the way metafor's escalc() finishes: an infinite or NaN yi or vi,
/// or a negative vi, leaves the row without an estimate (included = false, `why_not` as
/// note); otherwise the values are kept (vi = 0 included, as metafor keeps it).
void store(EffectTable& table, std::size_t i, double yi, double vi, const std::string& why_not);

/// Appends a sentence to row i's note ("; "-separated).
void add_note(EffectTable& table, std::size_t i, const std::string& text);

}  // namespace metareview::effect
