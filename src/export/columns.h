#pragma once
// What the exported CSVs share: the raw inputs each measure's rows carry (escalc's argument
// names, so a column reads one to one with metafor) and how a number or a text is written.
#include <string>
#include <utility>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"

namespace metareview::exporter {

/// The input family of a measure: which escalc arguments its rows carry.
enum class Family { Generic, Hazard, TwoByTwo, Proportion, Continuous };
Family family(core::Measure m);

/// The escalc inputs of a family, in escalc's argument order, with their member in a row.
std::vector<std::pair<const char*, double effect::StudyInput::*>> input_columns(Family f);

/// A CSV number: the shortest text that reads back as the same double; NA when not finite.
std::string csv_number(double x);
/// A CSV text field, always quoted, with "" for a quote inside (RFC 4180).
std::string csv_text(const std::string& s);

}  // namespace metareview::exporter
