#pragma once
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/measure.h"

namespace metareview::effect {

/// Arm-level input of one study, as extracted; which fields are set depends on the measure
/// (metafor's escalc argument names). Unset numbers are NaN.
struct StudyInput {
  std::string study;                 ///< label shown in tables and plots (slab)
  std::string subgroup;              ///< optional grouping (empty: none)
  std::optional<int> year;           ///< for sorting by year
  core::SourceLocation where;        ///< file:row of the input, for messages
  // 2x2 table (OR, RR, RD): events and totals per arm
  double ai = kNaN, n1i = kNaN, ci = kNaN, n2i = kNaN;
  // single-arm proportion (PR, PLO, PAS, PFT)
  double xi = kNaN, ni = kNaN;
  // continuous (MD, SMD)
  double m1i = kNaN, sd1i = kNaN, m2i = kNaN, sd2i = kNaN;  // n1i, n2i shared with 2x2
  // HR from a reported estimate and CI (ratio scale), with the CI level in percent
  double hr = kNaN, hr_ci_lb = kNaN, hr_ci_ub = kNaN, hr_level = 95.0;
  // HR from log-rank O-E and its variance V (Tierney 2007)
  double o_minus_e = kNaN, v = kNaN;
  // generic
  double yi = kNaN, vi = kNaN;

  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
};

/// Where a continuity correction is added, as metafor's escalc(to=).
enum class CorrectionTo { All, Only0, If0All, None };

/// metafor's code for a `to` value ("all", "only0", "if0all", "none").
std::string_view to_string(CorrectionTo to);
/// Parses a metafor `to` code exactly; nullopt when unknown.
std::optional<CorrectionTo> parse_correction_to(std::string_view code);
/// "all, only0, if0all, none": for error messages.
std::string valid_correction_tos();

/// escalc() options. Defaults are metafor's: add 1/2 to every cell of a table with a zero
/// cell; keep double-zero studies (drop00 = FALSE).
struct EffectOptions {
  double add = 0.5;
  CorrectionTo to = CorrectionTo::Only0;
  bool drop00 = false;
  /// Leave double-zero studies out for OR and RR only: the Cochrane Handbook (10.4.4.2) and
  /// RevMan 5 drop them where a ratio is undefined and keep them for RD, which they inform.
  bool drop00_ratio = false;
  /// SMD as RevMan 5 computes it: Hedges' g with the approximate correction 1 - 3/(4N - 9) and
  /// variance N/(n1 n2) + g^2/(2(N - 3.94)) (R meta's exact.smd = FALSE); other measures ignore it.
  bool smd_revman5 = false;
  /// Whether a double-zero (or double-all-events) study of `m` is left out.
  bool drops_double_zero(core::Measure m) const {
    return drop00 || (drop00_ratio && (m == core::Measure::OR || m == core::Measure::RR));
  }
  /// SMD variance: metafor's default "LS" (large-sample, Hedges 1981).
  std::string vtype = "LS";
  /// metafor's escalc() uses add = 0 for PAS and PFT unless `add` is passed explicitly;
  /// set add_given to apply `add` to those measures as well (no effect on the others).
  bool add_given = false;
};

/// Observed effects and sampling variances (metafor's escalc() output), one row per study,
/// in input order. yi/vi are on the analysis scale (log for HR, OR, RR).
struct EffectTable {
  core::Measure measure = core::Measure::GEN;
  EffectOptions options;
  std::vector<StudyInput> input;     ///< the arm data each row came from (for display and MH/Peto)
  std::vector<double> yi, vi;
  std::vector<bool> corrected;       ///< a continuity correction was added to this row
  std::vector<bool> included;        ///< false: dropped (e.g. drop00), with the reason in note
  std::vector<std::string> note;     ///< why a row was dropped or corrected ("" when nothing)
  /// Total sample size per row before any correction, as metafor's attr(yi, "ni"):
  /// n1i + n2i (2x2, MD, SMD), ni (proportions), NaN (HR, GEN). transf_ipft_hm() reads it.
  std::vector<double> ni;

  std::size_t k() const { return yi.size(); }

  /// Row i can enter an inverse-variance fit: included (an empty `included` means every row
  /// is), with finite yi and vi.
  bool usable(std::size_t i) const;
  /// The usable rows, in input order.
  std::vector<std::size_t> usable_rows() const;
  /// The listed rows, in that order, keeping everything the rows were made with: measure,
  /// options, arm data, corrections, notes and ni. escalc is not re-run, so every row keeps
  /// its yi/vi (and its continuity correction) exactly. Columns left empty stay empty.
  /// Throws Error for a row out of range or columns of different lengths.
  EffectTable subset(const std::vector<std::size_t>& rows) const;
  /// Every row but row i (metafor's subset = -i), as subset().
  EffectTable without(std::size_t i) const;
};

}  // namespace metareview::effect
