#pragma once
// Common-effect pooling straight from 2x2 tables (metafor's rma.mh and rma.peto). The pooled
// estimate uses the raw counts of every table; the per-study outcomes shown (and, for MH, Q)
// use the table's escalc yi/vi, with its add/to/drop00, exactly as metafor separates them.
#include <vector>

#include "effect/effect_table.h"

namespace metareview::model {

/// One 2x2 table: events a, c and non-events b, d in groups of n1, n2 (N = n1 + n2).
struct Table2x2 {
  double a, b, c, d, n1, n2, N;
};
/// The table of a study; throws metareview::Error naming `fn` when its counts are missing.
Table2x2 table_2x2(const effect::StudyInput& s, const char* fn);

struct CountPooling {
  double beta = 0, se = 0;        ///< analysis scale (log OR/RR, or RD)
  std::vector<double> weight;     ///< per-table weight (not normalised), 0 for unused rows
  std::vector<double> yi, vi;     ///< per-study outcomes shown
  std::vector<bool> yi_used;      ///< rows whose yi enters Q and its df (metafor's k.yi)
  double Q = 0;                   ///< heterogeneity statistic
  int k_yi = 0;                   ///< df of Q is k_yi - 1
  int k_pos = 0;                  ///< Peto: tables with a positive hypergeometric variance
};

/// Mantel-Haenszel OR (Robins, Breslow & Greenland 1986 variance), RR and RD (Greenland &
/// Robins 1985; RD variance of Sato, Greenland & Robins 1989), as metafor's rma.mh.
/// Throws metareview::Error when the pooled ratio is undefined (no events in one arm).
CountPooling mantel_haenszel(const effect::EffectTable& es);

/// Peto's one-step OR (Yusuf et al. 1985), as metafor's rma.peto.
CountPooling peto(const effect::EffectTable& es);

}  // namespace metareview::model
