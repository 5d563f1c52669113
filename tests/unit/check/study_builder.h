#pragma once
// Small studies built in memory for the [check] tests: numbers are given as printed ("0.712",
// "P<0.001") and parsed as the study loader parses them (io/printed_number.h), so each test
// states exactly what a paper would print. Built in code rather than read from XML because
// several cases (an estimate outside its CI, events above their total) are numbers the loader
// rightly refuses, yet the checks must still judge them.
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "check/checks.h"
#include "core/study.h"
#include "io/printed_number.h"

namespace metareview::test::check_support {

inline core::Number num(std::string_view printed) {
  const auto p = io::parse_decimal(printed);
  if (!p) throw std::invalid_argument("not a printed number: " + std::string(printed));
  core::Number n;
  n.value = p->value;
  n.decimals = p->decimals;
  n.printed = std::string(printed);
  return n;
}

inline core::PValue pval(std::string_view printed) {
  const auto p = io::parse_p_value(printed);
  if (!p) throw std::invalid_argument("not a printed p: " + std::string(printed));
  core::PValue v;
  v.relation = p->relation;
  v.value = p->number.value;
  v.decimals = p->number.decimals;
  v.printed = std::string(printed);
  return v;
}

inline core::ReportedTest test(std::string kind, std::string_view statistic, std::string_view p,
                               std::string sided = "two") {
  core::ReportedTest t;
  t.kind = std::move(kind);
  if (!statistic.empty()) t.statistic = num(statistic);
  if (!p.empty()) t.p = pval(p);
  t.sided = std::move(sided);
  return t;
}

inline core::Estimate estimate(std::string measure, std::string_view value, std::string_view lb, std::string_view ub,
                               double level = 95) {
  core::Estimate e;
  e.measure = std::move(measure);
  e.value = num(value);
  e.ci_lb = num(lb);
  e.ci_ub = num(ub);
  e.level = level;
  return e;
}

/// A study "s" with an experimental arm "e" (label "Exp") and a control arm "c" (label "Ctl"),
/// with the given analysed sizes ("" for none).
inline core::Study two_arm_study(std::string_view analysed_e, std::string_view analysed_c) {
  core::Study s;
  s.id = "s";
  s.trial = "TRIAL";
  for (const auto& [id, label, n] : {std::tuple{"e", "Exp", analysed_e}, std::tuple{"c", "Ctl", analysed_c}}) {
    core::Arm a;
    a.id = id;
    a.label = label;
    a.role = std::string(id) == "e" ? "experimental" : "control";
    if (!n.empty()) a.analysed = num(n);
    s.arms.push_back(a);
  }
  return s;
}

inline core::Outcome outcome(std::string id, core::OutcomeKind kind) {
  core::Outcome o;
  o.id = std::move(id);
  o.kind = kind;
  o.experimental = "e";
  o.control = "c";
  return o;
}

/// Binary arm data: events (may be ""), total (may be ""), percent (may be "").
inline core::ArmData binary_arm(std::string arm, std::string_view events, std::string_view total,
                                std::string_view percent = "") {
  core::ArmData a;
  a.arm = std::move(arm);
  if (!events.empty()) a.events = num(events);
  if (!total.empty()) a.total = num(total);
  if (!percent.empty()) a.percent = num(percent);
  return a;
}

/// Time-to-event arm data: n, events and median as printed ("" for none).
inline core::ArmData time_arm(std::string arm, std::string_view n, std::string_view events = "",
                              std::string_view median = "") {
  core::ArmData a;
  a.arm = std::move(arm);
  if (!n.empty()) a.n = num(n);
  if (!events.empty()) a.events = num(events);
  if (!median.empty()) a.median = num(median);
  return a;
}

inline core::ArmData summary_arm(std::string arm, std::string_view mean, std::string_view sd, std::string_view n) {
  core::ArmData a;
  a.arm = std::move(arm);
  a.mean = num(mean);
  a.sd = num(sd);
  a.n = num(n);
  return a;
}

/// The findings of one check (and, if given, one outcome) in order.
inline std::vector<check::Finding> only(const std::vector<check::Finding>& all, std::string_view check,
                                        std::string_view outcome = {}) {
  std::vector<check::Finding> out;
  for (const auto& f : all)
    if (f.check == check && (outcome.empty() || f.outcome == outcome)) out.push_back(f);
  return out;
}

/// The one finding of a check for an outcome (and item, when given); throws unless exactly one.
inline check::Finding one(const std::vector<check::Finding>& all, std::string_view check, std::string_view outcome,
                          std::string_view item = {}) {
  std::vector<check::Finding> hits;
  for (const auto& f : all)
    if (f.check == check && f.outcome == outcome && (item.empty() || f.item == item)) hits.push_back(f);
  if (hits.size() != 1)
    throw std::logic_error("expected one '" + std::string(check) + "' finding for '" + std::string(outcome) + "/" +
                           std::string(item) + "', got " + std::to_string(hits.size()));
  return hits.front();
}

}  // namespace metareview::test::check_support
