#pragma once
// Leave-one-out sensitivity analysis: the fit without each study in turn.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "effect/effect_table.h"
#include "methods/methods.h"
#include "model/fit.h"
#include "model/spec.h"

namespace metareview::methods {

/// The fit without one study (metafor leave1out()'s columns; zval holds t under knha).
struct LeaveOneOutFit {
  double estimate = 0, se = 0, zval = 0, pval = 1, ci_lb = 0, ci_ub = 0;
  double Q = 0, Qp = 1;
  std::optional<double> tau2;  ///< nullopt for FE, MH and PETO
  std::optional<double> I2, H2;
};

struct LeaveOneOutRow {
  std::size_t row = 0;                ///< effect-table row left out
  std::optional<LeaveOneOutFit> fit;  ///< nullopt when the refit failed (metafor's NA row)
};

struct LeaveOneOut {
  model::ModelSpec spec;              ///< the spec every refit used
  std::vector<LeaveOneOutRow> rows;   ///< one per study in the full fit, in input order
};

/// Refits without each study of fit(es, spec) with the same spec (method, test, level,
/// control, a fixed tau2). Throws Error when fewer than two studies are in the fit.
/// Ref: metafor 3.8-1 leave1out.rma.uni.r (and leave1out.rma.mh/.rma.peto for MH and PETO).
LeaveOneOut leave_one_out(const effect::EffectTable& es, const model::ModelSpec& spec);

/// The LeaveOneOutFit columns of any refit (leave-one-out, cumulative).
LeaveOneOutFit refit_summary(const model::Fit& f);
/// The row for table row `row` from refit(): empty when the refit throws Error (metafor:
/// try(), then an NA row).
template <class Refit>
LeaveOneOutRow refit_row(std::size_t row, const Refit& refit) {
  LeaveOneOutRow r;
  r.row = row;
  try {
    r.fit = refit_summary(refit());
  } catch (const Error&) {
  }
  return r;
}
/// A MethodResult with the columns of leave_one_out_result() (metafor's leave1out() and
/// cumul() names): estimate se zval pval ci_lb ci_ub Q Qp tau2 I2 H2, one row per refit.
MethodResult refit_table(std::string method, const model::ModelSpec& spec,
                         const std::vector<LeaveOneOutRow>& rows);

/// leave_one_out() as a table for the methods list.
MethodResult leave_one_out_result(const effect::EffectTable& es, const model::ModelSpec& spec);

}  // namespace metareview::methods
