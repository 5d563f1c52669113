#include "report/provenance.h"

#include "core/version.h"
#include "model/fit_json.h"

namespace metareview::report {

std::vector<InputFile> review_inputs(const review::ReviewResult& result, const core::StudySet& studies,
                                     const std::vector<const Template*>& templates, const std::string& studies_dir) {
  const review::Review& rv = *result.review;
  std::vector<InputFile> out;
  out.push_back({"review", display_path(rv.file, studies_dir), rv.sha256});
  for (const core::Study* s : result.included) out.push_back({"study", display_path(s->file, studies_dir), s->sha256});
  for (const auto& x : rv.excluded)
    if (const core::Study* s = x.study.empty() ? nullptr : studies.find(x.study))
      out.push_back({"excluded-study", display_path(s->file, studies_dir), s->sha256});
  for (const Template* t : templates) out.push_back({"template", t->name, t->sha256});
  return out;
}

nlohmann::json provenance_json(const review::ReviewResult& result, const std::vector<InputFile>& inputs,
                               const std::vector<OutputFile>& outputs, const std::string& timestamp) {
  const review::Review& rv = *result.review;
  nlohmann::json j;
  j["tool"] = {{"name", core::kToolName}, {"version", core::kVersion}};
  j["review"] = {{"id", rv.id}, {"title", rv.title}};
  auto& in = j["inputs"] = nlohmann::json::array();
  for (const auto& f : inputs) in.push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
  auto& analyses = j["analyses"] = nlohmann::json::array();
  for (const auto& a : rv.analyses) {
    nlohmann::json x;
    x["id"] = a.id;
    x["measure"] = std::string(core::to_string(a.measure));
    x["model"] = std::string(review::to_string(a.model));
    x["preset"] = a.settings.model.preset;
    x["settings"] = model::settings_json(a.settings.model, a.settings.effect);
    x["overrides"] = a.overrides;
    x["prediction_interval"] = a.prediction_interval;
    x["implausible"] = std::string(review::to_string(a.implausible));
    x["sort"] = a.sort;
    x["subgroup_heading"] = a.subgroup_variable;
    analyses.push_back(std::move(x));
  }
  auto& out = j["outputs"] = nlohmann::json::array();
  for (const auto& f : outputs) out.push_back({{"path", f.path}, {"sha256", f.sha256}});
  if (!timestamp.empty()) j["generated"] = timestamp;
  return j;
}

nlohmann::json index_provenance_json(const Template& index_template, const std::vector<OutputFile>& reviews,
                                     const std::string& index_sha256, const std::string& timestamp) {
  nlohmann::json j;
  j["tool"] = {{"name", core::kToolName}, {"version", core::kVersion}};
  j["inputs"] = nlohmann::json::array({{{"role", "template"}, {"path", index_template.name}, {"sha256", index_template.sha256}}});
  auto& out = j["outputs"] = nlohmann::json::array({{{"path", "index.html"}, {"sha256", index_sha256}}});
  for (const auto& r : reviews) out.push_back({{"path", r.path}, {"sha256", r.sha256}});
  if (!timestamp.empty()) j["generated"] = timestamp;
  return j;
}

}  // namespace metareview::report
