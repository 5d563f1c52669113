#include "methods/fsn.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/codes.h"
#include "core/error.h"
#include "core/format.h"
#include "stats/distributions.h"

namespace metareview::methods {
namespace {

constexpr auto kTypes = core::enum_codes<FsnType>(
    {{FsnType::Rosenthal, "Rosenthal"}, {FsnType::Orwin, "Orwin"}, {FsnType::Rosenberg, "Rosenberg"}});

// Upper-tail normal critical value: qnorm(p, lower.tail = FALSE) for 0 < p < 1/2.
double z_upper(double p) { return stats::z_crit(100 * (1 - 2 * p)); }

// Ref: metafor 3.8-1 fsn.r: a number of studies is a whole number, rounded up unless it is
// one already (to sqrt(machine epsilon)).
double whole_studies(double n) {
  const double tol = std::sqrt(std::numeric_limits<double>::epsilon());
  return std::fabs(n - std::round(n)) >= tol ? std::ceil(n) : std::round(n);
}

}  // namespace

Fsn fsn(const effect::EffectTable& es, const FsnOptions& options) {
  Fsn r;
  r.options = options;
  if (!(options.alpha > 0 && options.alpha < 0.5))
    throw Error("fsn: alpha = " + core::format_shortest(options.alpha) + "; it must be between 0 and 0.5");
  std::vector<double> yi, vi;
  for (const std::size_t i : es.usable_rows()) yi.push_back(es.yi[i]), vi.push_back(es.vi[i]);
  r.k = static_cast<int>(yi.size());
  if (r.k == 0) throw Error("fsn: no studies");
  const double k = r.k;
  double sw = 0, swy = 0, sy = 0, sz = 0;
  for (std::size_t i = 0; i < yi.size(); ++i) {
    sw += 1 / vi[i], swy += yi[i] / vi[i], sy += yi[i];
    sz += yi[i] / std::sqrt(vi[i]);
  }
  switch (options.type) {
    case FsnType::Rosenthal: {
      // Ref: Rosenthal (1979) Psychol Bull 86:638: Stouffer's z of k studies, |sum z_i| / sqrt(k),
      // stays significant at one-sided alpha until k + N studies with z = 0 give
      // N = k (z_avg / z_alpha)^2 - k.
      const double z_avg = std::fabs(sz / std::sqrt(k));
      r.pval = stats::p_two_sided_z(z_avg) / 2;
      r.fsnum = whole_studies(std::max(0.0, k * std::pow(z_avg / z_upper(options.alpha), 2) - k));
      return r;
    }
    case FsnType::Orwin: {
      // Ref: Orwin (1983) J Educ Stat 8:157: N = k (mean - target) / target, the target
      // taken with the sign of the mean.
      const double mean = options.weighted ? swy / sw : sy / k;
      double target = options.target.value_or(mean / 2);
      if (target == 0)
        throw Error(options.target ? "fsn: Orwin's fail-safe N is undefined for a target of 0"
                                   : "fsn: Orwin's fail-safe N is undefined when the mean effect is 0");
      if ((target > 0) != (mean > 0)) target = -target;
      r.meanes = mean;
      r.target = target;
      r.fsnum = whole_studies(std::max(0.0, k * (mean - target) / target));
      return r;
    }
    case FsnType::Rosenberg: {
      // Ref: Rosenberg (2005) Evolution 59:464: the fixed-effect z stays significant at
      // two-sided alpha until the added weight reaches (sum w_i y_i / z_alpha/2)^2 - sum w_i,
      // N studies of the mean weight.
      r.meanes = swy / sw;
      r.pval = stats::p_two_sided_z(*r.meanes * std::sqrt(sw));
      const double added = std::pow(swy / z_upper(options.alpha / 2), 2) - sw;
      r.fsnum = whole_studies(std::max(0.0, k * added / sw));
      return r;
    }
  }
  return r;
}

std::string_view to_string(FsnType t) { return kTypes.code(t); }
std::optional<FsnType> parse_fsn_type(std::string_view code) { return kTypes.parse(code); }
std::string valid_fsn_types() { return kTypes.valid(); }

}  // namespace metareview::methods
