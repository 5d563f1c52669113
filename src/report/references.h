#pragma once
// A review's numbered reference list (Vancouver-like): the publications of the included
// studies, then the excluded studies with their reasons, then the statistical methods the
// methods text cites. Methods templates cite a method as [@key] (a key of
// method_references()); cite_methods() numbers the keys in the order they are first cited and
// puts [n] in their place, so report.html, report.md and the supplement agree.
#include <string>
#include <string_view>
#include <vector>

#include "core/study.h"

namespace metareview::report {

struct ReferenceText {
  std::string number;  ///< "1"
  std::string text;    ///< the citation, without DOI and PMID
  std::string doi, pmid;
  std::string reason;  ///< excluded studies: why
};

/// One statistical method's reference: the key the methods template cites, and the
/// full citation. Every citation was checked against the paper's journal record.
struct MethodReference {
  std::string_view key;
  std::string_view citation;
  std::string_view doi;
};
const std::vector<MethodReference>& method_references();

/// "Dimopoulos, et al. Carfilzomib, dexamethasone, and daratumumab .... Lancet. 2020;396:186-97."
/// A study file lists the authors it knows; one author is the first author of the extraction
/// sheet, so "et al." follows it; "n/s" (not stated) leaves the authors out.
std::string study_reference(const core::Study& s);

/// Replaces every [@key] in `paragraphs` by [n], numbering the keys from `first` in the order
/// they are first cited, and appends their references to `cited`. Throws metareview::Error
/// naming an unknown key and the known ones.
void cite_methods(std::vector<std::vector<std::string>*> paragraphs, int first, std::vector<ReferenceText>& cited);

}  // namespace metareview::report
