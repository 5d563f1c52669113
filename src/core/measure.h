#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace metareview::core {

/// Effect-size measures, named as metafor's escalc() names them. Everything else about a
/// measure (names, scale, null, input family) is its row in core/measure_info.h.
enum class Measure {
  GEN,  ///< generic: yi and vi given directly
  HR,   ///< log hazard ratio (from HR and CI, log-rank O-E and V, or chi2/p with events)
  OR,   ///< log odds ratio
  RR,   ///< log risk ratio
  RD,   ///< risk difference
  PR,   ///< raw proportion
  PLO,  ///< logit proportion
  PAS,  ///< arcsine square-root proportion
  PFT,  ///< Freeman-Tukey double-arcsine proportion
  MD,   ///< raw mean difference
  SMD,  ///< standardised mean difference (Hedges' g)
};

// Shorthands over core::measure_info() (core/measure_info.cpp).

/// metafor's code for a measure ("OR", "PFT", ...).
std::string_view to_string(Measure m);
/// Parses a metafor code exactly (case-sensitive, as metafor); nullopt when unknown.
std::optional<Measure> parse_measure(std::string_view code);
/// "GEN, HR, OR, RR, RD, PR, PLO, PAS, PFT, MD, SMD": for error messages.
std::string valid_measures();

/// Measures analysed on the log scale and shown back-transformed with exp().
bool is_log_ratio(Measure m);
/// Measures for a single group's proportion.
bool is_proportion(Measure m);
/// Measures from a 2x2 table.
bool is_binary_two_group(Measure m);
/// The value of "no effect" on the analysis scale (0), or nullopt for proportions.
std::optional<double> null_value(Measure m);

}  // namespace metareview::core
