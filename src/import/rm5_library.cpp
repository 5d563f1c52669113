#include "import/rm5_library.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "core/error.h"
#include "core/risk_of_bias.h"
#include "io/fs.h"
#include "io/printed_number.h"

namespace metareview::import {
namespace {

namespace fs = std::filesystem;

std::string esc(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// The ASCII letters of a Latin-1 letter U+00C0..U+00FF ("e" for é, "ss" for ß), "" for the
/// two signs among them (× and ÷).
std::string_view latin1_letter(unsigned cp) {
  static constexpr std::string_view kBase[64] = {
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
      "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
      "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
  return cp >= 0xC0 && cp <= 0xFF ? kBase[cp - 0xC0] : std::string_view();
}

/// Lower-case letters and digits in words joined by '-' (the study formats' slug ids);
/// accented Latin letters lose their accents (Müller -> muller).
std::string slug(std::string_view s) {
  std::string out;
  bool dash = false;
  const auto add = [&](std::string_view letters) {
    if (letters.empty()) {
      dash = true;
      return;
    }
    if (dash && !out.empty()) out += '-';
    out += letters;
    dash = false;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      const char lower = static_cast<char>(std::tolower(c));
      add(std::isalnum(c) ? std::string_view(&lower, 1) : std::string_view());
    } else if (c == 0xC3 && i + 1 < s.size()) {
      add(latin1_letter(0xC0u + (static_cast<unsigned char>(s[++i]) & 0x3Fu)));
    } else {
      add({});
    }
  }
  return out;
}

std::string text_or(const std::string& s, const std::string& fallback) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos ? fallback : s;
}

/// RevMan 5's standard quality items and the RoB 1 domain each is. RevMan 5.0 phrased them as
/// questions; 5.1 and later name the domain and its bias.
// Ref: Higgins JPT, Altman DG (eds). Cochrane Handbook 5.0.1 (2008), section 8.5 and table
// 8.5.a (RevMan 5.0's items); Handbook 5.1 (2011) table 8.5.a (the 2011 domains, as RevMan 5.1
// names them).
struct Rob1Name {
  std::string_view revman;
  std::string_view domain;
};
constexpr Rob1Name kRob1Names[] = {
    {"Adequate sequence generation?", "sequence-generation"},
    {"Allocation concealment?", "allocation-concealment"},
    {"Incomplete outcome data addressed?", "incomplete-data"},
    {"Free of selective reporting?", "selective-reporting"},
    {"Free of other bias?", "other-bias"},
    {"Random sequence generation (selection bias)", "sequence-generation"},
    {"Allocation concealment (selection bias)", "allocation-concealment"},
    {"Blinding of participants and personnel (performance bias)", "blinding-participants"},
    {"Blinding of outcome assessment (detection bias)", "blinding-outcome"},
    {"Incomplete outcome data (attrition bias)", "incomplete-data"},
    {"Selective reporting (reporting bias)", "selective-reporting"},
    {"Other bias", "other-bias"},
};
// RevMan 5.0's one blinding item judges participants, personnel and outcome assessors together;
// the 2011 tool splits them into two domains, and one judgment cannot say which it was.
constexpr std::string_view kBlinding50 = "Blinding?";

/// RevMan 5 stores RoB 1 judgments as the answers to 5.0's questions.
// Ref: Cochrane Handbook 5.0.1, section 8.5.1: "a judgement of 'Yes' indicates low risk of
// bias, 'No' indicates high risk of bias, and 'Unclear' indicates unclear or unknown risk of
// bias". RevMan 5.1+ shows them as Low / High / Unclear risk; that it keeps these codes is
// assumed (docs/import.md), and read_rm5 refuses any other code rather than guess.
std::string_view rob1_judgment(const std::string& result) {
  if (result == "YES") return "low";
  if (result == "NO") return "high";
  return "unclear";  // UNKNOWN; read_rm5 refuses any other RESULT
}

const char* const kNoInformation = "No information (not recorded in a structured field of the RevMan 5 file)";

class Writer {
 public:
  Writer(const Rm5Review& r, core::Diagnostics& diag) : r_(r), diag_(diag) {}

