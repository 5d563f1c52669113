#include "effect/continuous.h"

#include <cmath>
#include <vector>

#include "core/format.h"
#include "effect/row_context.h"
#include "effect/variance_type.h"

namespace metareview::effect {
namespace {

bool read_row(core::Measure measure, EffectTable& table, std::size_t i) {
  const StudyInput& row = table.input[i];
  const std::string missing = missing_fields({{"m1i", row.m1i}, {"sd1i", row.sd1i}, {"n1i", row.n1i},
                                              {"m2i", row.m2i}, {"sd2i", row.sd2i}, {"n2i", row.n2i}});
  if (!missing.empty()) {
    exclude(table, i, "not computed: " + missing + " missing");
    return false;
  }
  if (row.sd1i < 0) fail(measure, row, "sd1i must be >= 0, got " + core::format_shortest(row.sd1i));
  if (row.sd2i < 0) fail(measure, row, "sd2i must be >= 0, got " + core::format_shortest(row.sd2i));
  if (!(row.n1i > 0)) fail(measure, row, "n1i must be > 0, got " + core::format_shortest(row.n1i));
  if (!(row.n2i > 0)) fail(measure, row, "n2i must be > 0, got " + core::format_shortest(row.n2i));
  table.ni[i] = row.n1i + row.n2i;
  return true;
}

// Ref: metafor escalc(): pooled within-group SD with n1i + n2i - 2 degrees of freedom.
double pooled_sd(const StudyInput& r) {
  return std::sqrt(((r.n1i - 1) * r.sd1i * r.sd1i + (r.n2i - 1) * r.sd2i * r.sd2i) / (r.n1i + r.n2i - 2));
}

}  // namespace

double hedges_correction(double m) {
  // Ref: Hedges (1981), eq. 6d; metafor .cmicalc(), via log-gamma to avoid overflow.
  if (!(m > 1)) return StudyInput::kNaN;
  return std::exp(std::lgamma(m / 2) - std::log(std::sqrt(m / 2)) - std::lgamma((m - 1) / 2));
}

void escalc_continuous(core::Measure measure, EffectTable& table) {
  const EffectOptions& opt = table.options;
  const std::size_t k = table.k();
  std::vector<bool> computed(k);
  for (std::size_t i = 0; i < k; ++i) computed[i] = read_row(measure, table, i);

  if (measure == core::Measure::MD) {
    const VarianceType vtype =
        parse_variance_type(measure, opt.vtype, {VarianceType::LS, VarianceType::UB, VarianceType::HO});
    for (std::size_t i = 0; i < k; ++i) {
      if (!computed[i]) continue;
      const StudyInput& r = table.input[i];
      // Ref: metafor escalc("MD"): LS/UB use each group's SD; HO the pooled SD.
      const double sdp = pooled_sd(r);
      const double vi = vtype == VarianceType::HO ? sdp * sdp * (1 / r.n1i + 1 / r.n2i)
                                                  : r.sd1i * r.sd1i / r.n1i + r.sd2i * r.sd2i / r.n2i;
      store(table, i, r.m1i - r.m2i, vi,
            "not estimable: pooled SD needs n1i + n2i > 2 (vtype HO; metafor gives NA)");
    }
    return;
  }

  // SMD: Hedges' g = c(m) * d, d = (m1i - m2i) / pooled SD.
  const VarianceType vtype = parse_variance_type(
      measure, opt.vtype, {VarianceType::LS, VarianceType::UB, VarianceType::LS2, VarianceType::AV});
  std::vector<double> di(k, StudyInput::kNaN), cmi(k, StudyInput::kNaN), yi(k, StudyInput::kNaN);
  double num = 0, den = 0;  // metafor's .wmean(yi, ni, na.rm = TRUE) for vtype AV
  for (std::size_t i = 0; i < k; ++i) {
    if (!computed[i]) continue;
    const StudyInput& r = table.input[i];
    const double mi = r.n1i + r.n2i - 2;
    di[i] = (r.m1i - r.m2i) / pooled_sd(r);
    // Ref: Cochrane Handbook 5.1, sec. 9.2.3.2 (RevMan 5): J = 1 - 3/(4N - 9) = 1 - 3/(4m - 1).
    cmi[i] = opt.smd_revman5 ? (mi > 1 ? 1 - 3 / (4 * mi - 1) : StudyInput::kNaN) : hedges_correction(mi);
    yi[i] = cmi[i] * di[i];
    if (!std::isnan(yi[i])) {
      num += yi[i] * table.ni[i];
      den += table.ni[i];
    }
  }
  const double mnwyi = num / den;
  for (std::size_t i = 0; i < k; ++i) {
    if (!computed[i]) continue;
    const StudyInput& r = table.input[i];
    const double mi = r.n1i + r.n2i - 2, npi = r.n1i + r.n2i, g = yi[i];
    const double base = 1 / r.n1i + 1 / r.n2i;
    double vi = 0;
    // Ref: Cochrane Handbook 5.1, sec. 9.2.3.2; R meta metacont(exact.smd = FALSE).
    if (opt.smd_revman5) vi = base + g * g / (2 * (npi - 3.94));
    else switch (vtype) {
      // Ref: Hedges (1983) exact unbiased variance; metafor escalc("SMD", vtype = "UB").
      case VarianceType::UB: vi = base + (1 - (mi - 2) / (mi * cmi[i] * cmi[i])) * g * g; break;
      // Ref: metafor escalc("SMD", vtype = "LS2"): large-sample variance of d scaled by c(m)^2.
      case VarianceType::LS2: vi = cmi[i] * cmi[i] * (base + di[i] * di[i] / (2 * npi)); break;
      // Ref: metafor escalc("SMD", vtype = "AV"): the ni-weighted mean g in place of g.
      case VarianceType::AV: vi = base + mnwyi * mnwyi / (2 * npi); break;
      // Ref: Hedges (1981); metafor escalc("SMD") default large-sample variance.
      default: vi = base + g * g / (2 * npi); break;
    }
    std::string why_not = "not estimable: yi or vi is not finite (metafor gives NA)";
    if (!(mi > 1))
      why_not = "not estimable: Hedges' correction needs n1i + n2i - 2 > 1 (metafor gives NA)";
    else if (pooled_sd(r) == 0)
      why_not = "not estimable: the pooled SD is 0 (metafor gives NA)";
    store(table, i, g, vi, why_not);
  }
}

}  // namespace metareview::effect
