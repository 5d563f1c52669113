#pragma once
#include "core/diagnostics.h"
#include "core/study.h"
#include "io/xml_document.h"

namespace metareview::io {

/// Reads the <study> of a parsed study file (docs/study-format.md), resolving provenance by
/// inheritance, and reports every problem to `diag`: unknown, missing, repeated or misplaced
/// elements and attributes, values of the wrong type or out of range, broken references and
/// impossible combinations (events above total, an estimate outside its CI, ...). The Study
/// is complete only when nothing was reported.
core::Study parse_study(const XmlDocument& doc, core::Diagnostics& diag);

}  // namespace metareview::io
