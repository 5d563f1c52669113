#include "io/study_parser.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/level.h"
#include "core/risk_of_bias.h"
#include "io/printed_number.h"
#include "io/xml_reader.h"

// Every rule here has its twin in studies/schema.xsd; docs/study-format.md lists the few the
// schema cannot express. Messages read "WHAT in WHERE (HINT)", WHERE naming the element from
// the inside out: `<arm ref="krd"> of outcome 'orr'`.

namespace metareview::io {
namespace {

using core::Number;
using core::Provenance;
using pugi::xml_attribute;
using pugi::xml_node;

const Names kDesigns = {"randomised-controlled-trial", "retrospective-cohort", "prospective-cohort",
                        "single-arm-trial",            "registry-cohort",      "pharmacokinetic-study",
                        "post-hoc-subgroup-analysis"};
const Names kRoles = {"experimental", "control", "single", "group"};
const Names kStatuses = {"verified", "secondary", "derived", "presumed", "unverified"};
const Names kSourceTypes = {"primary", "secondary"};
const Names kAnalyses = {"primary", "interim", "updated", "final", "post-hoc", "as-reported"};
const Names kTestKinds = {"chi2", "chi2-yates", "fisher", "t", "t-welch", "z", "mann-whitney-u", "mann-whitney-z", "logrank-chi2"};
const Names kSided = {"two", "one"};
const Names kBands = {"any", "1",   "2",   "3",   "4",   "5",   "1-2", "1-3",
                      "1-4", "1-5", "2-3", "2-4", "2-5", "3-4", "3-5", "4-5"};
const Names kHazardMeasures = {"HR"};
const Names kBinaryMeasures = {"OR", "RR", "IRR", "RD"};
const Names kPercentMeasures = {"percent"};
const Names kOutcomeKinds = {"time-to-event", "binary", "proportion", "continuous", "ordinal", "adverse-events", "generic"};
/// The metafor codes of the two-group scales a <generic> estimate may be on (ratios on the log scale).
const Names kGenericMeasures = {"GEN", "HR", "OR", "RR", "RD", "MD", "SMD"};
const Names kProvenance = {"source", "at", "status", "note"};

/// What a numeric attribute holds, as the schema's simple types: countType, positiveCountType,
/// decimalType, nonNegativeType, positiveType, percentType, levelType.
enum class Kind { Count, PositiveCount, Decimal, NonNegative, Positive, Percent, Level };
/// Where provenance is read: outcomes and study arms must name source and status; elements
/// inside an outcome inherit them and may override any, adding a note.
enum class ProvLevel { Outcome, Arm, Inner };

Names concat(Names a, const Names& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

class Parser;

/// An element of a study file: XmlElement's reading plus the study's ids, numbers and
/// provenance.
class Element : public XmlElement {
 public:
  Element(const Parser& parser, xml_node node, std::string where, Names attributes);

  /// An id inside a file: any one word ("3+"). Study and outcome ids are slugs (slug()).
  std::optional<std::string> word(std::string_view name) const;
  std::optional<Number> number(std::string_view name, Kind kind, Need need, const Provenance& prov) const;
  std::optional<core::PValue> p_value(std::string_view name, const Provenance& prov) const;
  std::optional<core::MedianBound> median_bound(std::string_view name, const Provenance& prov) const;
  /// Reads source, at, status and note over `inherited`. A new source clears the inherited
  /// `at`: "Table 2" of the paper says nothing about where a web page printed a number.
  Provenance provenance(const Provenance& inherited, ProvLevel level) const;

 private:
  /// `verified` is read in a primary source and `secondary` in a secondary one. Reported where
  /// the element sets the status or the source; an element inheriting both was judged above.
  void check_status_matches_source(const Provenance& prov) const;
  std::optional<Number> checked_number(std::string_view name, const std::string& value, Kind kind,
                                       const std::string& syntax, const Provenance& prov) const;

  const Parser& p_;
};

class Parser : public XmlReader {
 public:
  using XmlReader::XmlReader;

  core::Study parse();

  /// The decoded value of an attribute, or "" when absent (for descriptions and pre-scans).
  std::string attr(xml_node node, const char* name) const {
    const auto a = node.attribute(name);
    return a ? doc_.value(a) : std::string();
  }
  const std::vector<std::string>& source_ids() const { return source_ids_; }
  /// The type written on a source ("primary", "secondary"), or "" when it has none.
  std::string source_type(const std::string& id) const {
    const auto it = source_types_.find(id);
    return it == source_types_.end() ? std::string() : it->second;
  }

 private:
  // An element for WHERE: "outcome 'orr'" (XmlReader::tagged gives `<arm ref="krd">`).
  std::string named(xml_node node, std::string_view kind) const;

  /// Where the text of `node` starts (the element when it has none).
  core::SourceLocation text_location(xml_node node) const;

  void collect_ids(xml_node study);
  void read_year(xml_node node, core::Study& s);
  void read_design(xml_node node, core::Study& s);
  void read_authors(xml_node node, core::Study& s);
  void read_sources(xml_node node, core::Study& s);
  void read_arms(xml_node node, core::Study& s);
  void read_outcomes(xml_node node, core::Study& s);
  core::Outcome read_outcome(xml_node node);
  void read_risk_of_bias(xml_node node, core::Study& s);
  core::RobAssessment read_assessment(xml_node node, std::map<std::string, int>& assessed);
  /// A <domain> or <overall>: its judgment (one of `tool`'s), its support text, and its
  /// source and locator, inherited from the assessment (`inherited`) as numbers inherit
  /// provenance: a source of its own clears the inherited locator.
  core::RobJudgment read_judgment(const Element& e, const core::RobTool& tool, const core::RobJudgment& inherited);

  // Per kind: the outcome's own children.
  void read_time_to_event(const Element& e, core::Outcome& o);
  /// <binary> (`arms` = kMany) and <proportion> (`arms` = 1): arms with counts, an estimate.
  void read_counts(const Element& e, core::Outcome& o, int arms, const Names& measures, Kind kind);
  void read_continuous(const Element& e, core::Outcome& o);
  void read_ordinal(const Element& e, core::Outcome& o);
  void read_adverse_events(const Element& e, core::Outcome& o);
  /// <generic>: one <estimate yi se> on the scale of the outcome's measure.
  void read_generic(const Element& e, core::Outcome& o);
  /// <label> and <note>, shared by every kind; false for any other child.
  bool read_label_or_note(xml_node child, const Element& e, core::Outcome& o);

  core::Estimate read_estimate(xml_node node, const std::string& of, const Provenance& prov, const Names& measures,
                               Kind kind);
  core::ReportedTest read_test(xml_node node, const std::string& of, const Provenance& prov);
  void read_logrank(xml_node node, const std::string& of, core::Outcome& o);
  /// A <timepoint> (continuous) or an <event> (adverse events): an id and a label, then one
  /// <arm> for each compared arm, read by `read_arm`, and tests.
  template <typename Group, typename ReadArm>
  Group read_group(xml_node node, std::string_view kind, const Element& outcome, core::Outcome& o,
                   std::map<std::string, int>& seen, ReadArm read_arm);

  /// What every <arm ref> inside an outcome starts with: the element, its ref, its provenance.
  struct ArmHead {
    Element e;
    std::string ref;
    Provenance prov;
  };
  ArmHead arm_head(xml_node node, const std::string& of, const Provenance& inherited, const Names& attributes);
  core::ArmData read_count_arm(xml_node node, const std::string& of, const Provenance& prov);
  core::ArmData read_survival_arm(xml_node node, const std::string& of, const Provenance& prov);
  core::ArmData read_continuous_arm(xml_node node, const std::string& of, const Provenance& prov);
  core::ArmData read_ordinal_arm(xml_node node, const std::string& of, const Provenance& prov,
                                 const std::vector<std::string>& categories);
  core::AdverseEvent::ArmCounts read_adverse_arm(xml_node node, const std::string& of, const Provenance& prov);

  /// The <arm ref> children of one container (an outcome, a timepoint or an event): each
  /// names a study arm the outcome compares, once; with `all`, each compared arm has one.
  struct ArmRef {
    std::string ref;
    xml_node node;
  };
  void check_arm_refs(const core::Outcome& o, const std::vector<ArmRef>& refs, const Element& container, bool all);
  void check_arm_attribute(const Element& e, std::string_view name, const std::string& value);

  std::vector<std::string> source_ids_, arm_ids_, outcome_ids_;  // pre-scanned, so order mistakes do not cascade
  std::map<std::string, std::string> source_types_;
  std::map<std::string, int> outcome_lines_;
};

// ---- Element --------------------------------------------------------------------------------

Element::Element(const Parser& parser, xml_node node, std::string where, Names attributes)
    : XmlElement(parser, node, std::move(where), std::move(attributes)), p_(parser) {}

std::optional<std::string> Element::word(std::string_view name) const {
  const auto value = raw(name, Need::Required);
  if (!value) return std::nullopt;
  if (value->empty() || std::any_of(value->begin(), value->end(), is_blank)) {
    error(location(name), "invalid " + std::string(name) + " " + in_quotes(*value), "an id is one word without spaces");
    return std::nullopt;
  }
  return value;
}

std::optional<Number> Element::checked_number(std::string_view name, const std::string& value, Kind kind,
                                              const std::string& syntax, const Provenance& prov) const {
  const std::string n(name);
  const auto at = location(name);
  const bool count = kind == Kind::Count || kind == Kind::PositiveCount;
  const auto parsed = count ? parse_count(value) : parse_decimal(value);
  if (!parsed) {
    error(at, n + " " + in_quotes(value) + " is not " + syntax);
    return std::nullopt;
  }
  if (digit_count(value) > kMaxDigits) {
    error(at, n + " " + in_quotes(value) + " has more than " + std::to_string(kMaxDigits) + " digits");
    return std::nullopt;
  }
  const std::string shown = n + " (" + value + ")";
  const bool negative = parsed->negative;
  std::string problem;
  switch (kind) {
    case Kind::PositiveCount:
    case Kind::Positive:
      if (negative || parsed->value <= 0) problem = shown + " must be positive";
      break;
    case Kind::NonNegative:
      if (negative) problem = shown + " must not be negative";
      break;
    case Kind::Percent:
      if (negative || parsed->value > 100) problem = shown + " is outside [0, 100]";
      break;
    case Kind::Level:
      if (negative || !core::confidence_level_percent(parsed->value))
        problem = shown + " is not a confidence level: " + std::string(core::kLevelHint);
      break;
    case Kind::Count:
    case Kind::Decimal: break;
  }
  if (!problem.empty()) {
    error(at, problem);
    return std::nullopt;
  }
  // A level given as a proportion (0.95) is kept in percent, as every level is.
  const double v = kind == Kind::Level ? *core::confidence_level_percent(parsed->value) : parsed->value;
  return Number{v, value, parsed->decimals, prov, at};
}

std::optional<Number> Element::number(std::string_view name, Kind kind, Need need, const Provenance& prov) const {
  const auto value = raw(name, need);
  if (!value) return std::nullopt;
  const bool count = kind == Kind::Count || kind == Kind::PositiveCount;
  return checked_number(name, *value, kind, count ? "a count (a whole number such as 42)" : "a plain decimal number",
                        prov);
}

std::optional<core::PValue> Element::p_value(std::string_view name, const Provenance& prov) const {
  const auto value = raw(name, Need::Optional);
  if (!value) return std::nullopt;
  const auto at = location(name);
  const auto parsed = parse_p_value(*value);
  if (!parsed) {
    error(at, std::string(name) + " " + in_quotes(*value) + " is not a p-value",
          "a number in [0, 1], optionally after P and one of = < > <= >= \u2264 \u2265, as in P<0.001");
    return std::nullopt;
  }
  if (digit_count(*value) > kMaxDigits) {
    error(at, std::string(name) + " " + in_quotes(*value) + " has more than " + std::to_string(kMaxDigits) + " digits");
    return std::nullopt;
  }
  if (parsed->number.value > 1) {
    error(at, std::string(name) + " " + in_quotes(*value) + " is outside [0, 1]");
    return std::nullopt;
  }
  return core::PValue{parsed->relation, parsed->number.value, parsed->number.decimals, *value, prov, at};
}

std::optional<core::MedianBound> Element::median_bound(std::string_view name, const Provenance& prov) const {
  const auto value = raw(name, Need::Optional);
  if (!value) return std::nullopt;
  if (*value == "NR" || *value == "NE") return core::MedianBound{std::nullopt, *value, location(name)};
  auto number = checked_number(name, *value, Kind::NonNegative, "a number, NR or NE", prov);
  if (!number) return std::nullopt;
  return core::MedianBound{number, "", location(name)};
}

Provenance Element::provenance(const Provenance& inherited, ProvLevel level) const {
  Provenance out = inherited;
  const Need need = level == ProvLevel::Inner ? Need::Optional : Need::Required;
  if (const auto source = raw("source", need)) {
    const auto& known = p_.source_ids();
    if (std::find(known.begin(), known.end(), *source) == known.end())
      error(location("source"), "source names unknown source " + in_quotes(*source), "sources: " + join(known));
    out.source = *source;
    out.at.clear();
  }
  if (const auto at = text("at", Need::Optional)) out.at = *at;
  if (const auto status = choice("status", kStatuses, need)) {
    out.status = *core::parse_status(*status);
  }
  check_status_matches_source(out);
  if (level != ProvLevel::Outcome) {
    if (const auto note = text("note", Need::Optional)) out.note = *note;
  }
  return out;
}

void Element::check_status_matches_source(const Provenance& prov) const {
  if (!has("status") && !has("source")) return;
  const std::string type = p_.source_type(prov.source);
  const auto at = location(has("status") ? "status" : "source");
  if (prov.status == core::Status::Verified && type == "secondary")
    error(at, "status 'verified' needs a primary source, but source " + in_quotes(prov.source) + " is secondary",
          "use status=\"secondary\" for a number printed in a secondary source");
  else if (prov.status == core::Status::Secondary && type == "primary")
    error(at, "status 'secondary' names the primary source " + in_quotes(prov.source),
          "use status=\"verified\" for a number printed in the primary publication");
}

// ---- Parser: structure ------------------------------------------------------------------------

std::string Parser::named(xml_node node, std::string_view kind) const {
  if (!node.attribute("id")) return std::string("<") + node.name() + '>';
  return std::string(kind) + " " + in_quotes(attr(node, "id"));
}

core::SourceLocation Parser::text_location(xml_node node) const {
  for (const xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) return doc_.location(child);
  }
  return doc_.location(node);
}

// ---- Parser: the study -------------------------------------------------------------------------

void Parser::collect_ids(xml_node study) {
  const auto collect = [&](const char* container, const char* item, std::vector<std::string>& ids) {
    for (const xml_node list : study.children(container)) {
      for (const xml_node node : list.children(item)) {
        const std::string id = attr(node, "id");
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    }
  };
  collect("sources", "source", source_ids_);
  for (const xml_node list : study.children("sources")) {
    for (const xml_node node : list.children("source")) source_types_.emplace(attr(node, "id"), attr(node, "type"));
  }
  collect("arms", "arm", arm_ids_);
  for (const xml_node list : study.children("outcomes"))
    for (const xml_node node : list.children()) {
      const std::string id = attr(node, "id");
      if (node.type() == pugi::node_element && !id.empty() &&
          std::find(outcome_ids_.begin(), outcome_ids_.end(), id) == outcome_ids_.end())
        outcome_ids_.push_back(id);
    }
}

core::Study Parser::parse() {
  core::Study s;
  s.file = doc_.source().file();
  const xml_node root = XmlReader::root("study");
  if (!root) return s;
  collect_ids(root);
  const Element st(*this, root, "<study>", {"id", "format"});
  s.where = st.location();
  if (const auto id = st.slug("id", "candor-2020")) {
    s.id = *id;
    check_file_name(st, "study", s.id);
  }
  check_format(st);

  static const std::pair<std::string_view, std::string core::Study::*> kTexts[] = {
      {"trial", &core::Study::trial},
      {"title", &core::Study::title},
      {"journal", &core::Study::journal},
      {"citation", &core::Study::citation},
      {"doi", &core::Study::doi},
      {"pmid", &core::Study::pmid},
      {"registration", &core::Study::registration},
      {"population", &core::Study::population},
      {"renal-criteria", &core::Study::renal_criteria},
      {"follow-up", &core::Study::follow_up},
      {"note", &core::Study::note},
  };
  const auto kids = st.children({{"trial", 1, 1},
                                 {"title", 1, 1},
                                 {"authors", 1, 1},
                                 {"journal", 1, 1},
                                 {"year", 1, 1},
                                 {"citation"},
                                 {"doi"},
                                 {"pmid"},
                                 {"registration"},
                                 {"design", 1, 1},
                                 {"population", 1, 1},
                                 {"renal-criteria"},
                                 {"follow-up"},
                                 {"note"},
                                 {"sources", 1, 1},
                                 {"arms", 1, 1},
                                 {"outcomes", 1, 1},
                                 {"risk-of-bias"}});
  for (const xml_node c : kids) {
    const std::string_view name = c.name();
    if (name == "authors") read_authors(c, s);
    else if (name == "year") read_year(c, s);
    else if (name == "design") read_design(c, s);
    else if (name == "sources") read_sources(c, s);
    else if (name == "arms") read_arms(c, s);
    else if (name == "outcomes") read_outcomes(c, s);
    else if (name == "risk-of-bias") read_risk_of_bias(c, s);
    for (const auto& [tag, member] : kTexts) {
      if (tag != name) continue;
      if (const auto t = text_element(c, std::string("<") + c.name() + '>')) s.*member = *t;
    }
  }
  return s;
}

void Parser::read_year(xml_node node, core::Study& s) {
  const Element e(*this, node, "<year>", {});
  const auto raw = e.raw_text();
  if (!raw) return;
  if (raw->size() == 4 && std::all_of(raw->begin(), raw->end(), [](char c) { return c >= '0' && c <= '9'; }))
    s.year = std::stoi(*raw);
  else
    e.error(text_location(node), "year " + in_quotes(*raw) + " is not a four-digit year");
}

void Parser::read_design(xml_node node, core::Study& s) {
  const Element e(*this, node, "<design>", {"phase", "note"});
  if (const auto raw = e.raw_text()) {
    if (contains(kDesigns, *raw))
      s.design = *raw;
    else
      e.error(text_location(node), "invalid design " + in_quotes(*raw), "valid: " + join(kDesigns));
  }
  if (const auto phase = e.text("phase", Need::Optional)) s.phase = *phase;
  if (const auto note = e.text("note", Need::Optional)) s.design_note = *note;
}

void Parser::read_authors(xml_node node, core::Study& s) {
  const Element e(*this, node, "<authors>", {});
  for (const xml_node c : e.children({{"author", 1, kMany}})) {
    if (const auto t = text_element(c, "<author>")) s.authors.push_back(*t);
  }
}

void Parser::read_sources(xml_node node, core::Study& s) {
  const Element e(*this, node, "<sources>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"source", 1, kMany}})) {
    const Element src(*this, c, named(c, "source"), {"id", "type", "url", "note"});
    core::Source out;
    out.where = src.location();
    if (const auto id = src.word("id")) {
      out.id = *id;
      unique(seen, *id, src.location("id"), "source id " + in_quotes(*id), e.where());
    }
    if (const auto type = src.choice("type", kSourceTypes, Need::Required)) out.type = *core::parse_source_type(*type);
    if (const auto url = src.text("url", Need::Optional)) out.url = *url;
    if (const auto note = src.text("note", Need::Optional)) out.note = *note;
    if (const auto citation = src.content()) out.citation = *citation;
    s.sources.push_back(std::move(out));
  }
}

void Parser::read_arms(xml_node node, core::Study& s) {
  const Element e(*this, node, "<arms>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"arm", 1, kMany}})) {
    const Element a(*this, c, named(c, "arm"),
                    concat({"id", "label", "role", "randomised", "analysed"}, kProvenance));
    core::Arm arm;
    arm.where = a.location();
    if (const auto id = a.word("id")) {
      arm.id = *id;
      unique(seen, *id, a.location("id"), "arm id " + in_quotes(*id), e.where());
    }
    if (const auto label = a.text("label", Need::Required)) arm.label = *label;
    if (const auto role = a.choice("role", kRoles, Need::Required)) arm.role = *role;
    const Provenance prov = a.provenance({}, ProvLevel::Arm);
    arm.randomised = a.number("randomised", Kind::PositiveCount, Need::Optional, prov);
    arm.analysed = a.number("analysed", Kind::PositiveCount, Need::Optional, prov);
    for (const xml_node r : a.children({{"regimen", 1, 1}})) {
      if (const auto t = text_element(r, "<regimen> of " + a.where())) arm.regimen = *t;
    }
    s.arms.push_back(std::move(arm));
  }
}

void Parser::read_outcomes(xml_node node, core::Study& s) {
  const Element e(*this, node, "<outcomes>", {});
  std::vector<Particle> kinds;
  for (const auto kind : kOutcomeKinds) kinds.push_back({kind, 0, kMany});
  const auto kids = e.children(kinds, Order::Any);
  if (kids.empty()) e.error(e.location(), "missing outcome", "expected at least one of " + join(kOutcomeKinds));
  for (const xml_node c : kids) s.outcomes.push_back(read_outcome(c));
}

// ---- Parser: risk of bias ----------------------------------------------------------------------

void Parser::read_risk_of_bias(xml_node node, core::Study& s) {
  const Element e(*this, node, "<risk-of-bias>", {});
  std::map<std::string, int> assessed;  // outcome id -> line of the assessment that covers it
  for (const xml_node c : e.children({{"assessment", 1, kMany}}))
    s.risk_of_bias.push_back(read_assessment(c, assessed));
}

core::RobAssessment Parser::read_assessment(xml_node node, std::map<std::string, int>& assessed) {
  static const Names kTools = [] {
    Names codes;
    for (const core::RobTool& t : core::rob_tools()) codes.push_back(t.code);
    return codes;
  }();
  const Element e(*this, node, tagged(node, "tool") + " of <risk-of-bias>",
                  {"tool", "outcomes", "assessor", "date", "source", "locator"});
  core::RobAssessment a;
  a.where = e.location();
  const auto code = e.choice("tool", kTools, Need::Required);
  if (code) a.tool = *code;
  if (const auto assessor = e.text("assessor", Need::Required)) a.assessor = *assessor;
  // No date means not recorded: an import writes none when its source stamps none.
  if (const auto date = e.raw("date", Need::Optional)) {
    if (core::is_iso_date(*date))
      a.date = *date;
    else
      e.error(e.location("date"), "date " + in_quotes(*date) + " is not a calendar date", "write YYYY-MM-DD");
  }
  core::RobJudgment inherited;
  if (const auto src = e.raw("source", Need::Optional)) {
    if (std::find(source_ids_.begin(), source_ids_.end(), *src) == source_ids_.end())
      e.error(e.location("source"), "source names unknown source " + in_quotes(*src), "sources: " + join(source_ids_));
    inherited.source = *src;
  }
  if (const auto l = e.text("locator", Need::Optional)) inherited.locator = *l;
  // Every outcome of the file when `outcomes` is absent.
  std::vector<std::string> covered = outcome_ids_;
  if (const auto list = e.text("outcomes", Need::Optional)) {
    covered.clear();
    std::string word;
    for (std::size_t i = 0; i <= list->size(); ++i) {
      if (i < list->size() && (*list)[i] != ' ') {
        word += (*list)[i];
        continue;
      }
      if (word.empty()) continue;
      if (std::find(outcome_ids_.begin(), outcome_ids_.end(), word) == outcome_ids_.end())
        e.error(e.location("outcomes"), "outcomes names unknown outcome " + in_quotes(word),
                "outcomes: " + join(outcome_ids_));
      else
        covered.push_back(word);
      a.outcomes.push_back(word);
      word.clear();
    }
  }
  for (const std::string& id : covered)
    unique(assessed, id, e.location("outcomes"), "assessment of outcome " + in_quotes(id), e.where());

  const core::RobTool* tool = code ? core::find_rob_tool(*code) : nullptr;
  if (!tool) return a;  // the tool says what the content must be: nothing more to check
  if (!a.applicable()) {
    // The reason it does not apply, as the element's text.
    a.overall = inherited;
    a.overall.where = e.location();
    if (const auto reason = e.content()) a.overall.support = *reason;
    return a;
  }
  std::map<std::string, int> seen;
  std::size_t next = 0;  // index in tool->domains of the domain expected next
  for (const xml_node c : e.children({{"domain", 0, kMany}, {"overall", tool->overall_required ? 1 : 0, 1}})) {
    if (std::string_view(c.name()) == "overall") {
      const Element o(*this, c, "<overall> of " + e.where(), {"judgment", "source", "locator"});
      a.overall = read_judgment(o, *tool, inherited);
      continue;
    }
    const Element d(*this, c, tagged(c, "id") + " of " + e.where(), {"id", "judgment", "source", "locator"});
    const auto id = d.raw("id", Need::Required);
    if (!id) continue;
    const auto& domains = tool->domains;
    const auto found = std::find_if(domains.begin(), domains.end(), [&](const core::RobDomain& x) { return x.id == *id; });
    Names ids;
    for (const core::RobDomain& x : domains) ids.push_back(x.id);
    const std::string order = std::string(tool->name) + " domains, in order: " + join(ids);
    if (found == domains.end()) {
      d.error(d.location("id"), "invalid domain " + in_quotes(*id) + " for tool " + in_quotes(tool->code), order);
      continue;
    }
    if (!unique(seen, *id, d.location("id"), "domain " + in_quotes(*id), e.where())) continue;
    const auto index = static_cast<std::size_t>(found - domains.begin());
    if (index < next) d.error(d.location("id"), "domain " + in_quotes(*id) + " out of order", order);
    next = std::max(next, index + 1);
    core::RobJudgment j = read_judgment(d, *tool, inherited);
    j.domain = *id;
    a.domains.push_back(std::move(j));
  }
  if (a.domains.empty() && a.overall.where.line == 0 && !tool->overall_required)
    e.error(e.location(), "missing <domain>", "judge at least one " + std::string(tool->name) + " domain");
  // One report for an assessment whose judgments lack a source, not one per judgment.
  const auto sourced = [](const core::RobJudgment& j) { return !j.source.empty(); };
  const bool overall_unsourced = a.overall.where.line > 0 && !sourced(a.overall);  // a missing one is reported
  if (inherited.source.empty() && (overall_unsourced || !std::all_of(a.domains.begin(), a.domains.end(), sourced)))
    e.error(e.location(), "missing attribute 'source'", "required unless every <domain> and the <overall> name their own");
  for (const core::RobDomain& x : tool->domains) {
    if (seen.count(std::string(x.id))) continue;
    if (!tool->every_domain) {
      // RoB 1: a domain left out is no information; kept as an unjudged entry so that every
      // reader finds the tool's domains at their index.
      core::RobJudgment none = inherited;
      none.domain = std::string(x.id);
      none.where = e.location();
      a.domains.push_back(std::move(none));
      continue;
    }
    Names ids;
    for (const core::RobDomain& y : tool->domains) ids.push_back(y.id);
    e.error(e.location(), "missing <domain id=\"" + std::string(x.id) + "\">",
            "one per " + std::string(tool->name) + " domain, in order: " + join(ids));
  }
  // Reordered into the tool's order so that readers never depend on the file's.
  std::stable_sort(a.domains.begin(), a.domains.end(), [&](const core::RobJudgment& l, const core::RobJudgment& r) {
    const auto pos = [&](const std::string& id) {
      return std::find_if(tool->domains.begin(), tool->domains.end(), [&](const core::RobDomain& x) { return x.id == id; });
    };
    return pos(l.domain) < pos(r.domain);
  });
  return a;
}

core::RobJudgment Parser::read_judgment(const Element& e, const core::RobTool& tool, const core::RobJudgment& inherited) {
  core::RobJudgment j = inherited;
  j.where = e.location();
  if (const auto judgment = e.choice("judgment", tool.judgments, Need::Required)) j.judgment = *judgment;
  if (const auto own = e.raw("source", Need::Optional)) {
    if (std::find(source_ids_.begin(), source_ids_.end(), *own) == source_ids_.end())
      e.error(e.location("source"), "source names unknown source " + in_quotes(*own), "sources: " + join(source_ids_));
    j.source = *own;
    j.locator.clear();
  }
  if (const auto locator = e.text("locator", Need::Optional)) j.locator = *locator;
  if (const auto raw = e.raw_text()) {
    j.support = collapse(*raw);
    if (j.support.empty()) e.error(e.location(), "missing support text", "say what the judgment rests on");
  }
  return j;
}

void Parser::check_arm_attribute(const Element& e, std::string_view name, const std::string& value) {
  if (std::find(arm_ids_.begin(), arm_ids_.end(), value) == arm_ids_.end())
    e.error(e.location(name), std::string(name) + " names unknown arm " + in_quotes(value), "arms: " + join(arm_ids_));
}

core::Outcome Parser::read_outcome(xml_node node) {
  const std::string_view kind = node.name();
  const bool proportion = kind == "proportion";
  Names attributes = {"id", "endpoint", "analysis", "timepoint", "subgroup", "unit", "baseline"};
  attributes = concat(attributes, proportion ? Names{"arm"} : Names{"experimental", "control"});
  if (kind == "adverse-events") attributes.push_back("grading");
  if (kind == "generic") attributes.push_back("measure");
  attributes = concat(attributes, {"source", "at", "status"});
  const Element e(*this, node, named(node, "outcome"), attributes);

  core::Outcome o;
  o.where = e.location();
  if (const auto id = e.slug("id", "candor-2020")) {
    o.id = *id;
    unique(outcome_lines_, *id, e.location("id"), "outcome id " + in_quotes(*id), "<outcomes>");
  }
  if (const auto endpoint = e.text("endpoint", Need::Required)) o.endpoint = *endpoint;
  if (const auto analysis = e.choice("analysis", kAnalyses, Need::Optional)) o.analysis = *analysis;
  if (const auto timepoint = e.text("timepoint", Need::Optional)) o.timepoint = *timepoint;
  if (const auto subgroup = e.text("subgroup", Need::Optional)) o.subgroup = *subgroup;
  if (const auto unit = e.text("unit", Need::Optional)) o.unit = *unit;
  if (const auto baseline = e.flag("baseline")) o.baseline = *baseline;
  if (proportion) {
    if (const auto arm = e.raw("arm", Need::Required)) {
      o.arm = *arm;
      check_arm_attribute(e, "arm", *arm);
    }
  } else {
    // A time-to-event outcome may describe arms without comparing them (a median duration
    // of response in a single-arm trial); every other kind compares two arms.
    const Need need = kind == "time-to-event" ? Need::Optional : Need::Required;
    if (const auto experimental = e.raw("experimental", need)) {
      o.experimental = *experimental;
      check_arm_attribute(e, "experimental", *experimental);
    }
    if (const auto control = e.raw("control", need)) {
      o.control = *control;
      check_arm_attribute(e, "control", *control);
    }
    if (e.has("experimental") && e.has("control") && o.experimental == o.control)
      e.error(e.location("control"), "experimental and control are the same arm " + in_quotes(o.control));
  }
  if (kind == "adverse-events") {
    if (const auto grading = e.text("grading", Need::Optional)) o.grading = *grading;
  }
  if (kind == "generic") {
    if (const auto measure = e.choice("measure", kGenericMeasures, Need::Required)) o.measure = *measure;
  }
  o.prov = e.provenance({}, ProvLevel::Outcome);

  if (kind == "time-to-event") {
    o.kind = core::OutcomeKind::TimeToEvent;
    read_time_to_event(e, o);
  } else if (kind == "binary") {
    o.kind = core::OutcomeKind::Binary;
    read_counts(e, o, kMany, kBinaryMeasures, Kind::Decimal);
  } else if (proportion) {
    o.kind = core::OutcomeKind::Proportion;
    read_counts(e, o, 1, kPercentMeasures, Kind::Percent);
  } else if (kind == "continuous") {
    o.kind = core::OutcomeKind::Continuous;
    read_continuous(e, o);
  } else if (kind == "ordinal") {
    o.kind = core::OutcomeKind::Ordinal;
    read_ordinal(e, o);
  } else if (kind == "generic") {
    o.kind = core::OutcomeKind::Generic;
    read_generic(e, o);
  } else {
    o.kind = core::OutcomeKind::AdverseEvents;
    read_adverse_events(e, o);
  }
  return o;
}

// ---- Parser: outcomes -----------------------------------------------------------------------------

bool Parser::read_label_or_note(xml_node child, const Element& e, core::Outcome& o) {
  const std::string_view name = child.name();
  if (name != "label" && name != "note") return false;
  if (const auto t = text_element(child, std::string("<") + child.name() + "> of " + e.where()))
    (name == "label" ? o.label : o.note) = *t;
  return true;
}

void Parser::check_arm_refs(const core::Outcome& o, const std::vector<ArmRef>& refs, const Element& container,
                            bool all) {
  std::map<std::string, int> seen;
  for (const auto& r : refs) {
    const xml_attribute ref = r.node.attribute("ref");
    if (!ref) continue;  // reported as a missing attribute
    const auto at = doc_.location(ref);
    const std::string where = tagged(r.node, "ref") + " of " + container.where();
    const auto [it, fresh] = seen.emplace(r.ref, at.line);
    if (std::find(arm_ids_.begin(), arm_ids_.end(), r.ref) == arm_ids_.end())
      say(at, "ref names unknown arm " + in_quotes(r.ref), where, "arms: " + join(arm_ids_));
    else if (!o.arm.empty() && r.ref != o.arm)
      say(at, "ref " + in_quotes(r.ref) + " is not the outcome's arm (" + in_quotes(o.arm) + ")", where, "");
    else if (!o.experimental.empty() && !o.control.empty() && r.ref != o.experimental && r.ref != o.control)
      say(at,
          "ref " + in_quotes(r.ref) + " is neither the experimental (" + in_quotes(o.experimental) + ") nor the control (" +
              in_quotes(o.control) + ") arm",
          where, "");
    else if (!fresh)
      say(at, "duplicate " + tagged(r.node, "ref"), container.where(), "first at line " + std::to_string(it->second));
  }
  if (!all) return;
  const std::pair<const char*, const std::string*> roles[] = {
      {"the experimental arm", &o.experimental}, {"the control arm", &o.control}, {"the outcome's arm", &o.arm}};
  for (const auto& [role, id] : roles) {
    const bool known = std::find(arm_ids_.begin(), arm_ids_.end(), *id) != arm_ids_.end();
    if (!id->empty() && known && !seen.count(*id))
      container.error(container.location(), "missing <arm ref=\"" + *id + "\">", role);
  }
}

void Parser::read_time_to_event(const Element& e, core::Outcome& o) {
  const bool has_experimental = e.has("experimental"), has_control = e.has("control");
  if (has_experimental != has_control)
    e.error(e.location(), std::string("missing attribute ") + (has_experimental ? "'control'" : "'experimental'"),
            std::string("required with ") + (has_experimental ? "experimental" : "control"));
  bool needs_arms = false;  // an HR or O-E compares two arms
  std::vector<ArmRef> refs;
  for (const xml_node c :
       e.children({{"label"}, {"estimate"}, {"test", 0, kMany}, {"logrank-oe"}, {"arm", 0, kMany}, {"note"}})) {
    const std::string_view name = c.name();
    if (read_label_or_note(c, e, o)) continue;
    if (name == "estimate") {
      o.estimate = read_estimate(c, e.where(), o.prov, kHazardMeasures, Kind::Positive);
      needs_arms = true;
    } else if (name == "test") {
      o.tests.push_back(read_test(c, e.where(), o.prov));
    } else if (name == "logrank-oe") {
      read_logrank(c, e.where(), o);
      needs_arms = true;
    } else {
      o.arms.push_back(read_survival_arm(c, e.where(), o.prov));
      refs.push_back({o.arms.back().arm, c});
    }
  }
  if (needs_arms && !has_experimental && !has_control)
    e.error(e.location(), "missing attributes 'experimental' and 'control'", "required with <estimate> or <logrank-oe>");
  check_arm_refs(o, refs, e, false);
}

void Parser::read_counts(const Element& e, core::Outcome& o, int arms, const Names& measures, Kind kind) {
  std::vector<ArmRef> refs;
  for (const xml_node c : e.children({{"label"}, {"arm", 1, arms}, {"estimate"}, {"test", 0, kMany}, {"note"}})) {
    const std::string_view name = c.name();
    if (read_label_or_note(c, e, o)) continue;
    if (name == "arm") {
      o.arms.push_back(read_count_arm(c, e.where(), o.prov));
      refs.push_back({o.arms.back().arm, c});
    } else if (name == "estimate") {
      o.estimate = read_estimate(c, e.where(), o.prov, measures, kind);
    } else {
      o.tests.push_back(read_test(c, e.where(), o.prov));
    }
  }
  check_arm_refs(o, refs, e, true);
}

template <typename Group, typename ReadArm>
Group Parser::read_group(xml_node node, std::string_view kind, const Element& outcome, core::Outcome& o,
                         std::map<std::string, int>& seen, ReadArm read_arm) {
  constexpr bool kEvent = std::is_same_v<Group, core::AdverseEvent>;
  const Element g(*this, node, named(node, kind) + " of " + outcome.where(),
                  concat(kEvent ? Names{"id", "label", "category"} : Names{"id", "label"}, kProvenance));
  Group out;
  out.where = g.location();
  if (const auto id = g.word("id")) {
    out.id = *id;
    unique(seen, *id, g.location("id"), std::string(kind) + " id " + in_quotes(*id), outcome.where());
  }
  if (const auto label = g.text("label", Need::Required)) out.label = *label;
  if constexpr (kEvent) {
    if (const auto category = g.text("category", Need::Optional)) out.category = *category;
  }
  const Provenance prov = g.provenance(o.prov, ProvLevel::Inner);
  std::vector<ArmRef> refs;
  for (const xml_node k : g.children({{"arm", 1, kMany}, {"test", 0, kMany}})) {
    if (std::string_view(k.name()) == "arm") {
      out.arms.push_back((this->*read_arm)(k, g.where(), prov));
      refs.push_back({out.arms.back().arm, k});
    } else {
      out.tests.push_back(read_test(k, g.where(), prov));
    }
  }
  check_arm_refs(o, refs, g, true);
  return out;
}

void Parser::read_continuous(const Element& e, core::Outcome& o) {
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"label"}, {"timepoint", 1, kMany}, {"note"}})) {
    if (read_label_or_note(c, e, o)) continue;
    o.timepoints.push_back(read_group<core::Timepoint>(c, "timepoint", e, o, seen, &Parser::read_continuous_arm));
  }
}

