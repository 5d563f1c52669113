#include "core/study.h"

#include <algorithm>
#include <cctype>

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

std::string Study::short_label() const {
  const bool stated = !authors.empty() && authors.front() != "n/s";
  return (stated ? surname(authors.front()) : trial) + ' ' + std::to_string(year);
}

const Study* StudySet::find(const std::string& study_id) const {
  return find_by(studies, study_id, &Study::id);
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::Verified: return "verified";
    case Status::Derived: return "derived";
    case Status::Unverified: return "unverified";
  }
  return "?";
}

std::string_view to_string(OutcomeKind k) {
  // The element names of docs/study-format.md.
  switch (k) {
    case OutcomeKind::TimeToEvent: return "time-to-event";
    case OutcomeKind::Binary: return "binary";
    case OutcomeKind::Continuous: return "continuous";
    case OutcomeKind::Proportion: return "proportion";
    case OutcomeKind::Ordinal: return "ordinal";
    case OutcomeKind::AdverseEvents: return "adverse-events";
  }
  return "?";
}

}  // namespace metareview::core
