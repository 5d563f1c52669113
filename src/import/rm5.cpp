#include "import/rm5.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <string_view>

#include "io/sha256.h"
#include "io/source_text.h"
#include "io/xml_document.h"
#include "io/xml_reader.h"

namespace metareview::import {
namespace {

using pugi::xml_attribute;
using pugi::xml_node;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The encoding the XML declaration names, with the offsets of its value; nullopt without one.
struct DeclaredEncoding {
  std::string name;
  std::size_t begin = 0, end = 0;  // the value, without quotes
};
std::optional<DeclaredEncoding> declared_encoding(const std::string& bytes) {
  if (bytes.compare(0, 5, "<?xml") != 0) return std::nullopt;
  const std::size_t close = bytes.find("?>");
  const std::size_t at = bytes.find("encoding", 5);
  if (close == std::string::npos || at == std::string::npos || at > close) return std::nullopt;
  std::size_t q = bytes.find_first_of("\"'", at);
  if (q == std::string::npos || q > close) return std::nullopt;
  const std::size_t e = bytes.find(bytes[q], q + 1);
  if (e == std::string::npos || e > close) return std::nullopt;
  return DeclaredEncoding{bytes.substr(q + 1, e - q - 1), q + 1, e};
}

/// ISO-8859-1 bytes as UTF-8, the declaration renamed to UTF-8 and padded with spaces so
/// that every column of line 1 stays where it was (each Latin-1 byte is one code point, so
/// the other columns keep their count too).
std::string latin1_to_utf8(const std::string& bytes, const DeclaredEncoding& enc) {
  std::string in = bytes;
  const std::string utf8 = "UTF-8";
  in.replace(enc.begin, enc.end - enc.begin + 1,
             utf8 + in[enc.end] + std::string(enc.end - enc.begin - utf8.size(), ' '));
  std::string out;
  out.reserve(in.size() + in.size() / 8);
  for (const char ch : in) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

bool is_latin1(const std::string& name) {
  const std::string n = lower(name);
  return n == "iso-8859-1" || n == "iso8859-1" || n == "latin1" || n == "latin-1";
}

struct KindInfo {
  Rm5Kind kind;
  const char* outcome;
  const char* data;
  const char* subgroup;
  std::vector<const char*> required;  // attributes every data row needs
  std::vector<const char*> counts;    // of those, the whole numbers
};

const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> table = {
      {Rm5Kind::Dich, "DICH_OUTCOME", "DICH_DATA", "DICH_SUBGROUP",
       {"EVENTS_1", "TOTAL_1", "EVENTS_2", "TOTAL_2"}, {"EVENTS_1", "TOTAL_1", "EVENTS_2", "TOTAL_2"}},
      {Rm5Kind::Cont, "CONT_OUTCOME", "CONT_DATA", "CONT_SUBGROUP",
       {"MEAN_1", "SD_1", "TOTAL_1", "MEAN_2", "SD_2", "TOTAL_2"}, {"TOTAL_1", "TOTAL_2"}},
      {Rm5Kind::Iv, "IV_OUTCOME", "IV_DATA", "IV_SUBGROUP", {"EFFECT_SIZE", "SE"}, {}},
      {Rm5Kind::Ipd, "IPD_OUTCOME", "IPD_DATA", "IPD_SUBGROUP", {"O_E", "VAR"}, {}},
  };
  return table;
}

const KindInfo* kind_of_outcome(std::string_view element) {
  for (const auto& k : kinds())
    if (element == k.outcome) return &k;
  return nullptr;
}

/// A number as RevMan prints it (Java's Double.toString: "0.5", "1.0E-4", "-12.0").
std::optional<double> parse_number(std::string_view s) {
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

class Reader {
 public:
  Reader(const io::XmlDocument& doc, core::Diagnostics& diag) : doc_(doc), diag_(diag) {}

  Rm5Review read(xml_node root) {
    Rm5Review r;
    r.title = doc_.text_of(root.child("COVER_SHEET").child("TITLE"));
    read_studies(root, r);
    const xml_node analyses = root.child("ANALYSES_AND_DATA");
    for (const xml_node c : analyses.children("COMPARISON")) read_comparison(c, r);
    read_quality_items(root.child("QUALITY_ITEMS"), r);
    return r;
  }

 private:
  std::string attr(xml_node n, const char* name) const {
    const xml_attribute a = n.attribute(name);
    return a ? doc_.value(a) : std::string();
  }

  std::vector<Rm5Value> values(xml_node n) const {
    std::vector<Rm5Value> out;
    for (const xml_attribute a : n.attributes()) out.push_back({a.name(), doc_.value(a), doc_.location(a)});
    return out;
  }

  void read_studies(xml_node root, Rm5Review& r) {
    const xml_node included = root.child("STUDIES_AND_REFERENCES").child("STUDIES").child("INCLUDED_STUDIES");
    std::map<std::string, int> seen;
    for (const xml_node s : included.children("STUDY")) {
      Rm5Study st{attr(s, "ID"), attr(s, "NAME"), attr(s, "YEAR"), doc_.location(s)};
      if (st.id.empty()) {
        diag_.error(st.where, "missing attribute 'ID' in <STUDY> of <INCLUDED_STUDIES>");
        continue;
      }
      if (const auto [it, fresh] = seen.emplace(st.id, st.where.line); !fresh) {
        diag_.error(doc_.location(s.attribute("ID")), "duplicate study ID '" + st.id +
                                                          "' in <INCLUDED_STUDIES> (first at line " +
                                                          std::to_string(it->second) + ")");
        continue;
      }
      if (st.name.empty()) st.name = st.id;
      r.studies.push_back(std::move(st));
    }
  }

  /// The RoB 1 table. RevMan stamps MODIFIED / MODIFIED_BY on the elements it changed; an
  /// entry without its own takes its item's, then the table's.
  void read_quality_items(xml_node items, Rm5Review& r) {
    for (const xml_node q : items.children("QUALITY_ITEM")) {
      Rm5QualityItem item{attr(q, "ID"), io::collapse(doc_.text_of(q.child("NAME"))), attr(q, "LEVEL"), doc_.location(q), {}};
      std::map<std::string, std::string> groups;  // GROUP_ID -> NAME, wherever the item lists them
      collect_groups(q, groups);
      const auto stamp = [&](xml_node n, const char* name) {
        for (const xml_node at : {n, q, items})
          if (at.attribute(name)) return attr(at, name);
        return std::string();
      };
      for (const xml_node e : q.child("QUALITY_ITEM_DATA").children("QUALITY_ITEM_DATA_ENTRY")) {
        Rm5QualityEntry entry;
        entry.study_id = attr(e, "STUDY_ID");
        entry.result = attr(e, "RESULT");
        entry.where = doc_.location(e);
        const std::string where = "<QUALITY_ITEM_DATA_ENTRY STUDY_ID=\"" + entry.study_id + "\"> of <QUALITY_ITEM ID=\"" +
                                  item.id + "\">";
        if (!r.study(entry.study_id)) {
          diag_.error(e.attribute("STUDY_ID") ? doc_.location(e.attribute("STUDY_ID")) : entry.where,
                      "STUDY_ID names a study that is not defined in " + where + " (define it under <INCLUDED_STUDIES>)");
          continue;
        }
        if (entry.result != "YES" && entry.result != "NO" && entry.result != "UNKNOWN") {
          diag_.error(e.attribute("RESULT") ? doc_.location(e.attribute("RESULT")) : entry.where,
                      "RESULT '" + entry.result + "' is not YES, NO or UNKNOWN in " + where);
          continue;
        }
        entry.support = io::collapse(support_text(e.child("DESCRIPTION")));
        if (const auto g = groups.find(attr(e, "GROUP_ID")); g != groups.end()) entry.group = g->second;
        else if (e.attribute("GROUP_ID")) entry.group = attr(e, "GROUP_ID");
        entry.modified = stamp(e, "MODIFIED");
        entry.modified_by = stamp(e, "MODIFIED_BY");
        entry.path = "QUALITY_ITEM " + item.id + " / QUALITY_ITEM_DATA_ENTRY " + entry.study_id;
        if (!entry.group.empty()) entry.path += " (group " + entry.group + ")";
        item.entries.push_back(std::move(entry));
      }
      r.quality_items.push_back(std::move(item));
    }
  }

  void collect_groups(xml_node n, std::map<std::string, std::string>& groups) const {
    for (const xml_node c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      if (std::string_view(c.name()) == "QUALITY_ITEM_DATA_ENTRY_GROUP")
        groups[attr(c, "ID")] = io::collapse(doc_.text_of(c.child("NAME")));
      else
        collect_groups(c, groups);
    }
  }

  /// The text of a DESCRIPTION, its paragraphs (<P>) and inline markup joined by spaces.
  std::string support_text(xml_node n) const {
    std::string out = doc_.text_of(n);
    for (const xml_node c : n.children())
      if (c.type() == pugi::node_element) out += " " + support_text(c);
    return out;
  }

  std::optional<int> number_attr(xml_node n, const char* name, const std::string& where) {
    const xml_attribute a = n.attribute(name);
    if (!a) {
      diag_.error(doc_.location(n), std::string("missing attribute '") + name + "' in " + where);
      return std::nullopt;
    }
    const std::string v = doc_.value(a);
    int out = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || end != v.data() + v.size() || out < 0) {
      diag_.error(doc_.location(a), std::string(name) + " '" + v + "' is not a whole number in " + where);
      return std::nullopt;
    }
    return out;
  }

  void read_comparison(xml_node c, Rm5Review& r) {
    const std::string where = "<COMPARISON ID=\"" + attr(c, "ID") + "\">";
    const auto no = number_attr(c, "NO", where);
    const std::string name = doc_.text_of(c.child("NAME"));
    for (const xml_node o : c.children()) {
      if (o.type() != pugi::node_element) continue;
      const std::string_view element = o.name();
      if (element == "NAME" || element == "OTHER_OUTCOME") continue;  // text-only tables: nothing to pool
      const KindInfo* info = kind_of_outcome(element);
      if (!info) {
        if (element.size() > 8 && element.substr(element.size() - 8) == "_OUTCOME")
          diag_.error(doc_.location(o), "unknown outcome type <" + std::string(element) + "> in " + where +
                                            " (RevMan 5 outcome types: DICH_OUTCOME, CONT_OUTCOME, IV_OUTCOME, "
                                            "IPD_OUTCOME, OTHER_OUTCOME)");
        continue;
      }
      if (auto out = read_outcome(o, *info, r)) {
        out->comparison_no = no.value_or(0);
        out->comparison_name = name;
        r.outcomes.push_back(std::move(*out));
      }
    }
  }

  std::optional<Rm5Outcome> read_outcome(xml_node o, const KindInfo& info, const Rm5Review& r) {
    Rm5Outcome out;
    out.kind = info.kind;
    out.id = attr(o, "ID");
    out.where = doc_.location(o);
    const std::string where = "<" + std::string(info.outcome) + " ID=\"" + out.id + "\">";
    const std::size_t errors = diag_.error_count();
    out.outcome_no = number_attr(o, "NO", where).value_or(0);
    out.name = doc_.text_of(o.child("NAME"));
    out.effect_measure = attr(o, "EFFECT_MEASURE");
    // A generic inverse-variance or O - E outcome may name its measure in an <EFFECT_MEASURE>
    // element instead (a name the author chose: "Hazard Ratio"), as R meta's read.rm5() reads it.
    if (out.effect_measure.empty()) out.effect_measure = doc_.text_of(o.child("EFFECT_MEASURE"));
    out.method = attr(o, "METHOD");
    out.random = attr(o, "RANDOM") == "YES";
    out.ci_study = attr(o, "CI_STUDY");
    out.ci_total = attr(o, "CI_TOTAL");
    out.subgroups = attr(o, "SUBGROUPS") == "YES";
    out.units = attr(o, "UNITS");
    out.group_label_1 = doc_.text_of(o.child("GROUP_LABEL_1"));
    out.group_label_2 = doc_.text_of(o.child("GROUP_LABEL_2"));
    out.graph_label_1 = doc_.text_of(o.child("GRAPH_LABEL_1"));
    out.graph_label_2 = doc_.text_of(o.child("GRAPH_LABEL_2"));
    out.stored = values(o);
    const std::string path = "COMPARISON " + attr(o.parent(), "ID") + " / " + info.outcome + " " + out.id;
    for (const xml_node d : o.children(info.data)) read_row(d, info, "", path, r, out);
    for (const xml_node s : o.children(info.subgroup)) {
      Rm5Subgroup sg{doc_.text_of(s.child("NAME")), doc_.location(s), values(s)};
      const std::string sub_path = path + " / " + info.subgroup + " " + attr(s, "ID");
      for (const xml_node d : s.children(info.data)) read_row(d, info, sg.name, sub_path, r, out);
      out.subgroup_list.push_back(std::move(sg));
    }
    for (const auto& k : kinds()) {
      if (k.kind == info.kind) continue;
      for (const xml_node d : o.children(k.data))
        diag_.error(doc_.location(d), std::string("<") + k.data + "> in " + where + " (its rows are <" + info.data + ">)");
    }
    if (diag_.error_count() != errors) return std::nullopt;
    return out;
  }

  void read_row(xml_node d, const KindInfo& info, const std::string& subgroup, const std::string& path,
                const Rm5Review& r, Rm5Outcome& out) {
    Rm5Row row;
    row.study_id = attr(d, "STUDY_ID");
    row.subgroup = subgroup;
    row.where = doc_.location(d);
    row.path = path + " / " + info.data + " " + row.study_id;
    const std::string where = "<" + std::string(info.data) + " STUDY_ID=\"" + row.study_id + "\">";
    if (!d.attribute("STUDY_ID")) {
      diag_.error(row.where, "missing attribute 'STUDY_ID' in <" + std::string(info.data) + ">");
      return;
    }
    if (!r.study(row.study_id)) {
      diag_.error(doc_.location(d.attribute("STUDY_ID")),
                  "STUDY_ID names a study that is not defined in " + where + " (define it under <INCLUDED_STUDIES>)");
      return;
    }
    bool ok = true;
    for (const char* name : info.required) {
      const xml_attribute a = d.attribute(name);
      if (!a) {
        diag_.error(row.where, std::string("missing attribute '") + name + "' in " + where);
        ok = false;
        continue;
      }
      const std::string v = doc_.value(a);
      const auto n = parse_number(v);
      const bool count = std::find_if(info.counts.begin(), info.counts.end(),
                                      [&](const char* c) { return std::string_view(c) == name; }) != info.counts.end();
      if (!n) {
        diag_.error(doc_.location(a), std::string(name) + " '" + v + "' is not a number in " + where);
        ok = false;
      } else if (count && (*n < 0 || *n != std::floor(*n))) {
        diag_.error(doc_.location(a), std::string(name) + " '" + v + "' is not a count (a whole number such as 42) in " + where);
        ok = false;
      }
    }
    if (!ok) return;
    row.values = values(d);
    // RevMan keeps a generic inverse-variance row without data as SE 0 (not estimable); it
    // has no weight in RevMan's analysis and none here.
    if (info.kind == Rm5Kind::Iv && *parse_number(row.find("SE")->text) <= 0) {
      diag_.warning(doc_.location(d.attribute("SE")), "SE '" + row.find("SE")->text + "' is not positive in " + where +
                                                          ": the study is not estimable and is not imported");
      return;
    }
    out.rows.push_back(std::move(row));
  }

  const io::XmlDocument& doc_;
  core::Diagnostics& diag_;
};

const Rm5Value* find_in(const std::vector<Rm5Value>& values, const std::string& name) {
  for (const auto& v : values)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace

const char* to_string(Rm5Kind kind) {
  switch (kind) {
    case Rm5Kind::Dich: return "DICH";
    case Rm5Kind::Cont: return "CONT";
    case Rm5Kind::Iv: return "IV";
    case Rm5Kind::Ipd: return "IPD";
  }
  return "";
}

const Rm5Value* Rm5Row::find(const std::string& attribute) const { return find_in(values, attribute); }
const Rm5Value* Rm5Outcome::find(const std::string& attribute) const { return find_in(stored, attribute); }

const Rm5Study* Rm5Review::study(const std::string& id) const {
  for (const auto& s : studies)
    if (s.id == id) return &s;
  return nullptr;
}

std::optional<Rm5Review> read_rm5(const std::string& file, const std::string& bytes, core::Diagnostics& diag) {
  const std::size_t errors = diag.error_count();
  std::string text = bytes;
  if (const auto enc = declared_encoding(bytes)) {
    if (is_latin1(enc->name)) {
      text = latin1_to_utf8(bytes, *enc);
    } else if (lower(enc->name) != "utf-8") {
      const io::SourceText src(file, bytes);
      diag.error(src.location(enc->begin), "encoding '" + enc->name +
                                               "' is not supported in the XML declaration (RevMan 5 files are "
                                               "ISO-8859-1 or UTF-8)");
      return std::nullopt;
    }
  }
  const io::SourceText source(file, std::move(text));
  const auto doc = io::XmlDocument::parse(source, diag);
  if (!doc || diag.error_count() != errors) return std::nullopt;
  const xml_node root = doc->root();
  if (!root || std::string_view(root.name()) != "COCHRANE_REVIEW") {
    diag.error(root ? doc->location(root) : source.start(),
               std::string("expected <COCHRANE_REVIEW> as the root element, found ") +
                   (root ? "<" + std::string(root.name()) + ">" : std::string("none")) + " (not a RevMan 5 file)");
    return std::nullopt;
  }
  Reader reader(*doc, diag);
  Rm5Review r = reader.read(root);
  if (diag.error_count() != errors) return std::nullopt;
  r.file = file;
  r.bytes = bytes;
  r.sha256 = io::sha256_hex(bytes);
  return r;
}

}  // namespace metareview::import
