#include "methods/leave_one_out.h"

#include <string>
#include <utility>

#include "core/error.h"
#include "model/refitter.h"

namespace metareview::methods {

LeaveOneOut leave_one_out(const effect::EffectTable& es, const model::ModelSpec& spec) {
  const model::Refitter refitter(es, spec);
  if (refitter.rows().size() < 2)
    throw Error("leave_one_out: k = " + std::to_string(refitter.rows().size()) +
                "; at least 2 studies are needed");
  LeaveOneOut out;
  out.spec = spec;
  for (const std::size_t i : refitter.rows())
    out.rows.push_back(refit_row(i, [&] { return refitter.without(i); }));
  return out;
}

LeaveOneOutFit refit_summary(const model::Fit& f) {
  return {f.estimate(), f.se.at(0), f.zval.at(0), f.pval.at(0), f.ci_lb.at(0), f.ci_ub.at(0),
          f.Q,          f.Q_p,      f.tau2,       f.I2,         f.H2};
}

MethodResult refit_table(std::string method, const model::ModelSpec& spec, const std::vector<LeaveOneOutRow>& rows) {
  MethodResult out{std::move(method), spec,
                   {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "Q", "Qp", "tau2", "I2", "H2"}, {}, {}};
  for (const LeaveOneOutRow& r : rows) {
    out.rows.push_back(r.row);
    if (!r.fit) {
      out.values.emplace_back(out.columns.size());
      continue;
    }
    const LeaveOneOutFit& f = *r.fit;
    out.values.push_back({f.estimate, f.se, f.zval, f.pval, f.ci_lb, f.ci_ub, f.Q, f.Qp, f.tau2, f.I2, f.H2});
  }
  return out;
}

MethodResult leave_one_out_result(const effect::EffectTable& es, const model::ModelSpec& spec) {
  const LeaveOneOut l = leave_one_out(es, spec);
  return refit_table("leave_one_out", l.spec, l.rows);
}

}  // namespace metareview::methods