void Parser::read_ordinal(const Element& e, core::Outcome& o) {
  const auto kids = e.children({{"label"}, {"category", 1, kMany}, {"arm", 1, kMany}, {"test", 0, kMany}, {"note"}});
  // Categories first, wherever they are, so that a misplaced one is reported once.
  std::map<std::string, int> seen;
  for (const xml_node c : kids) {
    if (std::string_view(c.name()) != "category") continue;
    const Element k(*this, c, named(c, "category") + " of " + e.where(), {"id", "label"});
    k.no_children();
    const auto id = k.word("id");
    const auto label = k.text("label", Need::Required);
    if (id && unique(seen, *id, k.location("id"), "category id " + in_quotes(*id), e.where())) {
      o.categories.push_back(*id);
      if (label) o.category_labels[*id] = *label;
    }
  }
  std::vector<ArmRef> refs;
  for (const xml_node c : kids) {
    const std::string_view name = c.name();
    if (name == "category" || read_label_or_note(c, e, o)) continue;
    if (name == "arm") {
      o.arms.push_back(read_ordinal_arm(c, e.where(), o.prov, o.categories));
      refs.push_back({o.arms.back().arm, c});
    } else {
      o.tests.push_back(read_test(c, e.where(), o.prov));
    }
  }
  check_arm_refs(o, refs, e, true);
}