  std::vector<LibraryFile> files() {
    assign_study_ids();
    collect_rob1();
    std::map<std::string, std::vector<const Rm5Outcome*>> by_study;
    for (const auto& o : r_.outcomes) {
      if (!importable(o)) continue;
      analyses_.push_back(&o);
      for (const auto& row : o.rows) {
        auto& list = by_study[row.study_id];
        if (list.empty() || list.back() != &o) list.push_back(&o);
      }
    }
    std::vector<LibraryFile> out;
    for (const auto& s : r_.studies) {
      const auto it = by_study.find(s.id);
      if (it == by_study.end()) continue;  // a study without data has no outcome to write
      if (auto text = study_file(s, it->second)) out.push_back({ids_.at(s.id) + ".xml", std::move(*text)});
    }
    out.push_back({"reviews/" + review_id() + ".xml", review_file(out)});
    out.push_back({std::string(kRevmanDir) + "/" + fs::path(r_.file).filename().string(), r_.bytes});
    return out;
  }

 private:
  /// Leaves out what the formats cannot hold, saying so; false then.
  bool importable(const Rm5Outcome& o) {
    if (!measure(o)) {
      const Rm5Value* m = o.find("EFFECT_MEASURE");
      diag_.error(m ? m->where : o.where, "EFFECT_MEASURE '" + o.effect_measure + "' cannot be imported in <" +
                                              to_string(o.kind) + "_OUTCOME ID=\"" + o.id + "\"> (" +
                                              valid_measures(o.kind) + ")");
      return false;
    }
    if (o.rows.empty()) {
      diag_.warning(o.where, "outcome '" + o.name + "' (" + o.id + ") has no data rows and is not imported");
      return false;
    }
    if (o.kind == Rm5Kind::Iv && *measure(o) == "GEN" && log_data(o))
      diag_.warning(o.where, "outcome '" + o.name + "' (<IV_OUTCOME ID=\"" + o.id + "\">) has the effect measure '" +
                                 o.effect_measure +
                                 "', which metareview has no code for: it is imported as GEN on the log scale "
                                 "its data were entered on, and its results are shown as log ratios");
    return true;
  }

  /// LOG_DATA="YES": the author entered the generic inverse-variance data on the log scale,
  /// and RevMan stores EFFECT_SIZE back-transformed, exp(entered), with SE on the log scale.
  static bool log_data(const Rm5Outcome& o) {
    const Rm5Value* v = o.find("LOG_DATA");
    return v && v->text == "YES";
  }

  /// A generic inverse-variance EFFECT_MEASURE as a metafor code: RevMan's codes, or the names
  /// RevMan 5 offers (R meta's read.rm5() reads the same names); any other name is GEN.
  static std::string iv_measure(const std::string& m) {
    std::string n;
    for (const char c : m) n += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static const std::pair<const char*, const char*> kNames[] = {
        {"or", "OR"}, {"peto_or", "OR"}, {"odds ratio", "OR"}, {"peto odds ratio", "OR"},
        {"odds ratio (non-event)", "OR"}, {"rr", "RR"}, {"risk ratio", "RR"}, {"rd", "RD"},
        {"risk difference", "RD"}, {"md", "MD"}, {"mean difference", "MD"}, {"smd", "SMD"},
        {"std. mean difference", "SMD"}, {"standardized mean difference", "SMD"}, {"hr", "HR"},
        {"hazard ratio", "HR"}};
    for (const auto& [name, code] : kNames)
      if (n == name) return code;
    return "GEN";
  }

  static std::optional<std::string> measure(const Rm5Outcome& o) {
    const std::string& m = o.effect_measure;
    switch (o.kind) {
      case Rm5Kind::Dich:
        if (m == "OR" || m == "RR" || m == "RD") return m;
        if (m == "PETO_OR") return std::string("OR");
        return std::nullopt;
      case Rm5Kind::Cont:
        if (m == "MD" || m == "SMD") return m;
        return std::nullopt;
      case Rm5Kind::Ipd: return std::string("HR");  // (O-E)/V is a log hazard (or Peto odds) ratio
      case Rm5Kind::Iv: return iv_measure(m);
    }
    return std::nullopt;
  }

  static std::string valid_measures(Rm5Kind k) {
    switch (k) {
      case Rm5Kind::Dich: return "importable: OR, RR, RD, PETO_OR";
      case Rm5Kind::Cont: return "importable: MD, SMD";
      default: return "not importable";
    }
  }

