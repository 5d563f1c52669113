#include "review/review.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string_view>

#include "core/codes.h"
#include "core/level.h"
#include "core/measure_info.h"
#include "io/printed_number.h"
#include "io/sha256.h"
#include "io/source_text.h"
#include "io/xml_document.h"
#include "io/xml_reader.h"
#include "methods/gosh.h"
#include "methods/grade.h"
#include "review/certainty.h"
#include "review/sort_order.h"

// Review files (docs/review-format.md) are read as study files are (io/study_parser.cpp),
// with the same io::XmlReader and io::XmlElement: io::XmlDocument for positions and
// well-formedness, messages "WHAT in WHERE (HINT)" with WHERE naming the element from the
// inside out (`<row study="candor-2020"> of analysis 'pfs'`). Every rule here has its twin
// in studies/reviews/review.xsd, except those that need the study library (ids, outcome
// kinds) or compare elements (duplicates).

namespace metareview::review {
namespace {

using io::in_quotes;
using io::join;
using io::kMany;
using io::Names;
using io::Need;
using io::XmlElement;
using pugi::xml_node;

constexpr auto kModels = core::enum_codes<ModelChoice>(
    {{ModelChoice::Random, "random"}, {ModelChoice::Common, "common"}, {ModelChoice::Both, "both"}});
constexpr auto kPolicies = core::enum_codes<ImplausiblePolicy>({{ImplausiblePolicy::Include, "include"},
                                                                {ImplausiblePolicy::Exclude, "exclude"},
                                                                {ImplausiblePolicy::FloorSe, "floor-se"}});
constexpr auto kSubgroupTau2 = core::enum_codes<model::SubgroupTau2>(
    {{model::SubgroupTau2::Separate, "separate"}, {model::SubgroupTau2::Common, "common"}});
/// Common-effect pooling (attribute `pooling`), RevMan's METHOD codes.
constexpr auto kPoolings = core::enum_codes<model::Method>(
    {{model::Method::FE, "IV"}, {model::Method::MH, "MH"}, {model::Method::PETO, "PETO"}});
/// The measures a review pools: every measure (GEN only from generic outcomes of measure GEN).
Names review_measures() {
  Names out;
  for (const auto& m : core::kMeasureInfo) out.push_back(m.code);
  return out;
}
/// The tau2 estimators of the random-effects model (the common-effect model is always FE).
const Names kEstimators = {"DL", "REML", "ML", "PM", "HE", "HS", "SJ", "EB"};

/// What a measure needs of an outcome, for the mismatch message.
std::string_view needs(core::Measure m) {
  switch (core::measure_info(m).family) {
    case core::InputFamily::TimeToEvent: return "a time-to-event outcome";
    case core::InputFamily::TwoByTwo: return "a binary outcome";
    case core::InputFamily::Proportion: return "a proportion outcome, or one arm of a binary outcome (attribute 'arm')";
    case core::InputFamily::Continuous: return "a continuous outcome (with attribute 'timepoint')";
    case core::InputFamily::Generic: break;
  }
  return "a generic outcome of measure GEN";
}

/// A generic outcome fits the analysis of its own measure (its yi is on that scale); the
/// other kinds fit the measures their arm data make.
bool fits(core::Measure m, const core::Outcome& o) {
  using K = core::OutcomeKind;
  const K k = o.kind;
  if (k == K::Generic) return o.measure == core::to_string(m);
  switch (core::measure_info(m).family) {
    case core::InputFamily::TimeToEvent: return k == K::TimeToEvent;
    case core::InputFamily::TwoByTwo: return k == K::Binary;
    case core::InputFamily::Proportion: return k == K::Proportion || k == K::Binary;
    case core::InputFamily::Continuous: return k == K::Continuous;
    case core::InputFamily::Generic: break;
  }
  return false;
}

std::string kind_name(core::OutcomeKind k) { return std::string(core::to_string(k)); }

class Reader : public io::XmlReader {
 public:
  Reader(const io::XmlDocument& doc, const core::StudySet& studies, core::Diagnostics& diag)
      : XmlReader(doc, diag), studies_(studies) {}

  Review read();

 private:
  core::SourceLocation at(xml_node node) const { return doc_.location(node); }
  /// An attribute parsed by `parse` (a model:: code parser); invalid values list `valid`.
  template <class Parse>
  auto code(const XmlElement& e, std::string_view name, Parse parse, const std::string& valid)
      -> decltype(parse(std::string_view()));

  void read_question(xml_node node, Question& q);
  void read_included(xml_node node, Review& r);
  void read_excluded(xml_node node, Review& r);
  void read_prisma(xml_node node, Review& r);
  std::optional<PrismaCount> count(const XmlElement& e, std::string_view name);
  /// A <name n="..">label</name> child: a database, register, source or reason.
  std::optional<PrismaItem> item(xml_node node, const std::string& where);
  /// The single attribute `n` of an empty count element such as <screened n="110"/>.
  PrismaCount count_element(xml_node node, const std::string& where);
  void read_reasons(xml_node node, const std::string& where, std::vector<PrismaItem>& reasons);
  /// The retrieval counts both branches have (sought, not retrieved, assessed, reports
  /// excluded); false when `node` is none of them.
  template <class Branch>
  bool read_retrieval(xml_node node, const std::string& where, Branch& b);
  void read_analyses(xml_node node, Review& r);
  Analysis read_analysis(xml_node node);
  void check_designs(const XmlElement& e, const Analysis& a);
  /// The settings `e` gives on top of `inherited` (or of its preset when it names one).
  void read_settings(const XmlElement& e, const model::Settings& inherited, model::Settings& settings,
                     std::vector<std::string>& overrides);
  void read_forest(xml_node node, Analysis& a);
  /// The analysis' pooling against its measure, rows and methods (after the rows are read).
  /// `methods`: also check the analysis' methods (a sensitivity analysis runs none).
  void check_pooling(const XmlElement& e, const Analysis& a, model::Method pooling, bool methods);
  /// A <row>, or the replacement row of a <swap> (`where` names the element).
  std::optional<DataRef> read_row(xml_node node, const Analysis& a, const std::string& where, bool swap);
  void read_sensitivity(xml_node node, Analysis& a, std::map<std::string, int>& seen);
  void read_certainty(xml_node node, Analysis& a);
  void read_small_study(xml_node node, Analysis& a);
  void read_meta_regression(xml_node node, Analysis& a);

  /// The included study ids of every <included>, read before anything else so that a
  /// misplaced <included> does not make every row and exclusion an error too.
  void collect_included(xml_node root);

