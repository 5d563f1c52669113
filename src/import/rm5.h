#pragma once
// Reading a RevMan 5 review (.rm5): its included studies, the data rows of every outcome of
// every comparison, the analysis settings and the results RevMan stored beside them
// (docs/import.md). The file is XML in ISO-8859-1 or UTF-8.
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostics.h"

namespace metareview::import {

/// An attribute as the file prints it, with where it stands.
struct Rm5Value {
  std::string name;   ///< "EVENTS_1", "EFFECT_SIZE"
  std::string text;   ///< as printed ("0.8968655609130709", "" when RevMan left it empty)
  core::SourceLocation where;
};

/// One <STUDY> of <INCLUDED_STUDIES>.
struct Rm5Study {
  std::string id;     ///< RevMan's STUDY ID ("STD-ISIS_x002d_2")
  std::string name;   ///< NAME ("ISIS-2")
  std::string year;   ///< YEAR as printed ("1988"), may be empty
  core::SourceLocation where;
};

/// The four outcome types of RevMan 5 (the element names' prefixes).
enum class Rm5Kind { Dich, Cont, Iv, Ipd };
/// "DICH", "CONT", "IV", "IPD".
const char* to_string(Rm5Kind kind);

/// One *_DATA element: a study's numbers in one outcome (or subgroup).
struct Rm5Row {
  std::string study_id;      ///< STUDY_ID
  std::string subgroup;      ///< the enclosing *_SUBGROUP's NAME, empty when none
  std::string path;          ///< element path, as provenance ("CMP-001.01 / DICH_DATA STD-AMIS")
  core::SourceLocation where;
  std::vector<Rm5Value> values;  ///< every attribute, in file order
  const Rm5Value* find(const std::string& attribute) const;
};

/// A *_SUBGROUP's name and stored results.
struct Rm5Subgroup {
  std::string name;
  core::SourceLocation where;
  std::vector<Rm5Value> stored;
};

/// One *_OUTCOME of a comparison, with its settings and RevMan's stored results.
struct Rm5Outcome {
  Rm5Kind kind = Rm5Kind::Dich;
  std::string id;                 ///< ID ("CMP-001.01")
  int comparison_no = 0;          ///< the comparison's NO
  int outcome_no = 0;             ///< the outcome's NO
  std::string comparison_name, name;
  std::string effect_measure;     ///< EFFECT_MEASURE ("OR", "PETO_OR", "MD", ...), else the <EFFECT_MEASURE> element ("Hazard Ratio")
  std::string method;             ///< METHOD ("MH", "IV", "PETO"); empty for CONT
  bool random = false;            ///< RANDOM="YES"
  std::string ci_study, ci_total; ///< CI levels in percent, as printed ("95")
  bool subgroups = false;         ///< SUBGROUPS="YES"
  std::string units;              ///< UNITS (continuous)
  std::string group_label_1, group_label_2, graph_label_1, graph_label_2;
  core::SourceLocation where;
  std::vector<Rm5Value> stored;   ///< every attribute of the outcome element
  std::vector<Rm5Subgroup> subgroup_list;
  std::vector<Rm5Row> rows;
  const Rm5Value* find(const std::string& attribute) const;
};

/// One QUALITY_ITEM_DATA_ENTRY: a study's judgment on a quality (risk-of-bias) item.
struct Rm5QualityEntry {
  std::string study_id;     ///< STUDY_ID
  std::string result;       ///< RESULT: "YES", "NO" or "UNKNOWN"
  std::string support;      ///< the DESCRIPTION's text, blanks collapsed; "" when empty
  std::string group;        ///< GROUP-level items: the NAME of the entry's GROUP_ID group, else ""
  std::string modified;     ///< MODIFIED of the entry, else of its item, else of QUALITY_ITEMS
  std::string modified_by;  ///< MODIFIED_BY from the same element
  std::string path;         ///< element path, as provenance ("QUALITY_ITEM QIT-02 / QUALITY_ITEM_DATA_ENTRY STD-AMIS")
  core::SourceLocation where;
};

/// One QUALITY_ITEM of <QUALITY_ITEMS> (the RoB 1 table of RevMan 5).
struct Rm5QualityItem {
  std::string id;     ///< ID ("QIT-02")
  std::string name;   ///< NAME ("Allocation concealment?")
  std::string level;  ///< LEVEL: "STUDY" or "GROUP" (judged per outcome group)
  core::SourceLocation where;
  std::vector<Rm5QualityEntry> entries;
};

/// A RevMan 5 review as read.
struct Rm5Review {
  std::string file;      ///< the path as given
  std::string bytes;     ///< the file as read
  std::string sha256;    ///< of the file's bytes
  std::string title;     ///< COVER_SHEET/TITLE
  std::vector<Rm5Study> studies;
  std::vector<Rm5Outcome> outcomes;
  std::vector<Rm5QualityItem> quality_items;  ///< <QUALITY_ITEMS>, in file order
  const Rm5Study* study(const std::string& id) const;
};

/// Reads the .rm5 file `bytes` (named `file` in messages). Every problem goes to `diag` as
/// FILE:LINE:COL: not XML, not a RevMan 5 review, an unsupported encoding, an unknown
/// outcome type, a study referenced but not defined (by a data row or a quality item entry),
/// a malformed number, a quality item RESULT other than YES, NO or UNKNOWN. nullopt when there
/// was an error.
std::optional<Rm5Review> read_rm5(const std::string& file, const std::string& bytes, core::Diagnostics& diag);

}  // namespace metareview::import
