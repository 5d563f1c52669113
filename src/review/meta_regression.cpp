#include "review/meta_regression.h"

#include <algorithm>
#include <array>

#include "core/error.h"
#include "core/text.h"

namespace metareview::review {
namespace {

// The study-file fields every study can state once (core/study.h); arms, outcomes and
// characteristics vary within a study and are not study-level moderators.
constexpr std::array<std::string_view, 3> kAttributes{"year", "design", "phase"};

}  // namespace

std::string valid_moderator_attributes() {
  return core::join(std::vector<std::string>(kAttributes.begin(), kAttributes.end()), ", ");
}

bool is_moderator_attribute(std::string_view name) {
  return std::find(kAttributes.begin(), kAttributes.end(), name) != kAttributes.end();
}

std::string study_attribute(const core::Study& s, std::string_view name) {
  if (name == "year") return s.year > 0 ? std::to_string(s.year) : "";
  if (name == "design") return s.design;
  if (name == "phase") return s.phase;
  throw Error("review::study_attribute: unknown attribute '" + std::string(name) + "'");
}

std::vector<model::ModeratorColumn> moderator_columns(const MetaRegressionDecl& d,
                                                      const std::vector<const core::Study*>& studies) {
  std::vector<model::ModeratorColumn> cols;
  for (const std::string& name : d.moderators) {
    model::ModeratorColumn c;
    c.name = name;
    c.header = d.moderators_at;
    c.factor = std::find(d.factors.begin(), d.factors.end(), name) != d.factors.end();
    for (const core::Study* s : studies) c.values.push_back(s ? study_attribute(*s, name) : "");
    cols.push_back(std::move(c));
  }
  return cols;
}

MetaRegressionResult meta_regression(const effect::EffectTable& es, const model::ModelSpec& spec,
                                     const MetaRegressionDecl& d, const std::vector<const core::Study*>& studies) {
  MetaRegressionResult r;
  std::vector<bool> used(es.k());
  for (std::size_t i = 0; i < es.k(); ++i) {
    used[i] = es.usable(i);
    r.k += used[i] ? 1 : 0;
  }
  core::Diagnostics diags;
  r.design = model::make_design(moderator_columns(d, studies), used, spec.is_random_effects() && !spec.tau2_fixed, diags);
  if (diags.has_errors()) {
    std::vector<std::string> problems;
    for (const core::Diagnostic& p : diags.items()) problems.push_back(p.message);
    r.error = core::join(problems, "; ");
    return r;
  }
  r.fit = model::meta_regression(es, r.design, spec);
  return r;
}

}  // namespace metareview::review
