#include "export/effects_csv.h"

#include <cmath>

#include "export/columns.h"
#include "stats/distributions.h"

namespace metareview::exporter {
namespace {

/// A row's percent weight in `fit`; NA when there is no fit or the row did not enter it.
std::string weight(const std::optional<model::Fit>& fit, std::size_t i) {
  if (!fit || i >= fit->included.size() || !fit->included[i]) return "NA";
  return csv_number(fit->weights.at(i));
}

}  // namespace

std::string effects_csv(const review::AnalysisResult& r) {
  const auto columns = input_columns(family(r.es.measure));
  std::string out = "study,study_id,year,subgroup,pooled,note";
  for (const auto& c : columns) out += std::string(",") + c.first;
  out += ",yi,vi,sei,ci_lb,ci_ub,weight_common,weight_random\n";
  // Ref: metafor escalc()/forest(): a study's interval is yi -+ z_(1-alpha/2) sqrt(vi).
  const double z = stats::z_crit(r.analysis->settings.model.level);
  const std::optional<model::Fit>& headline = r.random ? r.random : r.common;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const review::RowInfo& row = r.rows[i];
    const effect::StudyInput& in = r.es.input.at(i);
    const bool usable = r.es.usable(i);
    const bool pooled = headline && i < headline->included.size() && headline->included[i];
    out += csv_text(row.label) + ',' + csv_text(row.study) + ',' + (row.year ? std::to_string(*row.year) : "NA") +
           ',' + csv_text(row.subgroup) + ',' + (pooled ? "1" : "0") + ',' + csv_text(row.note);
    for (const auto& c : columns) out += ',' + csv_number(in.*(c.second));
    if (usable) {
      const double yi = r.es.yi[i], vi = r.es.vi[i], sei = std::sqrt(vi);
      out += ',' + csv_number(yi) + ',' + csv_number(vi) + ',' + csv_number(sei) + ',' + csv_number(yi - z * sei) +
             ',' + csv_number(yi + z * sei);
    } else {
      out += ",NA,NA,NA,NA,NA";
    }
    out += ',' + weight(r.common, i) + ',' + weight(r.random, i) + '\n';
  }
  return out;
}

std::vector<report::AnalysisFile> csv_files(const review::ReviewResult& result) {
  std::vector<report::AnalysisFile> out;
  for (const review::AnalysisResult& a : result.analyses)
    out.push_back({a.analysis->id, a.analysis->id + "-effects.csv", effects_csv(a)});
  return out;
}

}  // namespace metareview::exporter