  void assign_study_ids() {
    std::set<std::string> used;
    for (const auto& s : r_.studies) {
      std::string base = slug(s.name);
      if (base.empty()) base = "study";
      if (s.year.size() == 4 && slug(s.year) == s.year) base += "-" + s.year;
      std::string id = base;
      for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
      used.insert(id);
      ids_[s.id] = id;
    }
  }

  std::string review_id() const { return import::review_id(r_); }

  /// One imported judgment: the domain and the entry it comes from.
  struct Rob1Entry {
    std::string domain;
    const Rm5QualityEntry* entry = nullptr;
  };

  /// The quality items that are RoB 1 domains, per study; warns about what is left out.
  void collect_rob1() {
    for (const Rm5QualityItem& item : r_.quality_items) {
      if (item.entries.empty()) continue;  // no judgment was made: nothing to import
      const std::string tag = "quality item '" + item.name + "' (<QUALITY_ITEM ID=\"" + item.id + "\">)";
      if (item.name == kBlinding50) {
        diag_.warning(item.where, tag + " is not imported: RevMan 5.0 judges blinding of participants, personnel "
                                        "and outcome assessors as one item, which RoB 1 (2011) splits into two "
                                        "domains (docs/import.md)");
        continue;
      }
      const auto known = std::find_if(std::begin(kRob1Names), std::end(kRob1Names),
                                      [&](const Rob1Name& n) { return n.revman == item.name; });
      if (known == std::end(kRob1Names)) {
        diag_.warning(item.where, tag + " is not imported (not a RoB 1 domain by its RevMan 5 name; docs/import.md)");
        continue;
      }
      std::map<std::string, std::vector<const Rm5QualityEntry*>> per_study;
      for (const Rm5QualityEntry& e : item.entries) per_study[e.study_id].push_back(&e);
      for (const auto& [study, entries] : per_study) {
        const Rm5Study* st = r_.study(study);
        if (entries.size() > 1) {
          std::string groups;
          for (const Rm5QualityEntry* e : entries) groups += (groups.empty() ? "'" : ", '") + e->group + "'";
          diag_.warning(entries.front()->where,
                        "study '" + (st ? st->name : study) + "' has " + std::to_string(entries.size()) + " entries of " +
                            tag + " (outcome groups " + groups +
                            "): not imported, as the file does not say which outcomes each group covers");
          continue;
        }
        auto& list = rob1_[study];
        const bool taken = std::any_of(list.begin(), list.end(), [&](const Rob1Entry& x) { return x.domain == known->domain; });
        if (taken) {
          diag_.warning(entries.front()->where, "study '" + (st ? st->name : study) + "' has a second judgment of RoB 1 domain '" +
                                                    std::string(known->domain) + "' in " + tag + ": not imported");
          continue;
        }
        list.push_back({std::string(known->domain), entries.front()});
      }
    }
  }

  /// The <risk-of-bias> block of a study with imported RoB 1 judgments; "" without any. No
  /// overall judgment: RevMan 5 records none, and none is derived.
  std::string rob1_block(const Rm5Study& s) const {
    const auto it = rob1_.find(s.id);
    if (it == rob1_.end() || it->second.empty()) return "";
    std::vector<Rob1Entry> judged = it->second;
    const core::RobTool& tool = *core::find_rob_tool("rob1");
    const auto pos = [&](const std::string& id) {
      return std::find_if(tool.domains.begin(), tool.domains.end(), [&](const core::RobDomain& d) { return d.id == id; });
    };
    std::sort(judged.begin(), judged.end(), [&](const Rob1Entry& a, const Rob1Entry& b) { return pos(a.domain) < pos(b.domain); });
    // Who and when: RevMan's stamp on the most recently changed entry (its own, its item's or
    // the table's). "[Empty name]" is RevMan's placeholder for no name.
    const Rm5QualityEntry* latest = judged.front().entry;
    for (const Rob1Entry& j : judged)
      if (j.entry->modified > latest->modified) latest = j.entry;
    std::string assessor = "not recorded";
    if (!latest->modified_by.empty() && latest->modified_by != "[Empty name]")
      assessor = latest->modified_by + " (RevMan 5 MODIFIED_BY: the last to change these judgments)";
    const std::string day = latest->modified.substr(0, 10);
    std::string x = "  <risk-of-bias>\n    <assessment tool=\"rob1\" assessor=\"" + esc(assessor) + "\"";
    if (core::is_iso_date(day)) x += " date=\"" + day + "\"";
    x += " source=\"rm5\">\n";
    for (const Rob1Entry& j : judged) {
      std::string support = j.entry->support;
      if (support.empty())
        support = "No support text in the RevMan 5 file (RESULT=" + j.entry->result + ").";
      if (!j.entry->group.empty()) support = "Outcome group '" + j.entry->group + "': " + support;
      x += "      <domain id=\"" + j.domain + "\" judgment=\"" + std::string(rob1_judgment(j.entry->result)) +
           "\" locator=\"" + esc(j.entry->path) + "\">" + esc(support) + "</domain>\n";
    }
    x += "    </assessment>\n  </risk-of-bias>\n";
    return x;
  }

