#include "effect/transform.h"

#include <cmath>
#include <limits>
#include <numbers>

#include "core/error.h"
#include "core/format.h"
#include "core/measure_info.h"

namespace metareview::effect {

// Ref: metafor transf = exp for log OR, RR and HR.
double transf_exp(double x) { return std::exp(x); }

// Ref: metafor transf.ilogit() = R's plogis(); exact at both tails (exp(-x) overflows to
// Inf for x < -709, giving 0).
double transf_ilogit(double x) { return 1 / (1 + std::exp(-x)); }

double transf_iarcsin(double x) {
  // Ref: metafor transf.iarcsin(): the inverse of asin(sqrt(p)) on [0, pi/2], clamped outside.
  if (x < 0) return 0;
  if (x > std::numbers::pi / 2) return 1;
  const double s = std::sin(x);
  return s * s;
}

double transf_pft(double p, double n) {
  // Ref: Freeman & Tukey (1950); metafor transf.pft() with x = p n events.
  const double x = p * n;
  return 0.5 * (std::asin(std::sqrt(x / (n + 1))) + std::asin(std::sqrt((x + 1) / (n + 1))));
}

double transf_ipft(double x, double n) {
  // Ref: Miller (1978), The inverse of the Freeman-Tukey double arcsine transformation,
  // Am Stat 32:138; as metafor transf.ipft(), values beyond the transforms of p = 0 and
  // p = 1 are clamped, and the formula's own NaN (sqrt of a negative) stays NaN.
  if (x > transf_pft(1, n)) return 1;
  if (x < transf_pft(0, n)) return 0;
  const double s = std::sin(2 * x);
  const double c = std::cos(2 * x);
  const double sign = c > 0 ? 1.0 : (c < 0 ? -1.0 : 0.0);
  const double inner = s + (s - 1 / s) / n;
  return 0.5 * (1 - sign * std::sqrt(1 - inner * inner));
}

double transf_ipft_hm(double x, const std::vector<double>& ni) {
  // Ref: metafor transf.ipft.hm(): n = 1 / mean(1 / ni) over the non-missing ni.
  double sum_inv = 0;
  int count = 0;
  for (double n : ni) {
    if (std::isnan(n)) continue;
    sum_inv += 1 / n;
    ++count;
  }
  const double nhm = count > 0 ? count / sum_inv : std::numeric_limits<double>::quiet_NaN();
  if (!(nhm > 0 && std::isfinite(nhm)))
    throw Error("transf_ipft_hm(x, ni): the harmonic mean of ni must be > 0, got " + core::format_shortest(nhm));
  return transf_ipft(x, nhm);
}

double back_transform(core::Measure measure, double x, const std::vector<double>& ni) {
  if (core::measure_info(measure).scale == core::Scale::FreemanTukey) return transf_ipft_hm(x, ni);
  return back_transform_one(measure, x, std::numeric_limits<double>::quiet_NaN());
}

double back_transform_one(core::Measure measure, double x, double n) {
  switch (core::measure_info(measure).scale) {
    case core::Scale::Log: return transf_exp(x);
    case core::Scale::Logit: return transf_ilogit(x);
    case core::Scale::ArcsineSqrt: return transf_iarcsin(x);
    case core::Scale::FreemanTukey: return transf_ipft(x, n);
    case core::Scale::Identity: return x;
  }
  return x;
}

std::string_view back_transform_name(core::Measure measure) {
  switch (core::measure_info(measure).scale) {
    case core::Scale::Log: return "exp";
    case core::Scale::Logit: return "transf.ilogit";
    case core::Scale::ArcsineSqrt: return "transf.iarcsin";
    case core::Scale::FreemanTukey: return "transf.ipft.hm";
    case core::Scale::Identity: return "none";
  }
  return "none";
}

}  // namespace metareview::effect
