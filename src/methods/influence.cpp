#include "methods/influence.h"

#include "model/case_diagnostics.h"

namespace metareview::methods {

MethodResult influence_result(const effect::EffectTable& es, const model::ModelSpec& spec) {
  const model::CaseDiagnostics cd = model::case_diagnostics(es, spec);
  MethodResult out{"influence",
                   cd.spec,
                   {"rstudent", "dffits", "cook_d", "cov_r", "tau2_del", "QE_del", "hat", "weight", "dfbetas", "inf"},
                   {},
                   {}};
  for (const model::CaseRow& c : cd.rows) {
    out.rows.push_back(c.row);
    const double inf = c.influential ? 1.0 : 0.0;
    if (!c.deleted) {
      out.values.push_back({std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, c.hat,
                            c.weight, std::nullopt, inf});
      continue;
    }
    const model::Deleted& d = *c.deleted;
    out.values.push_back(
        {d.rstudent, d.dffits, d.cook_d, d.cov_r, d.tau2_del, d.QE_del, c.hat, c.weight, d.dfbetas, inf});
  }
  return out;
}

}  // namespace metareview::methods