  /// A number of the file as a study file prints it: RevMan's own text when it is a plain
  /// decimal, else (Java's "1.0E-4") the same double in plain notation; counts without ".0".
  std::optional<std::string> number(const Rm5Row& row, const char* name, bool count) {
    const Rm5Value* v = row.find(name);
    if (!v) return std::nullopt;
    double x = 0;
    std::from_chars(v->text.data(), v->text.data() + v->text.size(), x);
    std::string out;
    if (count) {
      out = std::to_string(static_cast<long long>(x));
    } else if (io::parse_decimal(v->text)) {
      out = v->text;
    } else {
      char buf[64];
      const auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
      out.assign(buf, res.ptr);
    }
    if (io::digit_count(out) > io::kMaxDigits) {
      diag_.error(v->where, std::string(name) + " '" + v->text + "' has more than " + std::to_string(io::kMaxDigits) +
                                " digits, more than a study file holds, in <" + to_string(kind_) + "_DATA STUDY_ID=\"" +
                                row.study_id + "\">");
      return std::nullopt;
    }
    return out;
  }

  std::optional<std::string> study_file(const Rm5Study& s, const std::vector<const Rm5Outcome*>& outcomes) {
    if (s.year.size() != 4 || slug(s.year) != s.year) {
      diag_.error(s.where, "study '" + s.name + "' has no four-digit YEAR in <STUDY ID=\"" + s.id +
                               "\"> (study files need one; set it in RevMan)");
      return std::nullopt;
    }
    // Arm labels: the group labels when every outcome of the study shares them.
    std::string exp_label = outcomes.front()->group_label_1, ctl_label = outcomes.front()->group_label_2;
    for (const Rm5Outcome* o : outcomes)
      if (o->group_label_1 != exp_label || o->group_label_2 != ctl_label) exp_label = ctl_label = "";
    exp_label = text_or(exp_label, "Experimental");
    ctl_label = text_or(ctl_label, "Control");
    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<!-- Written by metareview import from " + esc(fs::path(r_.file).filename().string()) +
         "; every number is RevMan's, at the element path its 'at' names. -->\n";
    x += "<study id=\"" + ids_.at(s.id) + "\" format=\"1\">\n";
    x += "  <trial>" + esc(s.name) + "</trial>\n";
    x += "  <title>No information (the RevMan 5 file names the study " + esc(s.name) + " (" + s.year +
         ") but gives no title)</title>\n";
    x += "  <authors>\n    <author>n/s</author>\n  </authors>\n";
    x += "  <journal>" + std::string(kNoInformation) + "</journal>\n";
    x += "  <year>" + s.year + "</year>\n";
    x += "  <design note=\"presumed: an included study of a RevMan 5 intervention review; the file does not record "
         "the design\">randomised-controlled-trial</design>\n";
    x += "  <population>" + std::string(kNoInformation) + "</population>\n";
    x += "  <sources>\n    <source id=\"rm5\" type=\"secondary\" note=\"sha256 " + r_.sha256 + "\">" +
         esc(fs::path(r_.file).filename().string()) + ", RevMan 5 review: " + esc(text_or(r_.title, "untitled")) +
         "</source>\n  </sources>\n";
    x += "  <arms>\n";
    const std::string arm_at = " source=\"rm5\" at=\"STUDY " + esc(s.id) + "\" status=\"secondary\">";
    x += "    <arm id=\"exp\" label=\"" + esc(exp_label) + "\" role=\"experimental\"" + arm_at + "<regimen>" +
         esc(exp_label) + "</regimen></arm>\n";
    x += "    <arm id=\"ctl\" label=\"" + esc(ctl_label) + "\" role=\"control\"" + arm_at + "<regimen>" +
         esc(ctl_label) + "</regimen></arm>\n";
    x += "  </arms>\n  <outcomes>\n";
    bool ok = true;
    std::set<std::string> used;
    for (const Rm5Outcome* o : outcomes) {
      kind_ = o->kind;
      for (const auto& row : o->rows) {
        if (row.study_id != s.id) continue;
        std::string id = outcome_id(*o, row.subgroup);
        if (used.count(id)) {
          diag_.error(row.where, "study '" + s.name + "' has two rows in <" + std::string(to_string(o->kind)) +
                                     "_OUTCOME ID=\"" + o->id + "\">" +
                                     (row.subgroup.empty() ? "" : " subgroup '" + row.subgroup + "'"));
          ok = false;
          continue;
        }
        used.insert(id);
        if (auto element = outcome_element(*o, row, id)) x += *element;
        else ok = false;
      }
    }
    x += "  </outcomes>\n" + rob1_block(s) + "</study>\n";
    if (!ok) return std::nullopt;
    return x;
  }