  const core::StudySet& studies_;
  std::vector<std::string> included_;         // pre-scanned, library ids only, first use order
  std::map<std::string, int> included_lines_;  // id -> line of its first <study ref>
};

template <class Parse>
auto Reader::code(const XmlElement& e, std::string_view name, Parse parse, const std::string& valid)
    -> decltype(parse(std::string_view())) {
  const auto value = e.raw(name, Need::Optional);
  if (!value) return std::nullopt;
  auto parsed = parse(*value);
  if (!parsed) e.error(e.location(name), "invalid " + std::string(name) + " " + in_quotes(*value), "valid: " + valid);
  return parsed;
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
  const xml_node root = XmlReader::root("review");
  if (!root) return r;
  const XmlElement e(*this, root, "<review>", {"id", "format"});
  r.where = at(root);
  if (const auto id = e.slug("id", "anti-cd38-rrmm-pfs")) {
    r.id = *id;
    check_file_name(e, "review", r.id);
  }
  check_format(e);

  collect_included(root);
  for (const xml_node c : e.children(
           {{"title", 1, 1}, {"question", 1, 1}, {"note"}, {"included", 1, 1}, {"excluded"}, {"prisma"}, {"analyses", 1, 1}})) {
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
    } else if (name == "prisma") {
      read_prisma(c, r);
    } else {
      read_analyses(c, r);
    }
  }
  return r;
}

void Reader::read_question(xml_node node, Question& q) {
  const XmlElement e(*this, node, "<question>", {});
  static const std::pair<std::string_view, std::string Question::*> kParts[] = {
      {"population", &Question::population},
      {"intervention", &Question::intervention},
      {"comparator", &Question::comparator},
      {"outcomes", &Question::outcomes},
  };
  for (const xml_node c :
       e.children({{"population", 1, 1}, {"intervention", 1, 1}, {"comparator", 1, 1}, {"outcomes", 1, 1}})) {
    for (const auto& [tag, member] : kParts) {
      if (tag != c.name()) continue;
      if (auto t = text_element(c, std::string("<") + c.name() + "> of <question>")) q.*member = std::move(*t);
    }
  }
}

void Reader::read_included(xml_node node, Review& r) {
  const XmlElement e(*this, node, "<included>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"study", 1, kMany}})) {
    const XmlElement s(*this, c, tagged(c, "ref") + " of <included>", {"ref"});
    s.no_children();
    const auto ref = s.raw("ref", Need::Required);
    if (!ref) continue;
    if (!studies_.find(*ref)) {
      s.error(s.location("ref"), "unknown study " + in_quotes(*ref), "no file in the study library has this id");
      continue;
    }
    if (unique(seen, *ref, s.location("ref"), "study " + in_quotes(*ref), e.where())) r.included.push_back(*ref);
  }
}

void Reader::read_excluded(xml_node node, Review& r) {
  const XmlElement e(*this, node, "<excluded>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"study", 0, kMany}, {"citation", 0, kMany}}, io::Order::Any)) {
    Excluded x;
    x.where = at(c);
    if (std::string_view(c.name()) == "study") {
      const XmlElement s(*this, c, tagged(c, "ref") + " of <excluded>", {"ref", "reason"});
      s.no_children();
      if (auto reason = s.text("reason", Need::Required)) x.reason = std::move(*reason);
      const auto ref = s.raw("ref", Need::Required);
      if (!ref) continue;
      if (!studies_.find(*ref)) {
        s.error(s.location("ref"), "unknown study " + in_quotes(*ref),
                "no file in the study library has this id; use <citation> for a study outside it");
        continue;
      }
      if (const auto it = included_lines_.find(*ref); it != included_lines_.end()) {
        s.error(s.location("ref"), "study " + in_quotes(*ref) + " is both included and excluded",
                "included at line " + std::to_string(it->second));
        continue;
      }
      if (!unique(seen, *ref, s.location("ref"), "study " + in_quotes(*ref), e.where())) continue;
      x.study = *ref;
    } else {
      const XmlElement s(*this, c, "<citation> of <excluded>", {"reason"});
      if (auto reason = s.text("reason", Need::Required)) x.reason = std::move(*reason);
      if (auto citation = s.content()) x.citation = std::move(*citation);
    }
    r.excluded.push_back(std::move(x));
  }
}

// ---- the PRISMA 2020 flow (review/prisma.h) ----------------------------------------------------

std::optional<PrismaCount> Reader::count(const XmlElement& e, std::string_view name) {
  const auto value = e.raw(name, Need::Required);
  if (!value) return std::nullopt;
  const auto at = e.location(name);
  const auto parsed = io::parse_count(*value);
  if (!parsed || io::digit_count(*value) > io::kMaxDigits) {
    const bool negative = !value->empty() && value->front() == '-' && io::parse_count(value->substr(1));
    e.error(at, std::string(name) + " " + in_quotes(*value) + (negative ? " must not be negative" : " is not a count"),
            "a whole number such as 42");
    return std::nullopt;
  }
  return PrismaCount{static_cast<long long>(parsed->value), at};
}

PrismaCount Reader::count_element(xml_node node, const std::string& where) {
  const XmlElement e(*this, node, "<" + std::string(node.name()) + "> of " + where, {"n"});
  e.no_children();
  return count(e, "n").value_or(PrismaCount{0, at(node)});
}

std::optional<PrismaItem> Reader::item(xml_node node, const std::string& where) {
  const XmlElement e(*this, node, "<" + std::string(node.name()) + "> of " + where, {"n"});
  const auto n = count(e, "n");
  auto label = e.content();
  if (!n || !label) return std::nullopt;
  return PrismaItem{std::move(*label), *n};
}

void Reader::read_reasons(xml_node node, const std::string& where, std::vector<PrismaItem>& reasons) {
  const XmlElement e(*this, node, "<reports-excluded> of " + where, {});
  for (const xml_node c : e.children({{"reason", 0, kMany}}))
    if (auto i = item(c, "<reports-excluded> of " + where)) reasons.push_back(std::move(*i));
}

template <class Branch>
bool Reader::read_retrieval(xml_node node, const std::string& where, Branch& b) {
  const std::string_view n = node.name();
  if (n == "sought") b.sought = count_element(node, where);
  else if (n == "not-retrieved") b.not_retrieved = count_element(node, where);
  else if (n == "assessed") b.assessed = count_element(node, where);
  else if (n == "reports-excluded") read_reasons(node, where, b.reasons);
  else return false;
  return true;
}

void Reader::read_prisma(xml_node node, Review& r) {
  const std::size_t errors_before = diag_.error_count();
  const XmlElement e(*this, node, "<prisma>", {});
  Prisma p;
  p.where = at(node);
  bool ok = true;
  for (const xml_node c : e.children({{"note"}, {"databases"}, {"other-methods"}, {"included", 1, 1}})) {
    const std::string_view name = c.name();
    if (name == "note") {
      if (auto t = text_element(c, "<note> of <prisma>")) p.note = std::move(*t);
    } else if (name == "databases") {
      const std::string where = "<databases> of <prisma>";
      const XmlElement d(*this, c, where, {});
      PrismaDatabases b;
      b.where = at(c);
      for (const xml_node x : d.children({{"identified", 1, 1}, {"removed", 1, 1}, {"screened", 1, 1},
                                          {"records-excluded", 1, 1}, {"sought", 1, 1}, {"not-retrieved", 1, 1},
                                          {"assessed", 1, 1}, {"reports-excluded", 1, 1}})) {
        const std::string_view n = x.name();
        if (read_retrieval(x, where, b)) continue;
        if (n == "identified") {
          const XmlElement i(*this, x, "<identified> of " + where, {"databases", "registers"});
          b.databases = count(i, "databases").value_or(PrismaCount{0, at(x)});
          b.registers = count(i, "registers").value_or(PrismaCount{0, at(x)});
          for (const xml_node y : i.children({{"database", 0, kMany}, {"register", 0, kMany}}, io::Order::Any)) {
            auto one = item(y, "<identified> of " + where);
            if (!one) continue;
            (std::string_view(y.name()) == "database" ? b.database_list : b.register_list).push_back(std::move(*one));
          }
        } else if (n == "removed") {
          const XmlElement m(*this, x, "<removed> of " + where, {"duplicates", "automation", "other"});
          m.no_children();
          b.duplicates = count(m, "duplicates").value_or(PrismaCount{0, at(x)});
          b.automation = count(m, "automation").value_or(PrismaCount{0, at(x)});
          b.other = count(m, "other").value_or(PrismaCount{0, at(x)});
        } else if (n == "screened") {
          b.screened = count_element(x, where);
        } else {
          b.records_excluded = count_element(x, where);
        }
      }
      p.databases = std::move(b);
    } else if (name == "other-methods") {
      const std::string where = "<other-methods> of <prisma>";
      const XmlElement o(*this, c, where, {});
      PrismaOther b;
      b.where = at(c);
      for (const xml_node x : o.children({{"identified", 1, 1}, {"sought", 1, 1}, {"not-retrieved", 1, 1},
                                          {"assessed", 1, 1}, {"reports-excluded", 1, 1}})) {
        if (read_retrieval(x, where, b)) continue;
        const XmlElement i(*this, x, "<identified> of " + where, {});
        for (const xml_node y : i.children({{"source", 1, kMany}}))
          if (auto one = item(y, "<identified> of " + where)) b.sources.push_back(std::move(*one));
      }
      p.other = std::move(b);
    } else {
      const XmlElement i(*this, c, "<included> of <prisma>", {"studies", "reports"});
      i.no_children();
      const auto studies = count(i, "studies");
      const auto reports = count(i, "reports");
      if (studies) p.studies = *studies;
      if (reports) p.reports = *reports;
      ok = ok && studies && reports;
    }
  }
  if (!p.databases && !p.other) {
    e.error(e.location(), "no branch of the flow",
            "add <databases> (databases and registers), <other-methods>, or both");
    return;
  }
  // Arithmetic only over counts that were all read: a count already reported as malformed
  // would otherwise be reported again as not adding up.
  if (!ok || diag_.error_count() != errors_before) return;
  const std::vector<std::string> trials = distinct_trials(r.included, studies_);
  for (const auto& problem : prisma_problems(p, static_cast<long long>(trials.size()),
                                             static_cast<long long>(r.included.size())))
    say(problem.at, problem.what, problem.where, problem.hint);
  r.prisma = std::move(p);
}

void Reader::read_analyses(xml_node node, Review& r) {
  const XmlElement e(*this, node, "<analyses>", {});
  std::map<std::string, int> seen;
  for (const xml_node c : e.children({{"analysis", 1, kMany}})) {
    Analysis a = read_analysis(c);
    const auto id_at = c.attribute("id") ? doc_.location(c.attribute("id")) : at(c);
    if (!a.id.empty() && !unique(seen, a.id, id_at, "analysis id " + in_quotes(a.id), e.where())) continue;
    r.analyses.push_back(std::move(a));
  }
}

Analysis Reader::read_analysis(xml_node node) {
  const std::string where = node.attribute("id") ? "analysis " + in_quotes(doc_.value(node.attribute("id"))) : "<analysis>";
  const XmlElement e(*this, node, where,
                     {"id", "endpoint", "measure", "model", "preset", "method", "pooling", "test", "level", "prediction-interval",
                      "pi-dist", "i2", "adhoc", "add", "to", "drop00", "subgroup-heading", "subgroup-tau2", "sort",
                      "implausible", "mix-designs", "funnel", "leave-one-out", "influence", "cumulative", "gosh"});
  Analysis a;
  a.where = at(node);
  if (const auto id = e.slug("id", "pfs")) a.id = *id;
  if (auto endpoint = e.text("endpoint", Need::Required)) a.endpoint = std::move(*endpoint);
  bool measure_ok = false;
  static const Names kMeasures = review_measures();
  if (const auto m = e.choice("measure", kMeasures, Need::Required)) {
    a.measure = *core::parse_measure(*m);
    measure_ok = true;
  }
  const auto parse_model = [](std::string_view c) { return kModels.parse(c); };
  if (const auto m = code(e, "model", parse_model, kModels.valid())) a.model = *m;
  if (const auto pi = e.flag("prediction-interval")) a.prediction_interval = *pi;
  if (auto heading = e.text("subgroup-heading", Need::Optional)) a.subgroup_variable = std::move(*heading);
  const auto parse_tau2 = [](std::string_view c) { return kSubgroupTau2.parse(c); };
  if (const auto t = code(e, "subgroup-tau2", parse_tau2, kSubgroupTau2.valid())) a.subgroup_tau2 = *t;
  if (const auto sort = code(e, "sort", parse_sort_order, valid_sort_orders()))
    a.sort = *e.raw("sort", Need::Optional);
  const auto parse_policy = [](std::string_view c) { return kPolicies.parse(c); };
  if (const auto p = code(e, "implausible", parse_policy, kPolicies.valid())) a.implausible = *p;
  if (const auto mix = e.flag("mix-designs")) a.mix_designs = *mix;
  const auto parse_funnel = [](std::string_view c) { return core::parse_funnel_rule(c); };
  if (const auto f = code(e, "funnel", parse_funnel, core::valid_funnel_rules())) a.funnel = *f;
  if (const auto loo = e.flag("leave-one-out")) a.leave_one_out = *loo;
  if (const auto inf = e.flag("influence")) a.influence = *inf;
  if (const auto order = e.choice("cumulative", {"given", "year", "precision"}, Need::Optional))
    a.cumulative = std::string(*order);
  if (const auto gosh = e.flag("gosh")) a.gosh = *gosh;
  read_settings(e, *model::preset("metafor"), a.settings, a.overrides);
  const auto parse_pooling = [](std::string_view c) { return kPoolings.parse(c); };
  if (e.has("pooling")) {
    a.overrides.emplace_back("pooling");
    if (const auto p = code(e, "pooling", parse_pooling, kPoolings.valid())) a.pooling = *p;
  }

  std::map<std::string, int> rows_seen, sensitivities_seen;
  for (const xml_node c : e.children({{"title", 1, 1},
                                      {"arms"},
                                      {"favours"},
                                      {"forest"},
                                      {"note"},
                                      {"row", 1, kMany},
                                      {"sensitivity", 0, kMany},
                                      {"small-study"},
                                      {"meta-regression"},
                                      {"certainty"}})) {
    const std::string_view name = c.name();
    if (name == "small-study") {
      if (measure_ok) read_small_study(c, a);
    } else if (name == "meta-regression") {
      if (measure_ok) read_meta_regression(c, a);
    } else if (name == "sensitivity") {
      if (measure_ok) read_sensitivity(c, a, sensitivities_seen);
    } else if (name == "certainty") {
      if (measure_ok) read_certainty(c, a);
    } else if (name == "title") {
      if (auto t = text_element(c, "<title> of " + e.where())) a.title = std::move(*t);
    } else if (name == "note") {
      if (auto t = text_element(c, "<note> of " + e.where())) a.note = std::move(*t);
    } else if (name == "arms") {
      const XmlElement f(*this, c, "<arms> of " + e.where(), {"experimental", "control"});
      f.no_children();
      if (auto x = f.text("experimental", Need::Required)) a.label_experimental = std::move(*x);
      if (auto x = f.text("control", Need::Required)) a.label_control = std::move(*x);
    } else if (name == "favours") {
      const XmlElement f(*this, c, "<favours> of " + e.where(), {"left", "right"});
      f.no_children();
      if (auto x = f.text("left", Need::Required)) a.favours_left = std::move(*x);
      if (auto x = f.text("right", Need::Required)) a.favours_right = std::move(*x);
    } else if (name == "forest") {
      if (measure_ok) read_forest(c, a);
    } else if (measure_ok) {
      auto row = read_row(c, a, tagged(c, "study") + " of " + e.where(), false);
      if (!row) continue;
      const std::string key = row->study + '\n' + row->outcome + '\n' + row->timepoint + '\n' + row->arm;
      if (unique(rows_seen, key, row->where,
                 "row for outcome " + in_quotes(row->outcome) + " of study " + in_quotes(row->study), e.where()))
        a.data.push_back(std::move(*row));
    }
  }
  if (measure_ok) check_designs(e, a);
  if (measure_ok) check_pooling(e, a, a.pooling, true);
  // Ref: the exhaustive GOSH fits 2^k - 1 subsets (Olkin et al. 2012); metareview stops at
  // k = 20 as the gosh command does without --subsets.
  if (a.gosh && a.data.size() > methods::kGoshMaxExhaustiveK)
    e.error(e.location("gosh"), "gosh=\"true\" with " + std::to_string(a.data.size()) + " rows",
            "the GOSH plot fits every subset of at most " + std::to_string(methods::kGoshMaxExhaustiveK) +
                " studies; leave it out");
  return a;
}

// pooling="MH"/"PETO" pools 2x2 tables (metafor's rma.mh, rma.peto): a measure and rows they
// cannot pool, and methods metafor offers only for rma.uni fits, are errors here rather than a
// silent inverse-variance number in the run.
void Reader::check_pooling(const XmlElement& e, const Analysis& a, model::Method pooling, bool with_methods) {
  if (pooling == model::Method::FE) return;
  const bool mh = pooling == model::Method::MH;
  const std::string named = "pooling " + in_quotes(std::string(kPoolings.code(pooling)));
  const bool measure_ok = mh ? core::is_binary_two_group(a.measure) : a.measure == core::Measure::OR;
  if (!measure_ok) {
    e.error(e.location("pooling"), named + " with measure " + std::string(core::to_string(a.measure)),
            mh ? "Mantel-Haenszel pools 2x2 tables by OR, RR or RD; use pooling=\"IV\" for other measures"
               : "Peto's method pools odds ratios only (measure OR); use pooling=\"IV\" or \"MH\"");
    return;
  }
  for (const DataRef& d : a.data) {
    const core::Study* s = studies_.find(d.study);
    const core::Outcome* o = s ? s->outcome(d.outcome) : nullptr;
    if (!o) continue;
    const core::ArmData* x = o->arm_data(o->experimental);
    const core::ArmData* c = o->arm_data(o->control);
    if (x && c && x->events && x->total && c->events && c->total) continue;
    say(d.where, "row for outcome " + in_quotes(d.outcome) + " of study " + in_quotes(d.study) + " has no 2x2 counts",
        e.where(),
        named + " needs events and totals in both arms; use pooling=\"IV\" or leave the row out");
  }
  if (!with_methods) return;
  std::vector<std::string> methods;
  const bool convention = mh_q_convention(pooling, a.settings.model) && a.model != ModelChoice::Common;
  if (a.model == ModelChoice::Common || convention) {
    if (a.influence) methods.emplace_back("influence=\"true\"");
    if (a.gosh) methods.emplace_back("gosh=\"true\"");
    if (a.small_study) methods.emplace_back("<small-study>");
    if (a.meta_regression) methods.emplace_back("<meta-regression>");
  }
  if (convention) {
    if (a.leave_one_out) methods.emplace_back("leave-one-out=\"true\"");
    if (!a.cumulative.empty()) methods.emplace_back("cumulative=\"" + a.cumulative + "\"");
    if (!a.subgroup_variable.empty() && a.subgroup_tau2 == model::SubgroupTau2::Common)
      methods.emplace_back("subgroup-tau2=\"common\"");
  }
  if (methods.empty()) return;
  if (convention)
    e.error(e.location("pooling"), join(methods) + " with RevMan 5's Mantel-Haenszel random-effects model",
            "their refits would take tau2 from the inverse-variance Q, not the Mantel-Haenszel one; use "
            "model=\"common\", pooling=\"IV\" or a preset other than revman5");
  else
    e.error(e.location("pooling"), join(methods) + " with " + named + " and model 'common'",
            "metafor runs them on inverse-variance fits only; use pooling=\"IV\", or model=\"both\" to run "
            "them on the random-effects model");
}

// Ref: Cochrane Handbook (version 6.4) 24.6.1: results of randomised and non-randomised
// studies are not combined in one meta-analysis but analysed and reported separately. Single
// arms pooled as proportions compare nothing, so their designs may mix.
void Reader::check_designs(const XmlElement& e, const Analysis& a) {
  if (a.mix_designs || core::measure_info(a.measure).family == core::InputFamily::Proportion) return;
  std::vector<std::string> randomised, other;
  for (const DataRef& d : a.data) {
    const core::Study* s = studies_.find(d.study);
    if (!s) continue;
    auto& list = methods::is_randomised_design(s->design) ? randomised : other;
    if (std::find(list.begin(), list.end(), s->id) == list.end()) list.push_back(s->id);
  }
  if (randomised.empty() || other.empty()) return;
  e.error(e.location(),
          "randomised (" + join(randomised) + ") and non-randomised studies (" + join(other) + ") pooled in one total",
          "the Cochrane Handbook (24.6.1) keeps them apart: put each design in its own analysis, or set "
          "mix-designs=\"true\" to pool them anyway");
}

// <forest>: the figure controls of docs/figures.md. Each attribute is checked on its own
// (every problem in one pass); then the whole set, as the forest command checks its flags.
void Reader::read_forest(xml_node node, Analysis& a) {
  const XmlElement f(*this, node, "<forest> of " + in_quotes(a.id),
                     {"xlim", "at", "width", "font-size", "label-width", "columns", "theme"});
  f.no_children();
  core::FigureOptions o;
  bool ok = true;
  const auto numbers = [&](std::string_view name, std::size_t count) -> std::optional<std::vector<double>> {
    const auto v = f.raw(name, Need::Optional);
    if (!v) return std::nullopt;
    auto list = core::parse_number_list(*v, ' ');
    if (!list || (count && list->size() != count)) {
      const char* what = count == 1 ? " is not a number" : count == 2 ? " is not two numbers" : " is not a list of numbers";
      const char* hint = count == 1   ? "a number of points, as in \"500\""
                         : count == 2 ? "lower and upper limit separated by a space, as in \"0.1 10\""
                                      : "numbers separated by spaces, as in \"0.25 0.5 1 2 4\"";
      f.error(f.location(name), std::string(name) + " " + in_quotes(*v) + what, hint);
      ok = false;
      return std::nullopt;
    }
    return list;
  };
  if (const auto v = numbers("xlim", 2)) o.xlim = std::make_pair((*v)[0], (*v)[1]);
  if (const auto v = numbers("at", 0)) o.at = *v;
  for (const auto& [name, target] : {std::pair<const char*, std::optional<double>*>{"width", &o.width},
                                     {"font-size", &o.font_size},
                                     {"label-width", &o.label_width}})
    if (const auto v = numbers(name, 1)) *target = (*v)[0];
  if (const auto v = f.raw("columns", Need::Optional)) {
    std::string word;
    std::istringstream words(*v);
    while (words >> word) {
      if (const auto c = core::parse_figure_column(word)) o.columns.push_back(*c);
      else {
        f.error(f.location("columns"), "invalid column " + in_quotes(word), "valid: " + core::valid_figure_columns());
        ok = false;
      }
    }
  }
  const auto parse_theme = [](std::string_view c) { return core::parse_figure_theme(c); };
  if (f.has("theme")) {
    if (const auto t = code(f, "theme", parse_theme, core::valid_figure_themes())) o.theme = *t;
    else ok = false;
  }
  if (!ok) return;
  if (const std::string problem = o.validate(core::is_log_ratio(a.measure)); !problem.empty()) {
    f.error(f.location(problem.substr(0, problem.find(':'))), problem);
    return;
  }
  a.forest = std::move(o);
}

void Reader::read_settings(const XmlElement& e, const model::Settings& inherited, model::Settings& settings,
                           std::vector<std::string>& overrides) {
  settings = inherited;
  if (const auto p = e.raw("preset", Need::Optional)) {
    if (model::preset(*p)) settings = *model::preset(*p);
    else
      e.error(e.location("preset"), "invalid preset " + in_quotes(*p), "valid: " + model::valid_presets());
  }
  auto& m = settings.model;
  auto& fx = settings.effect;
  const auto given = [&](std::string_view name) {
    if (!e.node().attribute(std::string(name).c_str())) return false;
    overrides.emplace_back(name);
    return true;
  };
  if (given("method")) {
    if (const auto v = e.choice("method", kEstimators, Need::Optional)) m.method = *model::parse_method(*v);
  }
  if (given("test")) {
    if (const auto v = code(e, "test", model::parse_test, model::valid_tests())) m.test = *v;
  }
  if (given("level")) {
    const std::string v = *e.raw("level", Need::Optional);
    const auto n = io::parse_decimal(v);
    const auto percent = n && !n->negative ? core::confidence_level_percent(n->value) : std::nullopt;
    if (!percent)
      e.error(e.location("level"), "level " + in_quotes(v) + " is not a confidence level",
              std::string(core::kLevelHint));
    else
      m.level = *percent;
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
    const std::string v = *e.raw("add", Need::Optional);
    const auto n = io::parse_decimal(v);
    if (!n || n->negative)
      e.error(e.location("add"), "add " + in_quotes(v) + " is not a non-negative number", "a plain decimal, as in 0.5");
    else
      fx.add = n->value, fx.add_given = true;
  }
  if (given("to")) {
    if (const auto v = code(e, "to", effect::parse_correction_to, effect::valid_correction_tos())) fx.to = *v;
  }
  if (given("drop00")) {
    // An explicit drop00 replaces the preset's rule for every measure, as metafor's escalc.
    if (const auto v = e.flag("drop00")) fx.drop00 = *v, fx.drop00_ratio = false;
  }
  // A preset's Hartung-Knapp ad hoc rule goes with its test: preset="iqwig" test="z" is
  // plain z (as `metareview pool --preset iqwig --test z`).
  if (m.test == model::Test::Z && !adhoc_given) m.knha_adhoc = model::KnhaAdhoc::None;
  if (const std::string problem = m.validate(); !problem.empty()) e.error(e.location(), problem);
}

// <certainty>: the committee's GRADE judgments (docs/review-format.md, "Certainty of the evidence").
// <small-study>: a list of test codes and a flag. Peters' and Harbord's tests need 2x2 counts,
// which the measure tells before any data is read.
void Reader::read_small_study(xml_node node, Analysis& a) {
  const XmlElement e(*this, node, "<small-study> of analysis " + in_quotes(a.id), {"tests", "trimfill"});
  e.no_children();
  SmallStudyDecl d;
  d.where = at(node);
  bool ok = true;
  if (const auto v = e.text("tests", Need::Optional)) {
    std::istringstream words(*v);
    std::string word;
    while (words >> word) {
      const auto t = parse_small_study_test(word);
      if (!t) {
        e.error(e.location("tests"), "invalid test " + in_quotes(word), "valid: " + valid_small_study_tests());
        ok = false;
      } else if (std::find(d.tests.begin(), d.tests.end(), *t) != d.tests.end()) {
        e.error(e.location("tests"), "duplicate test " + in_quotes(word), "name each test once");
        ok = false;
      } else if (const std::string problem = small_study_measure_problem(*t, a.measure); !problem.empty()) {
        e.error(e.location("tests"),
                "test " + in_quotes(word) + " does not fit measure " + std::string(core::to_string(a.measure)), problem);
        ok = false;
      } else {
        d.tests.push_back(*t);
      }
    }
  }
  if (const auto f = e.flag("trimfill")) d.trimfill = *f;
  if (!ok || (e.has("tests") && d.tests.empty())) return;  // each problem reported above
  if (d.tests.empty() && !d.trimfill) {
    e.error(e.location(), "nothing asked for",
            "name tests (" + valid_small_study_tests() + "), set trimfill=\"true\", or both");
    return;
  }
  a.small_study = std::move(d);
}

// <meta-regression>: moderator names are study attributes. The design is judged here on the
// analysis' rows as make_design judges it at run time (constant, collinear, too many
// coefficients), so a review that cannot be fitted fails at its FILE:LINE:COL.
void Reader::read_meta_regression(xml_node node, Analysis& a) {
  const XmlElement e(*this, node, "<meta-regression> of analysis " + in_quotes(a.id), {"moderators", "factor"});
  e.no_children();
  MetaRegressionDecl d;
  d.where = at(node);
  d.moderators_at = e.location("moderators");
  bool ok = true;
  const auto names = [&](std::string_view attribute, std::vector<std::string>& out) {
    const auto v = e.text(attribute, attribute == "moderators" ? Need::Required : Need::Optional);
    if (!v) return;
    std::istringstream words(*v);
    std::string word;
    while (words >> word) {
      if (!is_moderator_attribute(word)) {
        e.error(e.location(attribute), "unknown moderator " + in_quotes(word),
                "study attributes: " + valid_moderator_attributes());
        ok = false;
      } else if (std::find(out.begin(), out.end(), word) != out.end()) {
        e.error(e.location(attribute), "duplicate moderator " + in_quotes(word), "name each moderator once");
        ok = false;
      } else {
        out.push_back(word);
      }
    }
  };
  names("moderators", d.moderators);
  names("factor", d.factors);
  for (const std::string& f : d.factors)
    if (std::find(d.moderators.begin(), d.moderators.end(), f) == d.moderators.end()) {
      e.error(e.location("factor"), "factor " + in_quotes(f) + " is not one of the moderators",
              "name it in moderators too");
      ok = false;
    }
  if (!ok || d.moderators.empty()) return;
  std::vector<const core::Study*> rows;
  for (const DataRef& row : a.data) {
    const core::Study* s = studies_.find(row.study);
    if (!s) return;  // reported at the row
    for (const std::string& m : d.moderators)
      if (study_attribute(*s, m).empty()) {
        e.error(d.moderators_at, "study " + in_quotes(s->id) + " has no " + m,
                "a moderator needs a value from every study file of the analysis");
        ok = false;
      }
    rows.push_back(s);
  }
  if (!ok) return;
  core::Diagnostics design;
  const bool estimate_tau2 = a.model != ModelChoice::Common && a.settings.model.is_random_effects() &&
                             !a.settings.model.tau2_fixed;
  model::make_design(moderator_columns(d, rows), std::vector<bool>(rows.size(), true), estimate_tau2, design);
  for (const core::Diagnostic& p : design.items()) {
    e.error(d.moderators_at, p.message);
    ok = false;
  }
  if (ok) a.meta_regression = std::move(d);
}

void Reader::read_certainty(xml_node node, Analysis& a) {
  const std::string where = "<certainty> of " + (a.id.empty() ? std::string("<analysis>") : "analysis " + in_quotes(a.id));
  const XmlElement e(*this, node, where,
                     {"follow-up", "comparator-risk", "comparator-risk-source", "risk-time"});
  CertaintyDecl c;
  c.where = at(node);
  if (auto x = e.text("follow-up", Need::Optional)) c.follow_up = std::move(*x);
  if (auto x = e.text("risk-time", Need::Optional)) c.risk_time = std::move(*x);
  if (const auto v = e.raw("comparator-risk", Need::Optional)) {
    const auto n = io::parse_decimal(*v);
    if (!n || n->negative || !(n->value > 0 && n->value < 1))
      e.error(e.location("comparator-risk"), "comparator-risk " + in_quotes(*v) + " is not a risk",
              "a decimal between 0 and 1, as in 0.40");
    else
      c.comparator_risk = n->value;
    if (auto x = e.text("comparator-risk-source", Need::Optional)) c.comparator_risk_source = std::move(*x);
    else if (!e.has("comparator-risk-source"))
      e.error(e.location(), "missing attribute 'comparator-risk-source'", "say where the comparator risk comes from");
    if (a.measure == core::Measure::HR && !e.has("risk-time"))
      e.error(e.location(), "missing attribute 'risk-time'",
              "a hazard ratio gives an absolute risk only at a stated time, as in risk-time=\"12 months\"");
  } else if (e.has("comparator-risk-source")) {
    e.error(e.location("comparator-risk-source"), "comparator-risk-source without comparator-risk");
  }

  std::map<std::string, int> seen;
  bool domain_errors = false;
  const bool randomised = std::any_of(a.data.begin(), a.data.end(), [&](const DataRef& d) {
    const core::Study* s = studies_.find(d.study);
    return s && methods::is_randomised_design(s->design);
  });
  for (const xml_node child : e.children({{"domain", 0, kMany}, {"upgrade", 0, kMany}}, io::Order::Fixed)) {
    const bool domain = std::string_view(child.name()) == "domain";
    const XmlElement d(*this, child, tagged(child, "id") + " of " + where, {"id", domain ? "judgment" : "levels"});
    const auto id = d.raw("id", Need::Required);
    const auto text = d.raw_text();
    const std::string footnote = text ? io::collapse(*text) : "";
    if (domain) {
      DomainJudgment j;
      j.where = at(child);
      j.footnote = footnote;
      bool ok = id.has_value();
      if (id && !methods::parse_grade_domain(*id)) {
        d.error(d.location("id"), "unknown domain " + in_quotes(*id), "valid: " + methods::valid_grade_domains());
        ok = false;
      }
      const auto judgment = d.raw("judgment", Need::Required);
      if (judgment && !methods::parse_grade_judgment(*judgment)) {
        d.error(d.location("judgment"), "invalid judgment " + in_quotes(*judgment),
                "valid: " + methods::valid_grade_judgments());
        ok = false;
      }
      if (!ok || !judgment) {
        domain_errors = true;
        continue;
      }
      j.domain = *methods::parse_grade_domain(*id);
      j.judgment = *methods::parse_grade_judgment(*judgment);
      if (j.judgment != methods::GradeJudgment::NotSerious && footnote.empty()) {
        d.error(d.location(), "judgment " + in_quotes(*judgment) + " without a footnote",
                "a domain that rates down says why in its text");
        domain_errors = true;
        continue;
      }
      if (unique(seen, *id, d.location("id"), "domain " + in_quotes(*id), where)) c.domains.push_back(std::move(j));
    } else {
      UpgradeJudgment u;
      u.where = at(child);
      u.footnote = footnote;
      bool ok = id.has_value();
      if (id && !methods::parse_grade_upgrade(*id)) {
        d.error(d.location("id"), "unknown upgrade " + in_quotes(*id), "valid: " + methods::valid_grade_upgrades());
        ok = false;
      }
      const auto levels = d.raw("levels", Need::Required);
      if (levels && *levels != "1" && *levels != "2") {
        d.error(d.location("levels"), "invalid levels " + in_quotes(*levels), "valid: 1, 2");
        ok = false;
      }
      if (!ok || !levels) continue;
      u.upgrade = *methods::parse_grade_upgrade(*id);
      u.levels = *levels == "2" ? 2 : 1;
      if (footnote.empty()) {
        d.error(d.location(), "upgrade " + in_quotes(*id) + " without a footnote", "an upgrade says why in its text");
        continue;
      }
      if (randomised) {
        d.error(d.location(), "upgrade " + in_quotes(*id) + " of randomised evidence",
                "GRADE rates up non-randomised evidence only");
        continue;
      }
      if (unique(seen, "upgrade " + *id, d.location("id"), "upgrade " + in_quotes(*id), where))
        c.upgrades.push_back(std::move(u));
    }
  }
  std::vector<std::string> missing;
  for (const methods::GradeDomain dom : methods::grade_domains()) {
    const std::string code(methods::to_string(dom));
    if (!seen.count(code)) missing.push_back(code);
  }
  // A domain left out for an error above is reported there, not again as missing.
  if (!missing.empty() && !domain_errors)
    e.error(e.location(), "missing domain" + std::string(missing.size() > 1 ? "s " : " ") + join(missing),
            "every <certainty> judges the five domains: " + methods::valid_grade_domains());
  a.certainty = std::move(c);
}

// <sensitivity>: the primary analysis with rows left out or swapped, or other settings
// (docs/review-format.md, "Sensitivity analyses"). The rows it pools are resolved here, where
// the study library is at hand; only the implausible-row rule waits for the evidence checks.
void Reader::read_sensitivity(xml_node node, Analysis& a, std::map<std::string, int>& seen) {
  const std::size_t errors_before = diag_.error_count();
  const std::string where = tagged(node, "id") + " of analysis " + in_quotes(a.id);
  const XmlElement e(*this, node, where,
                     {"id", "exclude", "exclude-design", "exclude-flagged", "exclude-rob", "model", "preset", "method",
                      "pooling", "test", "adhoc"});
  Sensitivity s;
  s.where = at(node);
  const auto id = e.slug("id", "hartung-knapp");
  if (id) s.id = *id;
  const auto parse_model = [](std::string_view c) { return kModels.parse(c); };
  if (const auto m = code(e, "model", parse_model, kModels.valid())) s.model = *m;
  if (e.choice("exclude-design", {"non-randomised"}, Need::Optional)) s.exclude_non_randomised = true;
  if (e.choice("exclude-flagged", {"implausible"}, Need::Optional)) s.exclude_implausible = true;
  if (e.choice("exclude-rob", {"high"}, Need::Optional)) s.exclude_high_rob = true;
  read_settings(e, a.settings, s.settings, s.overrides);
  s.pooling = a.pooling;
  if (e.has("pooling")) {
    s.overrides.emplace_back("pooling");
    const auto parse_pooling = [](std::string_view c) { return kPoolings.parse(c); };
    if (const auto p = code(e, "pooling", parse_pooling, kPoolings.valid())) s.pooling = *p;
  }

  std::vector<std::string> rows;
  for (const DataRef& d : a.data)
    if (std::find(rows.begin(), rows.end(), d.study) == rows.end()) rows.push_back(d.study);
  const auto is_row = [&](const std::string& study) { return std::find(rows.begin(), rows.end(), study) != rows.end(); };
  const std::string not_a_row = " is not a row of analysis " + in_quotes(a.id);
  bool ok = true;
  if (const auto list = e.raw("exclude", Need::Optional)) {
    std::istringstream words(*list);
    for (std::string study; words >> study;) {
      if (!studies_.find(study)) {
        e.error(e.location("exclude"), "unknown study " + in_quotes(study), "no file in the study library has this id");
        ok = false;
      } else if (!is_row(study)) {
        e.error(e.location("exclude"), "study " + in_quotes(study) + not_a_row, "rows: " + join(rows));
        ok = false;
      } else if (std::find(s.exclude.begin(), s.exclude.end(), study) == s.exclude.end()) {
        s.exclude.push_back(study);
      }
    }
  }
  for (const xml_node c : e.children({{"title", 1, 1}, {"swap", 0, kMany}})) {
    if (std::string_view(c.name()) == "title") {
      if (auto t = text_element(c, "<title> of " + where)) s.title = std::move(*t);
      continue;
    }
    const std::string swap_where = tagged(c, "row") + " of " + where;
    const auto row = c.attribute("row") ? std::optional<std::string>(doc_.value(c.attribute("row"))) : std::nullopt;
    auto data = read_row(c, a, swap_where, true);
    if (!row) {
      say(at(c), "missing attribute 'row'", swap_where, "the study id of the row the swap replaces");
      ok = false;
    } else if (!is_row(*row)) {
      say(doc_.location(c.attribute("row")), "study " + in_quotes(*row) + not_a_row, swap_where,
            "rows: " + join(rows));
      ok = false;
    } else if (data) {
      s.swaps.push_back({*row, std::move(*data), at(c)});
    } else {
      ok = false;
    }
  }
  if (!ok) return;
  for (DataRef d : a.data) {
    const core::Study* study = studies_.find(d.study);
    if (std::find(s.exclude.begin(), s.exclude.end(), d.study) != s.exclude.end()) continue;
    if (s.exclude_non_randomised && study && !methods::is_randomised_design(study->design)) continue;
    for (const Swap& x : s.swaps) {
      if (x.row != d.study) continue;
      d.study = x.data.study;
      d.outcome = x.data.outcome;
      d.timepoint = x.data.timepoint;
      d.arm = x.data.arm;
    }
    // The judgment of the result the row pools (after its swap), as the risk-of-bias figures
    // take it; a row without one stays, and the report names it.
    const core::Study* pooled = studies_.find(d.study);
    if (s.exclude_high_rob && pooled &&
        rob_concern(pooled->risk_of_bias_for(d.outcome)) == methods::RobConcern::high) {
      s.rob_excluded.push_back(d.study);
      continue;
    }
    s.data.push_back(std::move(d));
  }
  if (s.pooling != model::Method::FE) {
    Analysis refit;  // the measure and rows the sensitivity analysis pools
    refit.measure = a.measure;
    refit.data = s.data;
    check_pooling(e, refit, s.pooling, false);
  }
  if (s.data.size() < 2) {
    e.error(e.location(), s.data.empty() ? "excludes every row" : "leaves one row (" + s.data.front().study + ") to pool",
            "a sensitivity analysis pools at least two rows");
    return;
  }
  if (s.exclude.empty() && !s.exclude_non_randomised && !s.exclude_implausible && !s.exclude_high_rob &&
      s.swaps.empty() && !s.model && s.overrides.empty() && !e.has("preset") &&
      diag_.error_count() == errors_before) {  // an invalid attribute is reported once, as itself
    e.error(e.location(), "changes nothing",
            "exclude studies, swap a row, or set model, preset, method or test");
    return;
  }
  if (id && !unique(seen, *id, e.location("id"), "sensitivity id " + in_quotes(*id), "analysis " + in_quotes(a.id)))
    return;
  a.sensitivities.push_back(std::move(s));
}

std::optional<DataRef> Reader::read_row(xml_node node, const Analysis& a, const std::string& where, bool swap) {
  const XmlElement e(*this, node, where,
                     swap ? Names{"row", "study", "outcome", "timepoint", "arm"}
                          : Names{"study", "outcome", "timepoint", "arm", "subgroup", "label", "max-events"});
  e.no_children();
  DataRef d;
  d.where = at(node);
  if (!swap && e.node().attribute("max-events")) {
    if (const auto n = count(e, "max-events")) {
      if (n->n > 0) d.max_events = static_cast<double>(n->n);
      else e.error(n->where, "max-events \"0\" is no bound", "the most events the study can have had, above 0");
    }
  }
  const auto study_id = e.raw("study", Need::Required);
  const auto outcome_id = e.raw("outcome", Need::Required);
  // Ids of the study file, matched exactly as written there.
  const auto timepoint = e.raw("timepoint", Need::Optional);
  const auto arm = e.raw("arm", Need::Optional);
  if (timepoint) d.timepoint = *timepoint;
  if (arm) d.arm = *arm;
  // A swap keeps the replaced row's label, subgroup and max-events (read_sensitivity).
  if (auto t = swap ? std::nullopt : e.text("label", Need::Optional)) d.label = std::move(*t);
  const auto subgroup = swap ? std::nullopt : e.text("subgroup", Need::Optional);
  bool ok = study_id && outcome_id;
  if (subgroup) d.subgroup = *subgroup;
  if (!swap && !a.subgroup_variable.empty() && !e.node().attribute("subgroup")) {
    e.error(e.location(), "missing attribute 'subgroup'",
            "the analysis groups its rows by subgroup-heading " + in_quotes(a.subgroup_variable));
    ok = false;
  } else if (a.subgroup_variable.empty() && subgroup) {
    e.error(e.location("subgroup"), "subgroup " + in_quotes(*subgroup) + " without a subgroup-heading",
            "set subgroup-heading on the analysis");
    ok = false;
  }
  if (!study_id) return std::nullopt;
  const core::Study* study = studies_.find(*study_id);
  if (!study) {
    e.error(e.location("study"), "unknown study " + in_quotes(*study_id), "no file in the study library has this id");
    return std::nullopt;
  }
  if (!included_lines_.count(*study_id)) {
    e.error(e.location("study"), "study " + in_quotes(*study_id) + " is not among the included studies",
            included_.empty() ? "<included> lists none" : "included: " + join(included_));
    ok = false;
  }
  d.study = *study_id;
  if (!outcome_id) return std::nullopt;
  const core::Outcome* o = study->outcome(*outcome_id);
  if (!o) {
    std::vector<std::string> ids;
    for (const auto& x : study->outcomes) ids.push_back(x.id);
    e.error(e.location("outcome"), "unknown outcome " + in_quotes(*outcome_id) + " of study " + in_quotes(*study_id),
            "outcomes: " + join(ids));
    return std::nullopt;
  }
  d.outcome = *outcome_id;
  if (o->kind == core::OutcomeKind::Generic && !fits(a.measure, *o)) {
    e.error(e.location("outcome"),
            "outcome " + in_quotes(o->id) + " (generic, measure " + o->measure + ") does not fit measure " +
                std::string(core::to_string(a.measure)),
            "a generic outcome's yi is on the scale of its measure; pool it in an analysis of measure " + o->measure);
    return std::nullopt;
  }
  if (!fits(a.measure, *o)) {
    e.error(e.location("outcome"),
            "outcome " + in_quotes(o->id) + " (" + kind_name(o->kind) + ") does not fit measure " +
                std::string(core::to_string(a.measure)),
            std::string(core::to_string(a.measure)) + " needs " + std::string(needs(a.measure)));
    return std::nullopt;
  }
  // timepoint: exactly for continuous outcomes.
  if (o->kind == core::OutcomeKind::Continuous) {
    std::vector<std::string> ids;
    for (const auto& tp : o->timepoints) ids.push_back(tp.id);
    if (!timepoint) {
      e.error(e.location(), "missing attribute 'timepoint'",
              "outcome " + in_quotes(o->id) + " is continuous; timepoints: " + join(ids));
      ok = false;
    } else if (std::find(ids.begin(), ids.end(), d.timepoint) == ids.end()) {
      e.error(e.location("timepoint"),
              "unknown timepoint " + in_quotes(d.timepoint) + " of outcome " + in_quotes(o->id),
              "timepoints: " + join(ids));
      ok = false;
    }
  } else if (timepoint) {
    e.error(e.location("timepoint"), "attribute 'timepoint' applies to continuous outcomes only",
            "outcome " + in_quotes(o->id) + " is " + kind_name(o->kind));
    ok = false;
  }
  // arm: one arm of a binary outcome as a proportion; a <proportion>'s own arm may be named.
  if (core::is_proportion(a.measure) && o->kind == core::OutcomeKind::Binary) {
    const std::vector<std::string> arms = {o->experimental, o->control};
    if (!arm) {
      e.error(e.location(), "missing attribute 'arm'",
              "measure " + std::string(core::to_string(a.measure)) + " takes one arm of binary outcome " +
                  in_quotes(o->id) + ": " + join(arms));
      ok = false;
    } else if (d.arm != o->experimental && d.arm != o->control) {
      e.error(e.location("arm"), "unknown arm " + in_quotes(d.arm) + " of outcome " + in_quotes(o->id),
              "arms: " + join(arms));
      ok = false;
    }
  } else if (arm && !(o->kind == core::OutcomeKind::Proportion && d.arm == o->arm)) {
    e.error(e.location("arm"),
            o->kind == core::OutcomeKind::Proportion
                ? "arm " + in_quotes(d.arm) + " is not the arm of outcome " + in_quotes(o->id)
                : "attribute 'arm' applies to proportion measures only",
            o->kind == core::OutcomeKind::Proportion ? "its arm is " + in_quotes(o->arm) : "");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return d;
}

}  // namespace

std::optional<Review> read_review(std::string_view bytes, const std::string& file, const core::StudySet& studies,
                                  core::Diagnostics& diag) {
  core::Diagnostics found;
  const io::SourceText text(file, std::string(bytes));
  const auto doc = io::XmlDocument::parse(text, found);
  std::optional<Review> review;
  if (doc) review = Reader(*doc, studies, found).read();
  io::append_in_file_order(found, diag);  // as study files are (io::read_study)
  if (!review || found.has_errors()) return std::nullopt;
  review->sha256 = io::sha256_hex(bytes);
  return review;
}

std::optional<Review> read_review(const std::string& path, const core::StudySet& studies, core::Diagnostics& diag) {
  const auto bytes = io::read_file(path);
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
  const auto files = io::xml_files_in(dir, diag);
  if (!files) return {};
  std::vector<Review> out;
  for (const auto& file : *files) {
    if (auto r = read_review(file, studies, diag)) out.push_back(std::move(*r));
  }
  std::sort(out.begin(), out.end(), [](const Review& a, const Review& b) { return a.id < b.id; });
  return out;
}

std::vector<std::string> distinct_trials(const std::vector<std::string>& study_ids, const core::StudySet& studies) {
  std::vector<std::string> trials;
  for (const auto& id : study_ids) {
    const core::Study* s = studies.find(id);
    const std::string trial = s && !s->trial.empty() ? s->trial : id;
    if (std::find(trials.begin(), trials.end(), trial) == trials.end()) trials.push_back(trial);
  }
  return trials;
}

bool mh_q_convention(model::Method pooling, const model::ModelSpec& random) {
  return pooling == model::Method::MH && random.preset == "revman5" && random.method == model::Method::DL &&
         !random.tau2_fixed;
}

std::string_view to_string(ModelChoice m) { return kModels.code(m); }
std::string_view to_string(ImplausiblePolicy p) { return kPolicies.code(p); }

}  // namespace metareview::review
