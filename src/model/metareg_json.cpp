#include "model/metareg_json.h"

#include "core/measure.h"
#include "model/fit_json.h"

namespace metareview::model {

nlohmann::ordered_json metareg_json(const MetaReg& m) {
  const Fit& f = m.fit;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["k"] = f.k;
  out["p"] = f.p;
  out["measure"] = core::to_string(f.measure);
  out["method"] = to_string(f.spec.method);
  out["test"] = to_string(f.spec.test);
  nlohmann::ordered_json coefs = nlohmann::ordered_json::array();
  for (std::size_t j = 0; j < f.beta.size(); ++j) {
    nlohmann::ordered_json c = nlohmann::ordered_json::object();
    c["name"] = m.names[j];
    c["estimate"] = json_number(f.beta[j]);
    c["se"] = json_number(f.se[j]);
    c[f.df ? "tval" : "zval"] = json_number(f.zval[j]);
    c["pval"] = json_number(f.pval[j]);
    c["ci_lb"] = json_number(f.ci_lb[j]);
    c["ci_ub"] = json_number(f.ci_ub[j]);
    coefs.push_back(c);
  }
  out["coefficients"] = coefs;
  out["df"] = f.df ? nlohmann::ordered_json(static_cast<int>(*f.df)) : nlohmann::ordered_json(nullptr);
  out["QM"] = json_number(m.omnibus.QM);
  out["QM_df1"] = m.omnibus.QM_df1;
  out["QM_df2"] = m.omnibus.QM_df2 ? nlohmann::ordered_json(static_cast<int>(*m.omnibus.QM_df2)) : nlohmann::ordered_json(nullptr);
  out["QM_p"] = json_number(m.omnibus.QM_p);
  out["QE"] = json_number(f.Q);
  out["QE_df"] = static_cast<int>(f.Q_df);
  out["QE_p"] = json_number(f.Q_p);
  out["tau2"] = json_number(f.tau2);
  out["se_tau2"] = json_number(f.se_tau2);
  out["tau2_ci_lb"] = json_number(f.tau2_ci_lb);
  out["tau2_ci_ub"] = json_number(f.tau2_ci_ub);
  out["I2"] = json_number(f.I2);
  out["H2"] = json_number(f.H2);
  out["R2"] = json_number(m.R2);
  out["tau2_RE"] = json_number(m.tau2_RE);
  out["s2w"] = json_number(f.s2w);
  out["converged"] = f.converged;
  out["iterations"] = f.iterations;
  out["message"] = f.message;
  nlohmann::ordered_json studies = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < f.yi.size(); ++i)
    if (f.included[i])
      studies.push_back({{"study", f.slab[i]}, {"yi", json_number(f.yi[i])}, {"vi", json_number(f.vi[i])},
                         {"weight", json_number(f.weights.empty() ? 0.0 : f.weights[i])}});
  out["studies"] = studies;
  return out;
}

}  // namespace metareview::model