  std::optional<std::string> outcome_element(const Rm5Outcome& o, const Rm5Row& row, const std::string& id) {
    const char* tag = o.kind == Rm5Kind::Dich   ? "binary"
                      : o.kind == Rm5Kind::Cont ? "continuous"
                      : o.kind == Rm5Kind::Iv   ? "generic"
                                                : "time-to-event";
    std::string head = "    <" + std::string(tag) + " id=\"" + id + "\" endpoint=\"" +
                       esc(text_or(o.name, "outcome " + o.id)) + "\"";
    if (!row.subgroup.empty()) head += " subgroup=\"" + esc(row.subgroup) + "\"";
    if (o.kind == Rm5Kind::Cont && !o.units.empty()) head += " unit=\"" + esc(o.units) + "\"";
    head += " experimental=\"exp\" control=\"ctl\"";
    if (o.kind == Rm5Kind::Iv) head += " measure=\"" + *measure(o) + "\"";
    head += " source=\"rm5\" at=\"" + esc(row.path) + "\" status=\"secondary\">\n";
    const std::string end = "    </" + std::string(tag) + ">\n";
    if (o.kind == Rm5Kind::Dich) {
      const auto e1 = number(row, "EVENTS_1", true), n1 = number(row, "TOTAL_1", true);
      const auto e2 = number(row, "EVENTS_2", true), n2 = number(row, "TOTAL_2", true);
      if (!e1 || !n1 || !e2 || !n2) return std::nullopt;
      const Rm5Value* swap = o.find("SWAP_EVENTS");
      if (!swap || swap->text != "YES")
        return head + "      <arm ref=\"exp\" events=\"" + *e1 + "\" total=\"" + *n1 + "\"/>\n" +
               "      <arm ref=\"ctl\" events=\"" + *e2 + "\" total=\"" + *n2 + "\"/>\n" + end;
      // SWAP_EVENTS="YES": RevMan analysed the non-events of each group, so they are what the
      // rows pool (R meta's metacr() passes n.e - event.e to metabin() when swap.events).
      std::string arms;
      for (const auto& [ref, e, n, i] : {std::tuple{"exp", *e1, *n1, 1}, std::tuple{"ctl", *e2, *n2, 2}}) {
        const long long non_events = std::stoll(n) - std::stoll(e);
        if (non_events < 0) {
          diag_.error(row.where, "EVENTS_" + std::to_string(i) + " (" + e + ") exceeds TOTAL_" + std::to_string(i) +
                                     " (" + n + ") in <DICH_DATA STUDY_ID=\"" + row.study_id + "\">");
          return std::nullopt;
        }
        arms += std::string("      <arm ref=\"") + ref + "\" events=\"" + std::to_string(non_events) + "\" total=\"" + n +
                "\" status=\"derived\" note=\"non-events, as RevMan analysed them (SWAP_EVENTS=YES): TOTAL_" +
                std::to_string(i) + " - EVENTS_" + std::to_string(i) + " = " + n + " - " + e + "\"/>\n";
      }
      return head + arms + end;
    }
    if (o.kind == Rm5Kind::Cont) {
      const auto m1 = number(row, "MEAN_1", false), s1 = number(row, "SD_1", false), n1 = number(row, "TOTAL_1", true);
      const auto m2 = number(row, "MEAN_2", false), s2 = number(row, "SD_2", false), n2 = number(row, "TOTAL_2", true);
      if (!m1 || !s1 || !n1 || !m2 || !s2 || !n2) return std::nullopt;
      return head + "      <timepoint id=\"as-analysed\" label=\"as analysed in RevMan\">\n" +
             "        <arm ref=\"exp\" mean=\"" + *m1 + "\" sd=\"" + *s1 + "\" n=\"" + *n1 + "\"/>\n" +
             "        <arm ref=\"ctl\" mean=\"" + *m2 + "\" sd=\"" + *s2 + "\" n=\"" + *n2 + "\"/>\n" +
             "      </timepoint>\n" + end;
    }
    if (o.kind == Rm5Kind::Iv) {
      const auto est = generic_estimate(o, row);
      if (!est) return std::nullopt;
      return head + *est + end;
    }
    const auto oe = number(row, "O_E", false), v = number(row, "VAR", false);
    if (!oe || !v) return std::nullopt;
    return head + "      <logrank-oe o-minus-e=\"" + *oe + "\" variance=\"" + *v + "\"/>\n" + end;
  }

