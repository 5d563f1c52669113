#pragma once
// Every measure in one table: a row says how the measure is named, drawn, transformed and
// fed. Adding a measure is one row here plus its formula in the escalc file of its input
// family (docs/extending.md).
#include <array>
#include <optional>
#include <string_view>

#include "core/codes.h"
#include "core/measure.h"

namespace metareview::core {

/// What a study must report for the measure; it picks the escalc file, the CSV columns, the
/// forest plot's arm columns and the study outcomes a review may pool with it.
enum class InputFamily {
  Generic,      ///< yi and vi given directly (effect/escalc.cpp)
  TimeToEvent,  ///< HR with CI, O-E and V, or chi2/p with events (effect/hazard.cpp)
  TwoByTwo,     ///< events and totals in two arms (effect/binary.cpp)
  Proportion,   ///< events and total in one arm (effect/proportion.cpp)
  Continuous,   ///< means, SDs and totals in two arms (effect/continuous.cpp)
};

/// How the analysis scale relates to the scale results are shown on (effect/transform.h).
enum class Scale {
  Identity,      ///< shown as analysed
  Log,           ///< exp() back to a ratio; drawn on a log axis
  Logit,         ///< inverse logit back to a proportion
  ArcsineSqrt,   ///< sin(x)^2 back to a proportion
  FreemanTukey,  ///< Miller's inverse with the harmonic-mean n back to a proportion
};

struct MeasureInfo {
  Measure measure;
  std::string_view code;        ///< metafor's escalc() code: "HR"
  std::string_view name;        ///< as a sentence says one: "hazard ratio"
  std::string_view plural;      ///< as a methods section says them: "hazard ratios"
  std::string_view title;       ///< the forest plot's column title: "Hazard Ratio"
  std::string_view axis_label;  ///< the funnel plot's x axis: "Hazard Ratio (log scale)"
  Scale scale;
  bool has_null;                ///< "no effect" is 0 on the analysis scale (not for proportions)
  InputFamily family;
};

inline constexpr std::array<MeasureInfo, 11> kMeasureInfo{{
    {Measure::GEN, "GEN", "effect", "effects", "Effect", "Effect", Scale::Identity, true, InputFamily::Generic},
    {Measure::HR, "HR", "hazard ratio", "hazard ratios", "Hazard Ratio", "Hazard Ratio (log scale)", Scale::Log,
     true, InputFamily::TimeToEvent},
    {Measure::OR, "OR", "odds ratio", "odds ratios", "Odds Ratio", "Odds Ratio (log scale)", Scale::Log, true,
     InputFamily::TwoByTwo},
    {Measure::RR, "RR", "risk ratio", "risk ratios", "Risk Ratio", "Risk Ratio (log scale)", Scale::Log, true,
     InputFamily::TwoByTwo},
    {Measure::RD, "RD", "risk difference", "risk differences", "Risk Difference", "Risk Difference",
     Scale::Identity, true, InputFamily::TwoByTwo},
    {Measure::PR, "PR", "proportion", "proportions", "Proportion", "Proportion", Scale::Identity, false,
     InputFamily::Proportion},
    {Measure::PLO, "PLO", "proportion (logit-transformed)", "logit-transformed proportions", "Proportion",
     "Logit Proportion", Scale::Logit, false, InputFamily::Proportion},
    {Measure::PAS, "PAS", "proportion (arcsine-transformed)", "arcsine-transformed proportions", "Proportion",
     "Arcsine Square-Root Proportion", Scale::ArcsineSqrt, false, InputFamily::Proportion},
    {Measure::PFT, "PFT", "proportion (Freeman-Tukey-transformed)",
     "Freeman-Tukey double-arcsine-transformed proportions", "Proportion", "Freeman-Tukey Proportion",
     Scale::FreemanTukey, false, InputFamily::Proportion},
    {Measure::MD, "MD", "mean difference", "mean differences", "Mean Difference", "Mean Difference",
     Scale::Identity, true, InputFamily::Continuous},
    {Measure::SMD, "SMD", "standardised mean difference", "standardised mean differences (Hedges' g)",
     "Std. Mean Difference", "Standardised Mean Difference", Scale::Identity, true, InputFamily::Continuous},
}};

/// The row of `m`. Every Measure has one (a test walks the enum).
const MeasureInfo& measure_info(Measure m);

}  // namespace metareview::core
