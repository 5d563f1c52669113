#include "methods/baujat.h"

#include <string>

#include "core/error.h"
#include "model/refitter.h"

namespace metareview::methods {

Baujat baujat(const effect::EffectTable& es, const model::ModelSpec& spec) {
  if (spec.method == model::Method::MH || spec.method == model::Method::PETO)
    throw Error("baujat: method " + std::string(model::to_string(spec.method)) +
                " is not supported; the Baujat plot needs an inverse-variance model (FE or a tau2 estimator)");
  const model::Refitter refitter(es, spec);
  const std::size_t k = refitter.rows().size();
  if (k < 3) throw Error("baujat: k = " + std::to_string(k) + "; at least 3 studies are needed");
  const model::Fit full = refitter.all();
  const double tau2 = full.tau2.value_or(0.0), estimate = full.estimate();
  Baujat out;
  out.spec = spec;
  for (const std::size_t i : refitter.rows()) {
    BaujatPoint p;
    p.row = i;
    const double r = es.yi[i] - estimate;
    // Ref: Baujat et al. (2002), sec. 2 (x axis); metafor baujat.rma.r: resid^2 / (tau2 + vi).
    p.x = r * r / (tau2 + es.vi[i]);
    try {
      const model::Fit without = refitter.without(i);
      const double d = without.estimate() - estimate, se = without.se.at(0);
      // Ref: metafor baujat.rma.r: (delpred - pred.full)^2 / vdelpred, vdelpred from the refit's vb.
      p.y = d * d / (se * se);
    } catch (const Error&) {
      // A failed refit leaves y empty (metafor: NA).
    }
    out.points.push_back(p);
  }
  return out;
}

MethodResult baujat_result(const effect::EffectTable& es, const model::ModelSpec& spec) {
  const Baujat b = baujat(es, spec);
  MethodResult out{"baujat", b.spec, {"x", "y"}, {}, {}};
  for (const BaujatPoint& p : b.points) {
    out.rows.push_back(p.row);
    out.values.push_back({p.x, p.y});
  }
  return out;
}

}  // namespace metareview::methods