void Parser::read_adverse_events(const Element& e, core::Outcome& o) {
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"label"}, {"event", 1, kMany}, {"note"}})) {
    if (read_label_or_note(c, e, o)) continue;
    o.adverse_events.push_back(read_group<core::AdverseEvent>(c, "event", e, o, seen, &Parser::read_adverse_arm));
  }
}

void Parser::read_generic(const Element& e, core::Outcome& o) {
  for (const xml_node c : e.children({{"label"}, {"estimate", 1, 1}, {"note"}})) {
    if (read_label_or_note(c, e, o)) continue;
    const Element est(*this, c, "<estimate> of " + e.where(), concat({"yi", "se"}, kProvenance));
    est.no_children();
    const Provenance p = est.provenance(o.prov, ProvLevel::Inner);
    o.yi = est.number("yi", Kind::Decimal, Need::Required, p);
    o.se = est.number("se", Kind::Positive, Need::Required, p);
  }
}

// ---- Parser: elements inside outcomes ------------------------------------------------------------

core::Estimate Parser::read_estimate(xml_node node, const std::string& of, const Provenance& prov,
                                     const Names& measures, Kind kind) {
  const Element e(*this, node, tagged(node, "measure") + " of " + of,
                  concat({"measure", "value", "ci-lb", "ci-ub", "level", "adjusted"}, kProvenance));
  e.no_children();
  core::Estimate est;
  est.where = e.location();
  if (const auto measure = e.choice("measure", measures, Need::Required)) est.measure = *measure;
  const Provenance p = e.provenance(prov, ProvLevel::Inner);
  auto value = e.number("value", kind, Need::Required, p);
  est.ci_lb = e.number("ci-lb", kind, Need::Optional, p);
  est.ci_ub = e.number("ci-ub", kind, Need::Optional, p);
  if (const auto level = e.number("level", Kind::Level, Need::Optional, p)) est.level = level->value;
  if (const auto adjusted = e.flag("adjusted")) est.adjusted = *adjusted;
  if (e.has("ci-lb") != e.has("ci-ub"))
    e.error(e.location(), std::string("missing attribute ") + (e.has("ci-lb") ? "'ci-ub'" : "'ci-lb'"),
            std::string("required with ") + (e.has("ci-lb") ? "ci-lb" : "ci-ub"));
  // OR, RR and IRR are ratios as HR is, but the schema cannot tie a type to the measure.
  if (est.measure == "OR" || est.measure == "RR" || est.measure == "IRR") {
    const std::pair<const char*, std::optional<Number>*> parts[] = {
        {"value", &value}, {"ci-lb", &est.ci_lb}, {"ci-ub", &est.ci_ub}};
    for (const auto& [name, number] : parts) {
      if (*number && ((*number)->value <= 0 || (*number)->printed.front() == '-')) {
        e.error((*number)->where, std::string(name) + " (" + (*number)->printed + ") must be positive");
        number->reset();
      }
    }
  }
  const auto& lb = est.ci_lb;
  const auto& ub = est.ci_ub;
  if (lb && ub && lb->value > ub->value)
    e.error(lb->where, "ci-lb (" + lb->printed + ") exceeds ci-ub (" + ub->printed + ")");
  else if (lb && ub && value && (value->value < lb->value || value->value > ub->value))
    e.error(value->where, "value (" + value->printed + ") is outside its CI [" + lb->printed + ", " + ub->printed + "]");
  if (value) est.value = *value;
  return est;
}

