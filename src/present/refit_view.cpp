#include "present/refit_view.h"

#include <string>

#include "core/format.h"
#include "present/review_view.h"

namespace metareview::present {
namespace {

/// The headline estimate of `v`: its random-effects diamond when it has one, else its first
/// (common-effect) diamond, else the one estimable study of an unpooled view.
const Estimate* headline_estimate(const AnalysisView& v, double& ni) {
  const PooledRow* chosen = nullptr;
  for (const PooledRow& p : v.total.pooled)
    if (!chosen || p.random) chosen = &p;
  if (chosen) {
    ni = chosen->ni;
    return &chosen->effect;
  }
  const StudyRow* one = nullptr;
  int usable = 0;
  for (const Block& b : v.blocks)
    for (const StudyRow& s : b.studies)
      if (s.estimable) ++usable, one = &s;
  if (usable != 1) return nullptr;
  ni = one->ni;
  return &one->effect;
}

StudyRow result_row(const review::AnalysisResult& x, const review::ReviewResult& r, std::string label, int index) {
  const AnalysisView v = analysis_view(x, r);
  StudyRow s;
  s.label = std::move(label);
  s.source_row = index;
  s.cells = {Cell{v.k.value, v.k.text}};
  const Estimate* e = headline_estimate(v, s.ni);
  s.estimable = e != nullptr;
  if (e) s.effect = *e;
  else s.effect.text = "Not pooled";
  return s;
}

}  // namespace

AnalysisView sensitivity_view(const review::AnalysisResult& a, const review::ReviewResult& r) {
  const AnalysisView primary = analysis_view(a, r);
  AnalysisView v;
  v.measure = primary.measure;
  v.level = primary.level;
  v.decimals = primary.decimals;
  v.pooled = false;
  v.effect_header = primary.effect_header;
  v.method_header = core::format_plain(primary.level) + "% CI";
  v.study_header = "Analysis";
  v.label_experimental = primary.label_experimental;
  v.label_control = primary.label_control;
  v.favours_left = primary.favours_left;
  v.favours_right = primary.favours_right;
  v.columns = {Column{"k", 0, Column::Kind::Text, ""}};
  Block block;
  block.studies.push_back(result_row(a, r, "Primary analysis", 0));
  for (std::size_t i = 0; i < a.sensitivity_analyses.size(); ++i) {
    const review::AnalysisResult& s = a.sensitivity_analyses[i];
    block.studies.push_back(result_row(s, r, s.sensitivity_label, static_cast<int>(i + 1)));
  }
  const double rows = static_cast<double>(block.studies.size());
  v.k = {rows, rows, core::format_count(rows)};
  v.blocks.push_back(std::move(block));
  return v;
}

}  // namespace metareview::present
