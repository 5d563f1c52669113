#include "review/review.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string_view>

#include "io/printed_number.h"
#include "io/sha256.h"
#include "io/source_text.h"
#include "io/xml_document.h"
#include "render/forest_layout.h"

// Review files (docs/review-format.md) are read as study files are (io/study_parser.cpp):
// io::XmlDocument for positions and well-formedness, messages "WHAT in WHERE (HINT)" with
// WHERE naming the element from the inside out (`<row study="candor-2020"> of analysis
// 'pfs'`). Every rule here has its twin in studies/reviews/review.xsd, except those that
// need the study library (ids, outcome kinds) or compare elements (duplicates).

namespace metareview::review {
namespace {

using pugi::xml_node;
using Names = std::vector<std::string_view>;

const Names kModels = {"random", "common", "both"};
const Names kPolicies = {"include", "exclude", "floor-se"};
const Names kBooleans = {"true", "false"};
/// The measures a review pools: metafor's escalc codes without GEN (a review names outcomes,
/// never bare yi/vi).
const Names kMeasures = {"HR", "OR", "RR", "RD", "PR", "PLO", "PAS", "PFT", "MD", "SMD"};
/// The tau2 estimators of the random-effects model (the common-effect model is always FE).
const Names kEstimators = {"DL", "REML", "ML", "PM", "HE", "HS", "SJ", "EB"};

constexpr int kMany = 1 << 30;

enum class Need { Optional, Required };

struct Particle {
  std::string_view name;
  int min = 0;
  int max = 1;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Free text as stored: runs of white space become one space, none at either end.
std::string collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (!is_blank(c)) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_slug(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-' || s.find("--") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool contains(const Names& names, std::string_view s) { return std::find(names.begin(), names.end(), s) != names.end(); }

template <typename Range>
std::string join(const Range& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

/// What a measure needs of an outcome, for the mismatch message.
std::string_view needs(core::Measure m) {
  if (m == core::Measure::HR) return "a time-to-event outcome";
  if (core::is_binary_two_group(m)) return "a binary outcome";
  if (core::is_proportion(m)) return "a proportion outcome, or one arm of a binary outcome (attribute 'arm')";
  return "a continuous outcome (with attribute 'timepoint')";
}

bool fits(core::Measure m, core::OutcomeKind k) {
  using K = core::OutcomeKind;
  if (m == core::Measure::HR) return k == K::TimeToEvent;
  if (core::is_binary_two_group(m)) return k == K::Binary;
  if (core::is_proportion(m)) return k == K::Proportion || k == K::Binary;
  return k == K::Continuous;
}

std::string kind_name(core::OutcomeKind k) { return std::string(core::to_string(k)); }

class Reader {
 public:
  Reader(const io::XmlDocument& doc, const core::StudySet& studies, core::Diagnostics& diag)
      : doc_(doc), studies_(studies), diag_(diag) {}

  Review read();

 private:
  /// One element being read: its attributes are declared when it is opened, and every other
  /// attribute is reported as unknown at once.
  struct El {
    xml_node node;
    std::string where;
    Names attributes;
  };

  El open(xml_node node, std::string where, Names attributes);
  core::SourceLocation at(xml_node node) const { return doc_.location(node); }
  core::SourceLocation at(const El& e, std::string_view attribute) const;
  void say(const core::SourceLocation& where, const std::string& what, const std::string& in,
           const std::string& hint = "") {
    diag_.error(where, what + " in " + in + (hint.empty() ? "" : " (" + hint + ")"));
  }

  std::optional<std::string> raw(const El& e, std::string_view name, Need need);
  std::optional<std::string> text(const El& e, std::string_view name, Need need);
  std::optional<std::string> choice(const El& e, std::string_view name, const Names& valid, Need need);
  std::optional<bool> flag(const El& e, std::string_view name);
  /// An attribute parsed by `parse` (a model:: code parser); invalid values list `valid`.
  template <class Parse>
  auto code(const El& e, std::string_view name, Parse parse, const std::string& valid)
      -> decltype(parse(std::string_view()));
  std::vector<xml_node> children(const El& e, const std::vector<Particle>& content, bool any_order = false);
  /// The collapsed, non-empty text of a text-only element.
  std::optional<std::string> content(const El& e);
  std::optional<std::string> text_element(xml_node node, const std::string& where);
  /// Reports a second use of `key` in one scope, naming the line of the first; true if new.
  bool unique(std::map<std::string, int>& seen, const std::string& key, const core::SourceLocation& where,
              const std::string& what, const std::string& in);
  std::string tagged(xml_node node, const char* key) const;

  void read_question(xml_node node, Question& q);
  void read_included(xml_node node, Review& r);
  void read_excluded(xml_node node, Review& r);
  void read_analyses(xml_node node, Review& r);
  Analysis read_analysis(xml_node node);
  void read_settings(const El& e, Analysis& a);
  std::optional<DataRef> read_row(xml_node node, const Analysis& a);

  /// The included study ids of every <included>, read before anything else so that a
  /// misplaced <included> does not make every row and exclusion an error too.
  void collect_included(xml_node root);

  const io::XmlDocument& doc_;
  const core::StudySet& studies_;
  core::Diagnostics& diag_;
  std::vector<std::string> included_;         // pre-scanned, library ids only, first use order
  std::map<std::string, int> included_lines_;  // id -> line of its first <study ref>
};

Reader::El Reader::open(xml_node node, std::string where, Names attributes) {
  El e{node, std::move(where), std::move(attributes)};
  for (const pugi::xml_attribute a : node.attributes()) {
    if (contains(e.attributes, a.name())) continue;
    say(doc_.location(a), "unknown attribute " + in_quotes(a.name()), e.where,
        e.attributes.empty() ? "it takes no attributes" : "expected " + join(e.attributes));
  }
  return e;
}

core::SourceLocation Reader::at(const El& e, std::string_view attribute) const {
  const auto a = e.node.attribute(std::string(attribute).c_str());
  return a ? doc_.location(a) : doc_.location(e.node);
}

std::optional<std::string> Reader::raw(const El& e, std::string_view name, Need need) {
  const auto a = e.node.attribute(std::string(name).c_str());
  if (!a) {
    if (need == Need::Required) say(at(e.node), "missing attribute " + in_quotes(name), e.where);
    return std::nullopt;
  }
  return doc_.value(a);
}

std::optional<std::string> Reader::text(const El& e, std::string_view name, Need need) {
  const auto value = raw(e, name, need);
  if (!value) return std::nullopt;
  std::string s = collapse(*value);
  if (s.empty()) {
    say(at(e, name), "attribute " + in_quotes(name) + " is empty", e.where);
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Reader::choice(const El& e, std::string_view name, const Names& valid, Need need) {
  const auto value = raw(e, name, need);
  if (!value) return std::nullopt;
  if (!contains(valid, *value)) {
    say(at(e, name), "invalid " + std::string(name) + " " + in_quotes(*value), e.where, "valid: " + join(valid));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Reader::flag(const El& e, std::string_view name) {
  const auto value = choice(e, name, kBooleans, Need::Optional);
  if (!value) return std::nullopt;
  return *value == "true";
}

template <class Parse>
auto Reader::code(const El& e, std::string_view name, Parse parse, const std::string& valid)
    -> decltype(parse(std::string_view())) {
  const auto value = raw(e, name, Need::Optional);
  if (!value) return std::nullopt;
  auto parsed = parse(*value);
  if (!parsed) say(at(e, name), "invalid " + std::string(name) + " " + in_quotes(*value), e.where, "valid: " + valid);
  return parsed;
}

std::vector<xml_node> Reader::children(const El& e, const std::vector<Particle>& content, bool any_order) {
  std::vector<xml_node> out;
  std::vector<int> counts(content.size(), 0);
  Names names;
  for (const auto& p : content) names.push_back(p.name);
  std::size_t furthest = 0;
  for (const xml_node child : e.node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      const std::string t = collapse(child.value());
      if (content.empty())
        say(at(child), t.empty() ? "unexpected white space" : "unexpected text " + in_quotes(t.substr(0, 24)), e.where,
            "it has no content");
      else if (!t.empty())
        say(at(child), "unexpected text " + in_quotes(t.substr(0, 24)), e.where);
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const std::string tag = std::string("<") + child.name() + '>';
    const auto it = std::find(names.begin(), names.end(), child.name());
    if (it == names.end()) {
      say(at(child), "unknown element " + tag, e.where, names.empty() ? "it has no child elements" : "expected " + join(names));
      continue;
    }
    const auto k = static_cast<std::size_t>(it - names.begin());
    if (!any_order && k < furthest) say(at(child), tag + " is out of order", e.where, "order: " + join(names));
    furthest = std::max(furthest, k);
    if (++counts[k] > content[k].max) say(at(child), "more than one " + tag, e.where);
    out.push_back(child);
  }
  for (std::size_t k = 0; k < content.size(); ++k) {
    if (counts[k] < content[k].min) say(at(e.node), "missing <" + std::string(content[k].name) + '>', e.where);
  }
  return out;
}

std::optional<std::string> Reader::content(const El& e) {
  bool ok = true;
  for (const xml_node child : e.node.children()) {
    if (child.type() != pugi::node_element) continue;
    say(at(child), std::string("unknown element <") + child.name() + '>', e.where, "it holds text only");
    ok = false;
  }
  if (!ok) return std::nullopt;
  std::string s = collapse(doc_.text_of(e.node));
  if (s.empty()) {
    say(at(e.node), "empty text", e.where);
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Reader::text_element(xml_node node, const std::string& where) {
  return content(open(node, where, {}));
}

bool Reader::unique(std::map<std::string, int>& seen, const std::string& key, const core::SourceLocation& where,
                    const std::string& what, const std::string& in) {
  const auto [it, fresh] = seen.emplace(key, where.line);
  if (!fresh) say(where, "duplicate " + what, in, "first at line " + std::to_string(it->second));
  return fresh;
}

std::string Reader::tagged(xml_node node, const char* key) const {
  const auto a = node.attribute(key);
  if (!a) return std::string("<") + node.name() + '>';
  return std::string("<") + node.name() + ' ' + key + "=\"" + doc_.value(a) + "\">";
}

// ---- the review ------------------------------------------------------------------------------

void Reader::collect_included(xml_node root) {
  for (const xml_node list : root.children("included")) {
    for (const xml_node study : list.children("study")) {
      const auto ref = study.attribute("ref");
      if (!ref || !studies_.find(doc_.value(ref))) continue;
      if (included_lines_.emplace(doc_.value(ref), doc_.location(ref).line).second) included_.push_back(doc_.value(ref));
    }
  }
}

Review Reader::read() {
  Review r;
  r.file = doc_.source().file();
  const xml_node root = doc_.root();
  if (!root) return r;  // XmlDocument reported it
  if (std::string_view(root.name()) != "review") {
    diag_.error(at(root), std::string("expected <review> as the root element, found <") + root.name() + '>');
    return r;
  }
  const El e = open(root, "<review>", {"id", "format"});
  r.where = at(root);
  if (const auto id = raw(e, "id", Need::Required)) {
    if (!is_slug(*id)) {
      say(at(e, "id"), "invalid id " + in_quotes(*id), e.where,
          "use lower-case letters and digits in words joined by '-', as in anti-cd38-rrmm-pfs");
    } else {
      r.id = *id;
      const std::string name = std::filesystem::path(r.file).filename().string();
      if (name != r.id + ".xml")
        say(at(e, "id"), "review id " + in_quotes(r.id) + " does not match the file name " + in_quotes(name), e.where,
            "expected " + r.id + ".xml");
    }
  }
  if (const auto format = raw(e, "format", Need::Required); format && *format != "1")
    say(at(e, "format"), "unsupported format " + in_quotes(*format), e.where, "this version reads format 1");

  collect_included(root);
  for (const xml_node c : children(e, {{"title", 1, 1},
                                       {"question", 1, 1},
                                       {"note"},
                                       {"included", 1, 1},
                                       {"excluded"},
                                       {"analyses", 1, 1}})) {
    const std::string_view name = c.name();
    if (name == "title") {
      if (auto t = text_element(c, "<title>")) r.title = std::move(*t);
    } else if (name == "note") {
      if (auto t = text_element(c, "<note>")) r.note = std::move(*t);
    } else if (name == "question") {
      read_question(c, r.question);
    } else if (name == "included") {
      read_included(c, r);
    } else if (name == "excluded") {
      read_excluded(c, r);
    } else {
      read_analyses(c, r);
    }
  }
  return r;
}

void Reader::read_question(xml_node node, Question& q) {
  const El e = open(node, "<question>", {});
  static const std::pair<std::string_view, std::string Question::*> kParts[] = {
      {"population", &Question::population},
      {"intervention", &Question::intervention},
      {"comparator", &Question::comparator},
      {"outcomes", &Question::outcomes},
  };
  for (const xml_node c : children(e, {{"population", 1, 1}, {"intervention", 1, 1}, {"comparator", 1, 1}, {"outcomes", 1, 1}})) {
    for (const auto& [tag, member] : kParts) {
      if (tag != c.name()) continue;
      if (auto t = text_element(c, std::string("<") + c.name() + "> of <question>")) q.*member = std::move(*t);
    }
  }
}

void Reader::read_included(xml_node node, Review& r) {
  const El e = open(node, "<included>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : children(e, {{"study", 1, kMany}})) {
    const El s = open(c, tagged(c, "ref") + " of <included>", {"ref"});
    children(s, {});
    const auto ref = raw(s, "ref", Need::Required);
    if (!ref) continue;
    if (!studies_.find(*ref)) {
      say(at(s, "ref"), "unknown study " + in_quotes(*ref), s.where, "no file in the study library has this id");
      continue;
    }
    if (unique(seen, *ref, at(s, "ref"), "study " + in_quotes(*ref), e.where)) r.included.push_back(*ref);
  }
}

void Reader::read_excluded(xml_node node, Review& r) {
  const El e = open(node, "<excluded>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : children(e, {{"study", 0, kMany}, {"citation", 0, kMany}}, true)) {
    Excluded x;
    x.where = at(c);
    if (std::string_view(c.name()) == "study") {
      const El s = open(c, tagged(c, "ref") + " of <excluded>", {"ref", "reason"});
      children(s, {});
      if (auto reason = text(s, "reason", Need::Required)) x.reason = std::move(*reason);
      const auto ref = raw(s, "ref", Need::Required);
      if (!ref) continue;
      if (!studies_.find(*ref)) {
        say(at(s, "ref"), "unknown study " + in_quotes(*ref), s.where,
            "no file in the study library has this id; use <citation> for a study outside it");
        continue;
      }
      if (const auto it = included_lines_.find(*ref); it != included_lines_.end()) {
        say(at(s, "ref"), "study " + in_quotes(*ref) + " is both included and excluded", s.where,
            "included at line " + std::to_string(it->second));
        continue;
      }
      if (!unique(seen, *ref, at(s, "ref"), "study " + in_quotes(*ref), e.where)) continue;
      x.study = *ref;
    } else {
      const El s = open(c, "<citation> of <excluded>", {"reason"});
      if (auto reason = text(s, "reason", Need::Required)) x.reason = std::move(*reason);
      if (auto citation = content(s)) x.citation = std::move(*citation);
    }
    r.excluded.push_back(std::move(x));
  }
}

void Reader::read_analyses(xml_node node, Review& r) {
  const El e = open(node, "<analyses>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : children(e, {{"analysis", 1, kMany}})) {
    Analysis a = read_analysis(c);
    const auto id_at = c.attribute("id") ? doc_.location(c.attribute("id")) : at(c);
    if (!a.id.empty() && !unique(seen, a.id, id_at, "analysis id " + in_quotes(a.id), e.where)) continue;
    r.analyses.push_back(std::move(a));
  }
}

Analysis Reader::read_analysis(xml_node node) {
  const std::string where = node.attribute("id") ? "analysis " + in_quotes(doc_.value(node.attribute("id"))) : "<analysis>";
  const El e = open(node, where,
                    {"id", "endpoint", "measure", "model", "preset", "method", "test", "level", "prediction-interval",
                     "pi-dist", "i2", "adhoc", "add", "to", "drop00", "subgroup-heading", "sort", "implausible"});
  Analysis a;
  a.where = at(node);
  if (const auto id = raw(e, "id", Need::Required)) {
    if (is_slug(*id)) a.id = *id;
    else say(at(e, "id"), "invalid id " + in_quotes(*id), e.where, "use lower-case letters and digits in words joined by '-', as in pfs");
  }
  if (auto endpoint = text(e, "endpoint", Need::Required)) a.endpoint = std::move(*endpoint);
  bool measure_ok = false;
  if (const auto m = choice(e, "measure", kMeasures, Need::Required)) {
    a.measure = *core::parse_measure(*m);
    measure_ok = true;
  }
  if (const auto m = choice(e, "model", kModels, Need::Optional))
    a.model = *m == "random" ? ModelChoice::Random : *m == "common" ? ModelChoice::Common : ModelChoice::Both;
  if (const auto pi = flag(e, "prediction-interval")) a.prediction_interval = *pi;
  if (auto heading = text(e, "subgroup-heading", Need::Optional)) a.subgroup_variable = std::move(*heading);
  if (const auto sort = code(e, "sort", render::parse_sort_order, render::valid_sort_orders()))
    a.sort = *raw(e, "sort", Need::Optional);
  if (const auto p = choice(e, "implausible", kPolicies, Need::Optional))
    a.implausible = *p == "include" ? ImplausiblePolicy::Include
                    : *p == "exclude" ? ImplausiblePolicy::Exclude
                                      : ImplausiblePolicy::FloorSe;
  read_settings(e, a);

  std::map<std::string, int> rows_seen;
  for (const xml_node c : children(e, {{"title", 1, 1}, {"arms"}, {"favours"}, {"note"}, {"row", 1, kMany}})) {
    const std::string_view name = c.name();
    if (name == "title") {
      if (auto t = text_element(c, "<title> of " + e.where)) a.title = std::move(*t);
    } else if (name == "note") {
      if (auto t = text_element(c, "<note> of " + e.where)) a.note = std::move(*t);
    } else if (name == "arms") {
      const El f = open(c, "<arms> of " + e.where, {"experimental", "control"});
      children(f, {});
      if (auto x = text(f, "experimental", Need::Required)) a.label_experimental = std::move(*x);
      if (auto x = text(f, "control", Need::Required)) a.label_control = std::move(*x);
    } else if (name == "favours") {
      const El f = open(c, "<favours> of " + e.where, {"left", "right"});
      children(f, {});
      if (auto x = text(f, "left", Need::Required)) a.favours_left = std::move(*x);
      if (auto x = text(f, "right", Need::Required)) a.favours_right = std::move(*x);
    } else if (measure_ok) {
      auto row = read_row(c, a);
      if (!row) continue;
      const std::string key = row->study + '\n' + row->outcome + '\n' + row->timepoint + '\n' + row->arm;
      if (unique(rows_seen, key, row->where,
                 "row for outcome " + in_quotes(row->outcome) + " of study " + in_quotes(row->study), e.where))
        a.data.push_back(std::move(*row));
    }
  }
  return a;
}

void Reader::read_settings(const El& e, Analysis& a) {
  std::string preset_name = "metafor";
  if (const auto p = raw(e, "preset", Need::Optional)) {
    if (model::preset(*p)) preset_name = *p;
    else say(at(e, "preset"), "invalid preset " + in_quotes(*p), e.where, "valid: " + model::valid_presets());
  }
  a.settings = *model::preset(preset_name);
  auto& m = a.settings.model;
  auto& fx = a.settings.effect;
  const auto given = [&](std::string_view name) {
    if (!e.node.attribute(std::string(name).c_str())) return false;
    a.overrides.emplace_back(name);
    return true;
  };
  if (given("method")) {
    if (const auto v = choice(e, "method", kEstimators, Need::Optional)) m.method = *model::parse_method(*v);
  }
  if (given("test")) {
    if (const auto v = code(e, "test", model::parse_test, model::valid_tests())) m.test = *v;
  }
  if (given("level")) {
    const std::string v = *raw(e, "level", Need::Optional);
    const auto n = io::parse_decimal(v);
    if (!n || n->negative || n->value <= 0 || n->value >= 100)
      say(at(e, "level"), "level " + in_quotes(v) + " is not a confidence level in percent", e.where,
          "a plain decimal in (0, 100), as in 95");
    else
      m.level = n->value;
  }
  if (given("pi-dist")) {
    if (const auto v = code(e, "pi-dist", model::parse_pi_dist, model::valid_pi_dists())) m.pi_dist = *v;
  }
  if (given("i2")) {
    if (const auto v = code(e, "i2", model::parse_i2_def, model::valid_i2_defs())) m.i2_def = *v;
  }
  const bool adhoc_given = given("adhoc");
  if (adhoc_given) {
    if (const auto v = code(e, "adhoc", model::parse_knha_adhoc, model::valid_knha_adhocs())) m.knha_adhoc = *v;
  }
  if (given("add")) {
    const std::string v = *raw(e, "add", Need::Optional);
    const auto n = io::parse_decimal(v);
    if (!n || n->negative)
      say(at(e, "add"), "add " + in_quotes(v) + " is not a non-negative number", e.where, "a plain decimal, as in 0.5");
    else
      fx.add = n->value, fx.add_given = true;
  }
  if (given("to")) {
    if (const auto v = code(e, "to", model::parse_correction_to, model::valid_correction_tos())) fx.to = *v;
  }
  if (given("drop00")) {
    if (const auto v = flag(e, "drop00")) fx.drop00 = *v;
  }
  // A preset's Hartung-Knapp ad hoc rule goes with its test: preset="iqwig" test="z" is
  // plain z (as `metareview pool --preset iqwig --test z`).
  if (m.test == model::Test::Z && !adhoc_given) m.knha_adhoc = model::KnhaAdhoc::None;
  if (const std::string problem = m.validate(); !problem.empty()) say(at(e.node), problem, e.where);
}

std::optional<DataRef> Reader::read_row(xml_node node, const Analysis& a) {
  const El e = open(node, tagged(node, "study") + " of " + (a.id.empty() ? "<analysis>" : "analysis " + in_quotes(a.id)),
                    {"study", "outcome", "timepoint", "arm", "subgroup", "label"});
  children(e, {});
  DataRef d;
  d.where = at(node);
  const auto study_id = raw(e, "study", Need::Required);
  const auto outcome_id = raw(e, "outcome", Need::Required);
  // Ids of the study file, matched exactly as written there.
  const auto timepoint = raw(e, "timepoint", Need::Optional);
  const auto arm = raw(e, "arm", Need::Optional);
  if (timepoint) d.timepoint = *timepoint;
  if (arm) d.arm = *arm;
  if (auto t = text(e, "label", Need::Optional)) d.label = std::move(*t);
  const auto subgroup = text(e, "subgroup", Need::Optional);
  bool ok = study_id && outcome_id;
  if (subgroup) d.subgroup = *subgroup;
  if (!a.subgroup_variable.empty() && !e.node.attribute("subgroup")) {
    say(at(node), "missing attribute 'subgroup'", e.where,
        "the analysis groups its rows by subgroup-heading " + in_quotes(a.subgroup_variable));
    ok = false;
  } else if (a.subgroup_variable.empty() && subgroup) {
    say(at(e, "subgroup"), "subgroup " + in_quotes(*subgroup) + " without a subgroup-heading", e.where,
        "set subgroup-heading on the analysis");
    ok = false;
  }
  if (!study_id) return std::nullopt;
  const core::Study* study = studies_.find(*study_id);
  if (!study) {
    say(at(e, "study"), "unknown study " + in_quotes(*study_id), e.where, "no file in the study library has this id");
    return std::nullopt;
  }
  if (!included_lines_.count(*study_id)) {
    say(at(e, "study"), "study " + in_quotes(*study_id) + " is not among the included studies", e.where,
        included_.empty() ? "<included> lists none" : "included: " + join(included_));
    ok = false;
  }
  d.study = *study_id;
  if (!outcome_id) return std::nullopt;
  const core::Outcome* o = study->outcome(*outcome_id);
  if (!o) {
    std::vector<std::string> ids;
    for (const auto& x : study->outcomes) ids.push_back(x.id);
    say(at(e, "outcome"), "unknown outcome " + in_quotes(*outcome_id) + " of study " + in_quotes(*study_id), e.where,
        "outcomes: " + join(ids));
    return std::nullopt;
  }
  d.outcome = *outcome_id;
  if (!fits(a.measure, o->kind)) {
    say(at(e, "outcome"), "outcome " + in_quotes(o->id) + " (" + kind_name(o->kind) + ") does not fit measure " +
                              std::string(core::to_string(a.measure)), e.where,
        std::string(core::to_string(a.measure)) + " needs " + std::string(needs(a.measure)));
    return std::nullopt;
  }
  // timepoint: exactly for continuous outcomes.
  if (o->kind == core::OutcomeKind::Continuous) {
    std::vector<std::string> ids;
    for (const auto& tp : o->timepoints) ids.push_back(tp.id);
    if (!timepoint) {
      say(at(node), "missing attribute 'timepoint'", e.where,
          "outcome " + in_quotes(o->id) + " is continuous; timepoints: " + join(ids));
      ok = false;
    } else if (std::find(ids.begin(), ids.end(), d.timepoint) == ids.end()) {
      say(at(e, "timepoint"), "unknown timepoint " + in_quotes(d.timepoint) + " of outcome " + in_quotes(o->id), e.where,
          "timepoints: " + join(ids));
      ok = false;
    }
  } else if (timepoint) {
    say(at(e, "timepoint"), "attribute 'timepoint' applies to continuous outcomes only", e.where,
        "outcome " + in_quotes(o->id) + " is " + kind_name(o->kind));
    ok = false;
  }
  // arm: one arm of a binary outcome as a proportion; a <proportion>'s own arm may be named.
  if (core::is_proportion(a.measure) && o->kind == core::OutcomeKind::Binary) {
    const std::vector<std::string> arms = {o->experimental, o->control};
    if (!arm) {
      say(at(node), "missing attribute 'arm'", e.where,
          "measure " + std::string(core::to_string(a.measure)) + " takes one arm of binary outcome " + in_quotes(o->id) +
              ": " + join(arms));
      ok = false;
    } else if (d.arm != o->experimental && d.arm != o->control) {
      say(at(e, "arm"), "unknown arm " + in_quotes(d.arm) + " of outcome " + in_quotes(o->id), e.where, "arms: " + join(arms));
      ok = false;
    }
  } else if (arm && !(o->kind == core::OutcomeKind::Proportion && d.arm == o->arm)) {
    say(at(e, "arm"), o->kind == core::OutcomeKind::Proportion
                          ? "arm " + in_quotes(d.arm) + " is not the arm of outcome " + in_quotes(o->id)
                          : "attribute 'arm' applies to proportion measures only",
        e.where, o->kind == core::OutcomeKind::Proportion ? "its arm is " + in_quotes(o->arm) : "");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return d;
}

std::optional<std::string> read_bytes(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(bytes).str();
}

}  // namespace

std::optional<Review> read_review(std::string_view bytes, const std::string& file, const core::StudySet& studies,
                                  core::Diagnostics& diag) {
  core::Diagnostics found;
  const io::SourceText text(file, std::string(bytes));
  const auto doc = io::XmlDocument::parse(text, found);
  std::optional<Review> review;
  if (doc) review = Reader(*doc, studies, found).read();
  // Report in file order, as study files are (io::read_study).
  std::vector<core::Diagnostic> items = found.items();
  std::stable_sort(items.begin(), items.end(), [](const core::Diagnostic& a, const core::Diagnostic& b) {
    return std::pair(a.where.line, a.where.col) < std::pair(b.where.line, b.where.col);
  });
  for (auto& d : items) {
    if (d.severity == core::Severity::Error) diag.error(d.where, std::move(d.message));
    else diag.warning(d.where, std::move(d.message));
  }
  if (!review || found.has_errors()) return std::nullopt;
  review->sha256 = io::sha256_hex(bytes);
  return review;
}

std::optional<Review> read_review(const std::string& path, const core::StudySet& studies, core::Diagnostics& diag) {
  const auto bytes = read_bytes(path);
  if (!bytes) {
    std::error_code ec;
    diag.error({path, 0, 0}, std::filesystem::exists(path, ec) ? "cannot read the file" : "no such file or directory");
    return std::nullopt;
  }
  return read_review(*bytes, path, studies, diag);
}

std::vector<Review> read_reviews(const std::string& dir, const core::StudySet& studies, core::Diagnostics& diag) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    diag.error({dir, 0, 0}, fs::exists(dir, ec) ? "not a directory" : "no such file or directory");
    return {};
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.front() != '.' && entry.path().extension() == ".xml" && entry.is_regular_file(ec)) names.push_back(name);
  }
  if (ec) {
    diag.error({dir, 0, 0}, "cannot list the directory: " + ec.message());
    return {};
  }
  std::sort(names.begin(), names.end());
  std::vector<Review> out;
  for (const auto& name : names) {
    if (auto r = read_review((fs::path(dir) / name).generic_string(), studies, diag)) out.push_back(std::move(*r));
  }
  std::sort(out.begin(), out.end(), [](const Review& a, const Review& b) { return a.id < b.id; });
  return out;
}

std::string_view to_string(ModelChoice m) {
  switch (m) {
    case ModelChoice::Random: return "random";
    case ModelChoice::Common: return "common";
    case ModelChoice::Both: return "both";
  }
  return "?";
}

std::string_view to_string(ImplausiblePolicy p) {
  switch (p) {
    case ImplausiblePolicy::Include: return "include";
    case ImplausiblePolicy::Exclude: return "exclude";
    case ImplausiblePolicy::FloorSe: return "floor-se";
  }
  return "?";
}

}  // namespace metareview::review