  /// The review's `pooling` for RevMan's METHOD: "MH" or "PETO" for 2x2 outcomes RevMan pooled
  /// so (Peto as a common effect only, as RevMan 5 offers it), "" for inverse variance.
  static std::string pooling(const Rm5Outcome& o) {
    if (o.kind != Rm5Kind::Dich) return "";
    if (o.method == "MH") return "MH";
    if (o.method == "PETO" && !o.random) return "PETO";
    return "";
  }

  /// The <estimate yi se> of an IV_DATA row, on the analysis scale: yi = ln(EFFECT_SIZE) when
  /// the data were entered on the log scale (LOG_DATA="YES"), as R meta's metacr() takes it,
  /// else EFFECT_SIZE; se = SE. A number RevMan computed to 16 or 17 digits is written to the
  /// 15 a study file holds; either change makes the estimate `derived`, with a note.
  std::optional<std::string> generic_estimate(const Rm5Outcome& o, const Rm5Row& row) {
    const Rm5Value& es = *row.find("EFFECT_SIZE");
    const Rm5Value& se = *row.find("SE");
    double effect = 0, sei = 0;
    std::from_chars(es.text.data(), es.text.data() + es.text.size(), effect);
    std::from_chars(se.text.data(), se.text.data() + se.text.size(), sei);
    std::vector<std::string> derived;
    std::string yi;
    if (log_data(o)) {
      if (effect <= 0) {
        diag_.error(es.where, "EFFECT_SIZE '" + es.text + "' is not positive in <IV_DATA STUDY_ID=\"" + row.study_id +
                                  "\">, but LOG_DATA=\"YES\" stores the ratio exp(log estimate)");
        return std::nullopt;
      }
      // Ref: RevMan 5 User Guide, outcome properties: "entered data are on log scale" for ratios.
      yi = plain(std::log(effect));
      derived.push_back("yi = ln(EFFECT_SIZE) = ln(" + es.text + "), as LOG_DATA=\"YES\" stores the ratio");
    } else {
      yi = as_printed(es.text, effect, "yi = EFFECT_SIZE", derived);
    }
    const std::string se_text = as_printed(se.text, sei, "se = SE", derived);
    std::string prov;
    if (!derived.empty()) {
      std::string note;
      for (const auto& d : derived) note += (note.empty() ? "" : "; ") + d;
      prov = " status=\"derived\" note=\"" + esc(note) + "\"";
    }
    return "      <estimate yi=\"" + yi + "\" se=\"" + se_text + "\"" + prov + "/>\n";
  }

  /// `text` when a study file can hold it as printed; else `x` in plain form with at most 15
  /// digits, and a line for the note saying so.
  static std::string as_printed(const std::string& text, double x, const std::string& what,
                                std::vector<std::string>& derived) {
    if (io::parse_decimal(text) && io::digit_count(text) <= io::kMaxDigits) return text;
    const std::string out = plain(x);
    derived.push_back(what + " " + text + " written as " + out + " (15 digits)");
    return out;
  }