core::ReportedTest Parser::read_test(xml_node node, const std::string& of, const Provenance& prov) {
  const Element e(*this, node, tagged(node, "kind") + " of " + of,
                  concat({"kind", "statistic", "df", "p", "sided"}, kProvenance));
  e.no_children();
  core::ReportedTest t;
  t.where = e.location();
  if (const auto kind = e.choice("kind", kTestKinds, Need::Required)) t.kind = *kind;
  const Provenance p = e.provenance(prov, ProvLevel::Inner);
  t.statistic = e.number("statistic", Kind::Decimal, Need::Optional, p);
  if (const auto df = e.number("df", Kind::Positive, Need::Optional, p)) t.df = df->value;
  t.p = e.p_value("p", p);
  if (const auto sided = e.choice("sided", kSided, Need::Optional)) t.sided = *sided;
  if (!e.has("statistic") && !e.has("p")) e.error(e.location(), "missing attribute 'statistic' or 'p'");
  return t;
}

void Parser::read_logrank(xml_node node, const std::string& of, core::Outcome& o) {
  const Element e(*this, node, "<logrank-oe> of " + of, concat({"o-minus-e", "variance"}, kProvenance));
  e.no_children();
  const Provenance p = e.provenance(o.prov, ProvLevel::Inner);
  o.o_minus_e = e.number("o-minus-e", Kind::Decimal, Need::Required, p);
  o.v = e.number("variance", Kind::Positive, Need::Required, p);
}

