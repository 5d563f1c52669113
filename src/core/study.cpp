#include "core/study.h"

#include <algorithm>
#include <cctype>

#include "core/codes.h"

namespace metareview::core {
namespace {

template <typename T>
const T* find_by(const std::vector<T>& items, const std::string& id, std::string T::*key) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.*key == id; });
  return it == items.end() ? nullptr : &*it;
}

// "Dimopoulos M" -> "Dimopoulos", "Van de Donk NWCJ" -> "Van de Donk": the trailing word of
// capital initials is dropped; a name printed without initials is kept whole.
std::string surname(const std::string& author) {
  const auto space = author.find_last_of(' ');
  if (space == std::string::npos) return author;
  const std::string last = author.substr(space + 1);
  const bool initials = !last.empty() && std::all_of(last.begin(), last.end(), [](char c) {
    return std::isupper(static_cast<unsigned char>(c)) || c == '-' || c == '.';
  });
  return initials ? author.substr(0, space) : author;
}

}  // namespace

const ArmData* Outcome::arm_data(const std::string& arm_id) const { return find_by(arms, arm_id, &ArmData::arm); }

const Arm* Study::arm(const std::string& arm_id) const { return find_by(arms, arm_id, &Arm::id); }

const Outcome* Study::outcome(const std::string& outcome_id) const {
  return find_by(outcomes, outcome_id, &Outcome::id);
}

const RobAssessment* Study::risk_of_bias_for(const std::string& outcome_id) const {
  for (const RobAssessment& a : risk_of_bias)
    if (a.covers(outcome_id)) return &a;
  return nullptr;
}

std::string Study::short_label() const {
  const bool stated = !authors.empty() && authors.front() != "n/s";
  return (stated ? surname(authors.front()) : trial) + ' ' + std::to_string(year);
}

const Study* StudySet::find(const std::string& study_id) const {
  return find_by(studies, study_id, &Study::id);
}

namespace {
constexpr auto kStatuses = enum_codes<Status>(
    {{Status::Verified, "verified"},
     {Status::Secondary, "secondary"},
     {Status::Derived, "derived"},
     {Status::Presumed, "presumed"},
     {Status::Unverified, "unverified"}});
constexpr auto kSourceTypes = enum_codes<SourceType>({{SourceType::Primary, "primary"}, {SourceType::Secondary, "secondary"}});
// The element names of docs/study-format.md.
constexpr auto kOutcomeKinds = enum_codes<OutcomeKind>({{OutcomeKind::TimeToEvent, "time-to-event"},
                                                        {OutcomeKind::Binary, "binary"},
                                                        {OutcomeKind::Continuous, "continuous"},
                                                        {OutcomeKind::Proportion, "proportion"},
                                                        {OutcomeKind::Ordinal, "ordinal"},
                                                        {OutcomeKind::AdverseEvents, "adverse-events"},
                                                        {OutcomeKind::Generic, "generic"}});
}  // namespace

std::string_view to_string(Status s) { return kStatuses.code(s); }
std::optional<Status> parse_status(std::string_view code) { return kStatuses.parse(code); }
std::string_view to_string(SourceType t) { return kSourceTypes.code(t); }
std::optional<SourceType> parse_source_type(std::string_view code) { return kSourceTypes.parse(code); }
std::string_view to_string(OutcomeKind k) { return kOutcomeKinds.code(k); }

}  // namespace metareview::core
