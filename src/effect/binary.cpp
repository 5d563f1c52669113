#include "effect/binary.h"

#include <cmath>
#include <vector>

#include "core/format.h"
#include "effect/correction.h"
#include "effect/row_context.h"
#include "effect/variance_type.h"

namespace metareview::effect {
namespace {

struct Cells {
  double ai = 0, bi = 0, ci = 0, di = 0;
  bool computed = false;  ///< not missing and not dropped
  bool has_zero = false;
  double n1 = 0, n2 = 0, p1 = 0, p2 = 0;  ///< after any correction
};

// Reads and checks one row; returns cells with computed = false when the row is missing
// data or dropped by drop00 (both metafor NA rows).
Cells read_row(core::Measure measure, EffectTable& table, std::size_t i) {
  const StudyInput& row = table.input[i];
  Cells cells;
  const std::string missing =
      missing_fields({{"ai", row.ai}, {"n1i", row.n1i}, {"ci", row.ci}, {"n2i", row.n2i}});
  if (!missing.empty()) {
    exclude(table, i, "not computed: " + missing + " missing");
    return cells;
  }
  if (row.ai < 0) fail(measure, row, "ai must be >= 0, got " + core::format_shortest(row.ai));
  if (row.ci < 0) fail(measure, row, "ci must be >= 0, got " + core::format_shortest(row.ci));
  if (!(row.n1i > 0)) fail(measure, row, "n1i must be > 0, got " + core::format_shortest(row.n1i));
  if (!(row.n2i > 0)) fail(measure, row, "n2i must be > 0, got " + core::format_shortest(row.n2i));
  if (row.ai > row.n1i)
    fail(measure, row,
         "ai (" + core::format_shortest(row.ai) + ") exceeds n1i (" + core::format_shortest(row.n1i) + ")");
  if (row.ci > row.n2i)
    fail(measure, row,
         "ci (" + core::format_shortest(row.ci) + ") exceeds n2i (" + core::format_shortest(row.n2i) + ")");

  table.ni[i] = row.n1i + row.n2i;
  cells.ai = row.ai;
  cells.bi = row.n1i - row.ai;
  cells.ci = row.ci;
  cells.di = row.n2i - row.ci;
  cells.computed = true;
  if (table.options.drops_double_zero(measure)) {
    // Ref: metafor escalc(drop00 = TRUE): a study without events, or with only events, in
    // both groups carries no information on a ratio and becomes NA (drop00_ratio: for OR and
    // RR only; Cochrane Handbook 10.4.4.2).
    if (cells.ai == 0 && cells.ci == 0) {
      exclude(table, i, "dropped: no events in either group (drop00)");
      cells.computed = false;
      return cells;
    }
    if (cells.bi == 0 && cells.di == 0) {
      exclude(table, i, "dropped: every participant had the event in both groups (drop00)");
      cells.computed = false;
      return cells;
    }
  }
  cells.has_zero = cells.ai == 0 || cells.bi == 0 || cells.ci == 0 || cells.di == 0;
  return cells;
}

// Ref: metafor .wmean(): mean of p weighted by n over the computed rows, for vtype AV.
double weighted_mean(const std::vector<Cells>& cells, double Cells::*p, double Cells::*n) {
  double num = 0, den = 0;
  for (const Cells& c : cells) {
    if (!c.computed) continue;
    num += c.*p * c.*n;
    den += c.*n;
  }
  return num / den;
}

}  // namespace

void escalc_binary(core::Measure measure, EffectTable& table) {
  const EffectOptions& opt = table.options;
  check_add(opt.add, "escalc(add)");
  const VarianceType vtype = measure == core::Measure::RD
                                 ? parse_variance_type(measure, opt.vtype, {VarianceType::LS, VarianceType::UB, VarianceType::AV})
                                 : VarianceType::LS;
  const std::size_t k = table.k();

  std::vector<Cells> cells(k);
  bool any_zero = false;
  for (std::size_t i = 0; i < k; ++i) {
    cells[i] = read_row(measure, table, i);
    any_zero = any_zero || (cells[i].computed && cells[i].has_zero);
  }

  for (std::size_t i = 0; i < k; ++i) {
    Cells& c = cells[i];
    if (!c.computed) continue;
    if (correction_applies(opt.to, c.has_zero, any_zero) && opt.add > 0) {
      c.ai += opt.add;
      c.bi += opt.add;
      c.ci += opt.add;
      c.di += opt.add;
      table.corrected[i] = true;
      add_note(table, i, correction_note(opt.add, opt.to));
    }
    c.n1 = c.ai + c.bi;
    c.n2 = c.ci + c.di;
    c.p1 = c.ai / c.n1;
    c.p2 = c.ci / c.n2;
  }

  const double mnwp1 = vtype == VarianceType::AV ? weighted_mean(cells, &Cells::p1, &Cells::n1) : 0.0;
  const double mnwp2 = vtype == VarianceType::AV ? weighted_mean(cells, &Cells::p2, &Cells::n2) : 0.0;
  const std::string why_not = "not estimable: zero cell without continuity correction (metafor gives NA)";
  for (std::size_t i = 0; i < k; ++i) {
    const Cells& c = cells[i];
    if (!c.computed) continue;
    const double p1 = c.p1, p2 = c.p2, n1 = c.n1, n2 = c.n2;
    double yi = 0, vi = 0;
    switch (measure) {
      case core::Measure::OR:
        // Ref: metafor escalc("OR"): log odds ratio, Woolf variance.
        yi = std::log(p1 / (1 - p1)) - std::log(p2 / (1 - p2));
        vi = 1 / c.ai + 1 / c.bi + 1 / c.ci + 1 / c.di;
        break;
      case core::Measure::RR:
        // Ref: metafor escalc("RR"): log risk ratio, delta-method variance.
        yi = std::log(p1) - std::log(p2);
        vi = 1 / c.ai - 1 / n1 + 1 / c.ci - 1 / n2;
        break;
      default:  // RD
        // Ref: metafor escalc("RD"): vtype LS (default), UB (n - 1) or AV (pooled p).
        yi = p1 - p2;
        if (vtype == VarianceType::UB)
          vi = p1 * (1 - p1) / (n1 - 1) + p2 * (1 - p2) / (n2 - 1);
        else if (vtype == VarianceType::AV)
          vi = mnwp1 * (1 - mnwp1) / n1 + mnwp2 * (1 - mnwp2) / n2;
        else
          vi = p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2;
        break;
    }
    store(table, i, yi, vi, why_not);
  }
}

}  // namespace metareview::effect