Parser::ArmHead Parser::arm_head(xml_node node, const std::string& of, const Provenance& inherited,
                                 const Names& attributes) {
  ArmHead head{Element(*this, node, tagged(node, "ref") + " of " + of, concat(attributes, kProvenance)), "", {}};
  if (const auto ref = head.e.raw("ref", Need::Required)) head.ref = *ref;
  head.prov = head.e.provenance(inherited, ProvLevel::Inner);
  return head;
}

core::ArmData Parser::read_count_arm(xml_node node, const std::string& of, const Provenance& prov) {
  const auto [a, ref, p] = arm_head(node, of, prov, {"ref", "events", "total", "percent"});
  a.no_children();
  core::ArmData d;
  d.where = a.location();
  d.arm = ref;
  d.events = a.number("events", Kind::Count, Need::Optional, p);
  d.total = a.number("total", Kind::PositiveCount, Need::Optional, p);
  d.percent = a.number("percent", Kind::Percent, Need::Optional, p);
  if (a.has("events") && !a.has("total")) a.error(a.location(), "missing attribute 'total'", "required with events");
  if (!a.has("events") && !a.has("percent")) a.error(a.location(), "missing attribute 'events' or 'percent'");
  if (d.events && d.total && d.events->value > d.total->value)
    a.error(d.events->where, "events (" + d.events->printed + ") exceed total (" + d.total->printed + ")");
  return d;
}