  /// `x` as a plain decimal of at most 15 digits (a leading "0." counts one of them).
  static std::string plain(double x) {
    const double a = std::fabs(x);
    const int int_digits = a >= 1 ? static_cast<int>(std::floor(std::log10(a))) + 1 : 1;
    const int decimals = std::max(0, io::kMaxDigits - int_digits);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    std::string out = buf;
    if (out.find('.') != std::string::npos) {
      out.erase(out.find_last_not_of('0') + 1);
      if (out.back() == '.') out.pop_back();
    }
    if (out == "-0") out = "0";
    return out;
  }

  std::string analysis_note(const Rm5Outcome& o) const {
    std::string n = "Imported from COMPARISON " + std::to_string(o.comparison_no) + " (" +
                    text_or(o.comparison_name, "unnamed") + "), " + to_string(o.kind) + "_OUTCOME " + o.id +
                    ": RevMan 5 pooled the " + o.effect_measure;
    if (!o.method.empty()) n += " by " + o.method;
    n += std::string(o.random ? " with random effects (DerSimonian-Laird)" : " with a common (fixed) effect");
    n += ", " + text_or(o.ci_total, "95") + "% CI.";
    if (const std::string p = pooling(o); p == "MH")
      n += o.random ? " The review pools it as RevMan 5 does: pooling=\"MH\" with preset revman5 takes Q, I2 and the "
                      "DerSimonian-Laird tau2 from the Mantel-Haenszel estimate."
                    : " The review pools it by Mantel-Haenszel (pooling=\"MH\"), as RevMan did.";
    else if (p == "PETO")
      n += " The review pools it by Peto's method (pooling=\"PETO\"), as RevMan did.";
    if (o.effect_measure == "PETO_OR") n += " Peto odds ratios are imported as odds ratios from the 2x2 counts.";
    if (o.kind == Rm5Kind::Ipd) n += " O - E and V are pooled as log HR = (O - E)/V with SE 1/sqrt(V) (Tierney 2007).";
    if (o.kind == Rm5Kind::Iv) {
      n += " Generic inverse variance: each study's estimate and SE";
      n += log_data(o) ? ", entered on the log scale (yi = ln(EFFECT_SIZE))." : ", as entered (yi = EFFECT_SIZE).";
      if (*measure(o) == "GEN") n += " RevMan's effect measure '" + o.effect_measure + "' has no metafor code: GEN.";
    }
    if (!o.ci_study.empty() && o.ci_study != o.ci_total)
      n += " RevMan showed study CIs at " + o.ci_study + "%; metareview uses one level for all intervals.";
    return n;
  }

  std::string review_file(const std::vector<LibraryFile>& studies) const {
    std::string x;
    x += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x += "<!-- Written by metareview import from " + esc(fs::path(r_.file).filename().string()) + ". -->\n";
    x += "<review id=\"" + review_id() + "\" format=\"1\">\n";
    x += "  <title>" + esc(text_or(r_.title, "RevMan 5 review " + fs::path(r_.file).filename().string())) + "</title>\n";
    x += "  <question>\n    <population>" + std::string(kNoInformation) + "</population>\n";
    x += "    <intervention>" + std::string(kNoInformation) + "</intervention>\n";
    x += "    <comparator>" + std::string(kNoInformation) + "</comparator>\n";
    std::string names;
    for (const Rm5Outcome* o : analyses_) names += (names.empty() ? "" : "; ") + text_or(o->name, o->id);
    x += "    <outcomes>" + esc(text_or(names, "none")) + "</outcomes>\n  </question>\n";
    x += "  <note>Imported by metareview import from " + esc(fs::path(r_.file).filename().string()) + " (sha256 " +
         r_.sha256 + "). Every study with data in an imported outcome is included.</note>\n";
    x += "  <included>\n";
    for (const auto& f : studies) x += "    <study ref=\"" + f.path.substr(0, f.path.size() - 4) + "\"/>\n";
    x += "  </included>\n  <analyses>\n";
    for (const Rm5Outcome* o : analyses_) x += analysis(*o);
    x += "  </analyses>\n</review>\n";
    return x;
  }

