#include "model/fit_json.h"

#include <cmath>
#include <vector>

#include "effect/transform.h"

namespace metareview::model {
namespace {

using Json = nlohmann::json;

/// Back-transformed values of a fit. PFT's inverse takes the harmonic mean of the sizes of
/// the rows the fit pooled (metafor transf.ipft.hm with targs = list(ni = those rows' ni)).
Json transformed(const Fit& f, const effect::EffectTable& es) {
  std::vector<double> ni;
  for (std::size_t i = 0; i < es.ni.size() && i < f.weights.size(); ++i)
    if (f.weights[i] > 0) ni.push_back(es.ni[i]);
  const auto back = [&](std::optional<double> x) -> Json {
    return x ? json_number(effect::back_transform(f.measure, *x, ni)) : Json(nullptr);
  };
  return Json{{"function", effect::back_transform_name(f.measure)},
              {"estimate", back(f.estimate())},
              {"ci_lb", back(f.ci_lb.at(0))},
              {"ci_ub", back(f.ci_ub.at(0))},
              {"pi_lb", back(f.pi_lb)},
              {"pi_ub", back(f.pi_ub)}};
}

}  // namespace

std::string json_text(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }
std::string json_text(const nlohmann::ordered_json& j) {
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

Json json_number(double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); }
Json json_number(std::optional<double> x) { return x ? json_number(*x) : Json(nullptr); }

Json settings_json(const ModelSpec& s, const effect::EffectOptions& e) {
  const Json control = {{"threshold", s.control.threshold},
                        {"maxiter", s.control.maxiter},
                        {"stepadj", s.control.stepadj},
                        {"root_tol", s.control.root_tol},
                        {"ll0_tol", s.control.ll0_tol},
                        {"tau2_init", json_number(s.control.tau2_init)}};
  return Json{{"preset", s.preset},
              {"method", model::to_string(s.method)},
              {"test", model::to_string(s.test)},
              {"level", s.level},
              {"pi_dist", model::to_string(s.pi_dist)},
              {"i2", model::to_string(s.i2_def)},
              {"adhoc", model::to_string(s.knha_adhoc)},
              {"tau2_fixed", json_number(s.tau2_fixed)},
              {"control", control},
              {"effect",
               {{"add", e.add},
                {"add_given", e.add_given},
                {"to", effect::to_string(e.to)},
                {"drop00", e.drop00},
                {"drop00_ratio", e.drop00_ratio},
                {"smd_revman5", e.smd_revman5},
                {"vtype", e.vtype}}}};
}

Json fit_json(const Fit& f, const effect::EffectTable& es) {
  const auto first = [](const std::vector<double>& v) { return v.empty() ? Json(nullptr) : json_number(v.front()); };
  Json weights = Json::array();
  for (const double w : f.weights) weights.push_back(json_number(w));
  return Json{{"k", f.k},
              {"p", f.p},
              {"measure", core::to_string(f.measure)},
              {"estimate", first(f.beta)},
              {"se", first(f.se)},
              {"zval", first(f.zval)},
              {"pval", first(f.pval)},
              {"ci_lb", first(f.ci_lb)},
              {"ci_ub", first(f.ci_ub)},
              {"df", json_number(f.df)},
              {"pi_lb", json_number(f.pi_lb)},
              {"pi_ub", json_number(f.pi_ub)},
              {"pi_df", json_number(f.pi_df)},
              {"s2w", json_number(f.s2w)},
              {"tau2", json_number(f.tau2)},
              {"se_tau2", json_number(f.se_tau2)},
              {"tau2_ci_lb", json_number(f.tau2_ci_lb)},
              {"tau2_ci_ub", json_number(f.tau2_ci_ub)},
              {"tau2_ci_null", f.tau2_ci_null},
              {"tau", json_number(f.tau)},
              {"tau_ci_lb", json_number(f.tau_ci_lb)},
              {"tau_ci_ub", json_number(f.tau_ci_ub)},
              {"Q", json_number(f.Q)},
              {"Q_df", json_number(f.Q_df)},
              {"Q_p", json_number(f.Q_p)},
              {"I2", json_number(f.I2)},
              {"I2_ci_lb", json_number(f.I2_ci_lb)},
              {"I2_ci_ub", json_number(f.I2_ci_ub)},
              {"H2", json_number(f.H2)},
              {"H2_ci_lb", json_number(f.H2_ci_lb)},
              {"H2_ci_ub", json_number(f.H2_ci_ub)},
              {"converged", f.converged},
              {"iterations", f.iterations},
              {"tau2_at_boundary", f.tau2_at_boundary},
              {"tau2_fixed", f.tau2_fixed},
              {"message", f.message},
              {"weights", weights},
              {"transformed", f.beta.empty() ? Json(nullptr) : transformed(f, es)},
              {"settings", settings_json(f.spec, f.effect_options)}};
}

}  // namespace metareview::model