core::ArmData Parser::read_survival_arm(xml_node node, const std::string& of, const Provenance& prov) {
  const auto [a, ref, p] = arm_head(node, of, prov, {"ref", "events", "n", "median", "median-ci-lb", "median-ci-ub"});
  a.no_children();
  core::ArmData d;
  d.where = a.location();
  d.arm = ref;
  d.events = a.number("events", Kind::Count, Need::Optional, p);
  d.n = a.number("n", Kind::PositiveCount, Need::Optional, p);
  d.median = a.number("median", Kind::NonNegative, Need::Optional, p);
  d.median_ci_lb = a.median_bound("median-ci-lb", p);
  d.median_ci_ub = a.median_bound("median-ci-ub", p);
  if (d.events && d.n && d.events->value > d.n->value)
    a.error(d.events->where, "events (" + d.events->printed + ") exceed n (" + d.n->printed + ")");
  const Number* lb = d.median_ci_lb && d.median_ci_lb->number ? &*d.median_ci_lb->number : nullptr;
  const Number* ub = d.median_ci_ub && d.median_ci_ub->number ? &*d.median_ci_ub->number : nullptr;
  const auto shown = [](const std::optional<core::MedianBound>& b) {
    return b->number ? b->number->printed : b->literal;
  };
  if (lb && ub && lb->value > ub->value) {
    a.error(lb->where, "median-ci-lb (" + lb->printed + ") exceeds median-ci-ub (" + ub->printed + ")");
  } else if (d.median && d.median_ci_lb && d.median_ci_ub &&
             ((lb && d.median->value < lb->value) || (ub && d.median->value > ub->value))) {
    a.error(d.median->where, "median (" + d.median->printed + ") is outside its CI [" + shown(d.median_ci_lb) + ", " +
                                 shown(d.median_ci_ub) + "]");
  }
  return d;
}

