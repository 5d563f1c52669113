#include "render/refit_forest_layout.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/error.h"
#include "stats/distributions.h"

namespace metareview::render {
namespace {

std::optional<double> column(const methods::MethodResult& r, std::size_t row, const char* name) {
  const auto it = std::find(r.columns.begin(), r.columns.end(), name);
  if (it == r.columns.end()) throw InternalError(r.method + ": no column '" + name + "' to draw");
  return r.values.at(row).at(static_cast<std::size_t>(it - r.columns.begin()));
}

bool common_effect(model::Method m) {
  return m == model::Method::FE || m == model::Method::MH || m == model::Method::PETO;
}

std::string row_label(const effect::EffectTable& es, std::size_t row, RefitKind kind) {
  const effect::StudyInput* s = row < es.input.size() ? &es.input[row] : nullptr;
  const std::string name = s ? s->study : std::to_string(row + 1);
  if (kind == RefitKind::LeaveOneOut) return "Omitting " + name;
  return "Adding " + name + (s && s->year ? " (" + std::to_string(*s->year) + ")" : "");
}

}  // namespace

present::AnalysisView refit_view(const effect::EffectTable& es, const model::Fit& full,
                                 const methods::MethodResult& refits, RefitKind kind) {
  const bool common = common_effect(full.spec.method);
  present::AnalysisView view = present::analysis_view(es, common ? &full : nullptr, common ? nullptr : &full);
  const double ni = view.total.pooled.empty() ? present::kNaN : view.total.pooled.front().ni;
  // The refits as a table present words like studies: yi the refit's estimate, vi chosen so
  // that yi -/+ z * sqrt(vi) is its CI (symmetric on the analysis scale, with z or t).
  // Ref: metafor leave1out.rma.uni.r and cumul.rma.uni.r, ci.lb/ci.ub = estimate -/+ crit * se.
  const double z = stats::z_crit(view.level);
  effect::EffectTable rows;
  rows.measure = es.measure;
  for (std::size_t i = 0; i < refits.rows.size(); ++i) {
    const auto est = column(refits, i, "estimate"), lb = column(refits, i, "ci_lb"), ub = column(refits, i, "ci_ub");
    effect::StudyInput s;
    s.study = row_label(es, refits.rows[i], kind);
    rows.input.push_back(s);
    const bool ok = est && lb && ub && std::isfinite(*est);
    rows.yi.push_back(ok ? *est : present::kNaN);
    rows.vi.push_back(ok ? std::pow((*ub - *lb) / (2 * z), 2) : present::kNaN);
    rows.ni.push_back(ni);
    rows.included.push_back(ok);
  }
  // present::analysis_view needs a fit of the same rows for their weights; refits have none
  // (every row is drawn with the same square), so any weights do.
  model::Fit unweighted = full;
  unweighted.weights.assign(rows.k(), 0.0);
  const present::AnalysisView drawn =
      present::analysis_view(rows, common ? &unweighted : nullptr, common ? nullptr : &unweighted);
  view.blocks.assign(1, present::Block{});
  for (std::size_t i = 0; i < drawn.blocks.at(0).studies.size(); ++i) {
    present::StudyRow s = drawn.blocks[0].studies[i];
    s.weight_common.reset(), s.weight_random.reset();
    s.source_row = static_cast<int>(refits.rows[i]);
    view.blocks[0].studies.push_back(std::move(s));
  }
  // No arm data columns: their totals and the "Total events" row go with them.
  view.columns.clear();
  view.total.total_cells.clear(), view.total.event_cells.clear();
  view.show_weight_common = view.show_weight_random = false;
  return view;
}

Scene refit_forest_layout(const effect::EffectTable& es, const model::Fit& full, const methods::MethodResult& refits,
                          RefitKind kind, const TextMeasurer& measure, const ForestOptions& options) {
  return forest_layout(refit_view(es, full, refits, kind), measure, options);
}

}  // namespace metareview::render