  std::string analysis(const Rm5Outcome& o) const {
    std::string x = "    <analysis id=\"" + outcome_id(o, "") + "\" endpoint=\"" + esc(text_or(o.name, o.id)) +
                    "\" measure=\"" + *measure(o) + "\" model=\"" + (o.random ? "random" : "common") +
                    "\" preset=\"revman5\"";
    if (const std::string p = pooling(o); !p.empty()) x += " pooling=\"" + p + "\"";
    if (io::parse_decimal(o.ci_total)) x += " level=\"" + o.ci_total + "\"";
    x += " prediction-interval=\"false\"";
    if (o.subgroups && !o.subgroup_list.empty()) x += " subgroup-heading=\"Subgroup\"";
    x += ">\n";
    x += "      <title>" + std::to_string(o.comparison_no) + "." + std::to_string(o.outcome_no) + " " +
         esc(text_or(o.name, o.id)) + "</title>\n";
    if (!text_or(o.group_label_1, "").empty() && !text_or(o.group_label_2, "").empty())
      x += "      <arms experimental=\"" + esc(o.group_label_1) + "\" control=\"" + esc(o.group_label_2) + "\"/>\n";
    if (!text_or(o.graph_label_1, "").empty() && !text_or(o.graph_label_2, "").empty())
      x += "      <favours left=\"" + esc(o.graph_label_1) + "\" right=\"" + esc(o.graph_label_2) + "\"/>\n";
    x += "      <note>" + esc(analysis_note(o)) + "</note>\n";
    for (const auto& row : o.rows) {
      x += "      <row study=\"" + ids_.at(row.study_id) + "\" outcome=\"" + outcome_id(o, row.subgroup) + "\"";
      if (o.kind == Rm5Kind::Cont) x += " timepoint=\"as-analysed\"";
      if (o.subgroups && !o.subgroup_list.empty()) x += " subgroup=\"" + esc(text_or(row.subgroup, "none")) + "\"";
      x += "/>\n";
    }
    x += "    </analysis>\n";
    return x;
  }

  const Rm5Review& r_;
  core::Diagnostics& diag_;
  std::map<std::string, std::string> ids_;  // RevMan study ID -> study file id
  std::vector<const Rm5Outcome*> analyses_;
  std::map<std::string, std::vector<Rob1Entry>> rob1_;  // RevMan study ID -> its RoB 1 judgments
  Rm5Kind kind_ = Rm5Kind::Dich;
};

}  // namespace

std::string review_id(const Rm5Review& review) {
  const std::string stem = slug(fs::path(review.file).stem().string());
  return stem.empty() ? "revman" : stem;
}

std::string outcome_id(const Rm5Outcome& o, const std::string& subgroup) {
  std::string id = "c" + std::to_string(o.comparison_no) + "-o" + std::to_string(o.outcome_no);
  if (!subgroup.empty())
    for (std::size_t i = 0; i < o.subgroup_list.size(); ++i)
      if (o.subgroup_list[i].name == subgroup) id += "-s" + std::to_string(i + 1);
  return id;
}

std::vector<LibraryFile> library_files(const Rm5Review& review, core::Diagnostics& diag) {
  return Writer(review, diag).files();
}

void write_library(const std::vector<LibraryFile>& files, const std::string& out) {
  const fs::path target(out);
  std::error_code ec;
  if (fs::exists(target, ec) && !(fs::is_directory(target, ec) && fs::is_empty(target, ec)))
    throw Error("'" + out + "' exists and is not an empty directory (import writes a new study library)");
  const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::create_directories(parent, ec);
  if (ec) throw Error("import::write_library: cannot create '" + parent.generic_string() + "': " + ec.message());
  const fs::path stage = parent / ("." + target.filename().string() + ".import-" + std::to_string(::getpid()));
  fs::remove_all(stage, ec);
  try {
    for (const auto& f : files) {
      fs::create_directories((stage / f.path).parent_path(), ec);
      if (ec) throw Error("import::write_library: cannot create '" + stage.generic_string() + "': " + ec.message());
      io::write_file_atomic((stage / f.path).string(), f.text, "import::write_library");
    }
    if (fs::exists(target, ec)) fs::remove(target, ec);  // empty, checked above
    fs::rename(stage, target, ec);
    if (ec) throw Error("import::write_library: cannot create '" + out + "': " + ec.message());
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(stage, ignored);
    throw;
  }
}

}  // namespace metareview::import
