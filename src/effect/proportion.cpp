#include "effect/proportion.h"

#include <cmath>
#include <vector>

#include "core/format.h"
#include "effect/correction.h"
#include "effect/row_context.h"
#include "effect/variance_type.h"

namespace metareview::effect {
namespace {

struct Counts {
  double xi = 0, mi = 0;  ///< events and non-events
  bool computed = false;
  bool has_zero = false;
  double ni = 0, pri = 0;  ///< after any correction
};

Counts read_row(core::Measure measure, EffectTable& table, std::size_t i) {
  const StudyInput& row = table.input[i];
  const std::string missing = missing_fields({{"xi", row.xi}, {"ni", row.ni}});
  if (!missing.empty()) {
    exclude(table, i, "not computed: " + missing + " missing");
    return {};
  }
  if (row.xi < 0) fail(measure, row, "xi must be >= 0, got " + core::format_shortest(row.xi));
  if (!(row.ni > 0)) fail(measure, row, "ni must be > 0, got " + core::format_shortest(row.ni));
  if (row.xi > row.ni)
    fail(measure, row, "xi (" + core::format_shortest(row.xi) + ") exceeds ni (" + core::format_shortest(row.ni) + ")");
  table.ni[i] = row.ni;
  const double mi = row.ni - row.xi;
  Counts c;
  c.xi = row.xi;
  c.mi = mi;
  c.computed = true;
  c.has_zero = row.xi == 0 || mi == 0;
  return c;
}

}  // namespace

void escalc_proportion(core::Measure measure, EffectTable& table) {
  const EffectOptions& opt = table.options;
  check_add(opt.add, "escalc(add)");
  // Ref: metafor escalc(): for the variance-stabilising PAS and PFT the default add is 0.
  const bool stabilising = measure == core::Measure::PAS || measure == core::Measure::PFT;
  const double add = stabilising && !opt.add_given ? 0.0 : opt.add;
  VarianceType vtype = VarianceType::LS;
  if (measure == core::Measure::PR)
    vtype = parse_variance_type(measure, opt.vtype, {VarianceType::LS, VarianceType::UB, VarianceType::AV});
  else if (measure == core::Measure::PLO)
    vtype = parse_variance_type(measure, opt.vtype, {VarianceType::LS, VarianceType::AV});

  const std::size_t k = table.k();
  std::vector<Counts> counts(k);
  bool any_zero = false;
  for (std::size_t i = 0; i < k; ++i) {
    counts[i] = read_row(measure, table, i);
    any_zero = any_zero || (counts[i].computed && counts[i].has_zero);
  }

  // Corrected proportions and sizes, then metafor's .wmean() of pri weighted by ni (AV).
  double num = 0, den = 0;
  for (std::size_t i = 0; i < k; ++i) {
    Counts& c = counts[i];
    if (!c.computed) continue;
    if (correction_applies(opt.to, c.has_zero, any_zero) && add > 0) {
      c.xi += add;
      c.mi += add;
      table.corrected[i] = true;
      add_note(table, i, correction_note(add, opt.to));
    }
    c.ni = c.xi + c.mi;
    c.pri = c.xi / c.ni;
    num += c.pri * c.ni;
    den += c.ni;
  }
  const double mnwpri = num / den;

  const std::string why_not = "not estimable: xi = 0 or xi = ni without continuity correction (metafor gives NA)";
  for (std::size_t i = 0; i < k; ++i) {
    const Counts& c = counts[i];
    if (!c.computed) continue;
    const double p = c.pri, n = c.ni;
    double yi = 0, vi = 0;
    switch (measure) {
      case core::Measure::PR:
        // Ref: metafor escalc("PR"): raw proportion; vtype LS, UB (n - 1) or AV (pooled p).
        yi = p;
        if (vtype == VarianceType::UB)
          vi = p * (1 - p) / (n - 1);
        else if (vtype == VarianceType::AV)
          vi = mnwpri * (1 - mnwpri) / n;
        else
          vi = p * (1 - p) / n;
        break;
      case core::Measure::PLO:
        // Ref: metafor escalc("PLO"): logit proportion; vtype LS or AV.
        yi = std::log(p / (1 - p));
        vi = vtype == VarianceType::AV ? 1 / (mnwpri * n) + 1 / ((1 - mnwpri) * n) : 1 / c.xi + 1 / c.mi;
        break;
      case core::Measure::PAS:
        // Ref: metafor escalc("PAS"): arcsine square-root transformed proportion.
        yi = std::asin(std::sqrt(p));
        vi = 1 / (4 * n);
        break;
      default:  // PFT
        // Ref: Freeman & Tukey (1950); metafor escalc("PFT"): double-arcsine transformation.
        yi = 0.5 * (std::asin(std::sqrt(c.xi / (n + 1))) + std::asin(std::sqrt((c.xi + 1) / (n + 1))));
        vi = 1 / (4 * n + 2);
        break;
    }
    store(table, i, yi, vi, why_not);
  }
}

}  // namespace metareview::effect