core::ArmData Parser::read_continuous_arm(xml_node node, const std::string& of, const Provenance& prov) {
  const auto [a, ref, p] = arm_head(node, of, prov, {"ref", "mean", "sd", "n", "min", "max"});
  a.no_children();
  core::ArmData d;
  d.where = a.location();
  d.arm = ref;
  d.mean = a.number("mean", Kind::Decimal, Need::Required, p);
  d.sd = a.number("sd", Kind::NonNegative, Need::Optional, p);
  d.n = a.number("n", Kind::PositiveCount, Need::Required, p);
  d.min = a.number("min", Kind::Decimal, Need::Optional, p);
  d.max = a.number("max", Kind::Decimal, Need::Optional, p);
  if (d.min && d.max && d.min->value > d.max->value)
    a.error(d.min->where, "min (" + d.min->printed + ") exceeds max (" + d.max->printed + ")");
  return d;
}

core::ArmData Parser::read_ordinal_arm(xml_node node, const std::string& of, const Provenance& prov,
                                       const std::vector<std::string>& categories) {
  const auto [a, ref, p] = arm_head(node, of, prov, {"ref", "total"});
  core::ArmData d;
  d.where = a.location();
  d.arm = ref;
  d.total = a.number("total", Kind::PositiveCount, Need::Required, p);
  std::map<std::string, int> seen;
  double sum = 0;
  for (const xml_node k : a.children({{"count", 1, kMany}})) {
    const Element c(*this, k, tagged(k, "category") + " of " + a.where(),
                    concat({"category", "value", "percent"}, kProvenance));
    c.no_children();
    const Provenance cp = c.provenance(p, ProvLevel::Inner);
    const auto category = c.raw("category", Need::Required);
    const auto value = c.number("value", Kind::Count, Need::Required, cp);
    const auto percent = c.number("percent", Kind::Percent, Need::Optional, cp);
    bool fresh = false;
    if (category && std::find(categories.begin(), categories.end(), *category) == categories.end())
      c.error(c.location("category"), "category names unknown category " + in_quotes(*category),
              "categories: " + join(categories));
    else if (category)
      fresh = unique(seen, *category, c.location("category"), "<count category=\"" + *category + "\">", a.where());
    if (value && d.total && value->value > d.total->value)
      c.error(value->where, "value (" + value->printed + ") exceeds total (" + d.total->printed + ")");
    if (value) sum += value->value;
    if (!fresh) continue;
    if (value) d.category_counts[*category] = *value;
    if (percent) d.category_percents[*category] = *percent;
  }
  if (d.total && sum > d.total->value)
    a.error(d.total->where, "the counts sum to " + std::to_string(static_cast<long long>(sum)) + ", more than total (" +
                                d.total->printed + ")");
  return d;
}

core::AdverseEvent::ArmCounts Parser::read_adverse_arm(xml_node node, const std::string& of, const Provenance& prov) {
  const auto [a, ref, p] = arm_head(node, of, prov, {"ref", "total", "percent"});
  core::AdverseEvent::ArmCounts d;
  d.where = a.location();
  d.arm = ref;
  d.total = a.number("total", Kind::PositiveCount, Need::Required, p);
  d.percent = a.number("percent", Kind::Percent, Need::Optional, p);
  std::map<std::string, int> seen;
  for (const xml_node k : a.children({{"grade", 0, kMany}})) {
    const Element g(*this, k, tagged(k, "band") + " of " + a.where(), concat({"band", "count"}, kProvenance));
    g.no_children();
    const Provenance gp = g.provenance(p, ProvLevel::Inner);
    const auto band = g.choice("band", kBands, Need::Required);
    const auto count = g.number("count", Kind::Count, Need::Required, gp);
    const bool fresh = band && unique(seen, *band, g.location("band"), "<grade band=\"" + *band + "\">", a.where());
    if (count && d.total && count->value > d.total->value)
      g.error(count->where, "count (" + count->printed + ") exceeds total (" + d.total->printed + ")");
    if (fresh && count) d.by_grade[*band] = *count;
  }
  return d;
}

}  // namespace

core::Study parse_study(const XmlDocument& doc, core::Diagnostics& diag) { return Parser(doc, diag).parse(); }

}  // namespace metareview::io
