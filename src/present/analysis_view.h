#pragma once
// The display model of one analysis: its study rows, pooled rows, subgroup blocks, totals,
// heterogeneity and test lines, and footnotes, each number kept as a number (analysis and
// display scale) together with its one text (core/format). This is the only place where a
// statistic becomes words: render draws the forest plot from it and report writes the
// HTML, Markdown and PDF texts from it, so figure and tables cannot disagree.
// Layout follows RevMan 5 (R meta's forest(layout = "RevMan5")) and metafor's forest().
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/subgroup_test.h"
#include "model/subgroups.h"
#include "review/sort_order.h"

namespace metareview::present {

using review::SortOrder;


inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A number as shown: `value` on the analysis scale (log for ratios), `shown` on the display
/// scale (effect::back_transform_one; equal to value for numbers with no scale), `text` its
/// formatted form ("0.63", "23.4%", "< 0.001").
struct Number {
  double value = kNaN, shown = kNaN;
  std::string text;
};

/// An estimate with its interval; `text` is "0.63 [0.46, 0.85]" (or "Not estimable").
struct Estimate {
  Number est, lb, ub;
  std::string text;
};

/// An interval alone (prediction interval); `text` is "[0.34, 0.77]".
struct Interval {
  Number lb, ub;
  std::string text;
};

/// A per-arm column of the table. Count columns are summed on the pooled row ("Total"),
/// Events columns on the "Total events" row.
struct Column {
  enum class Kind { Text, Count, Events };
  std::string header;  ///< "Events", "Total", "Mean", "SD", "Reported HR [CI]"
  int group = 0;       ///< 0: no arm, 1: experimental, 2: control
  Kind kind = Kind::Text;
  std::string field;   ///< the escalc argument its cells show ("m1i", "hr"); "" for none
};

/// A table cell: the number it shows (NaN for composite texts) and its text ("" = empty).
struct Cell {
  double value = kNaN;
  std::string text;
};

struct StudyRow {
  std::string label;               ///< "Dimopoulos 2020" or a trial name
  std::string subgroup;            ///< "" = none
  std::vector<Cell> cells;         ///< one per AnalysisView::columns
  bool estimable = true;           ///< false: effect.text is "Not estimable", numbers NaN
  Estimate effect;                 ///< yi with its CI, yi -/+ z(level) * sqrt(vi)
  double ni = kNaN;                ///< sample size, for back-transforming PFT
  std::optional<Number> weight_common, weight_random;  ///< percent of the total weight
  std::optional<int> year;
  std::string flag;                ///< marker after the label ("†"); "" = none
  int source_row = -1;             ///< row of the EffectTable
};

/// A pooled estimate (diamond) of one model.
struct PooledRow {
  std::string label;  ///< "Random effects model", "Total (95% CI)", "Subtotal (95% CI)"
  bool random = false;
  Estimate effect;
  std::optional<Interval> prediction;  ///< drawn under the diamond
  double ni = kNaN;                    ///< harmonic mean n (PFT)
  std::optional<Number> weight;        ///< percent, for the weight column
  std::string statistic;               ///< "z = -6.62" or "t = -4.10, df = 5"
  Number p;                            ///< of the test for the overall effect
  Number k;                            ///< studies in the fit
};

/// Heterogeneity of one fit, as the report's tables and texts word it.
struct Heterogeneity {
  bool applicable = false;  ///< two or more studies
  Number tau2, tau, I2, H2, Q, df, p;
  std::string tau2_ci, I2_ci;  ///< "[0.0012, 0.2345]"; "" when none
  /// "Heterogeneity: τ² = 0.0331 [..]; I² = 55.2% [..]; Q = 11.15, df = 5 (P = 0.048)"
  std::string line;
};

/// A subgroup (title set), the untitled block of ungrouped studies, or the whole table's
/// summary (AnalysisView::total: no studies).
struct Block {
  std::string title;
  std::vector<StudyRow> studies;
  std::vector<PooledRow> pooled;         ///< subtotal or total diamonds
  std::vector<Cell> total_cells;         ///< under Count columns on the first pooled row
  std::vector<Cell> event_cells;         ///< under Events columns on a "Total events" row
  std::optional<Heterogeneity> heterogeneity;  ///< of the random-effects fit, else the common one
  /// Lines under the block as the forest plot prints them: "Heterogeneity: Tau² = ...;
  /// Chi² = ...", "Test for overall effect: Z = ...".
  std::vector<std::string> notes;
};

/// The test for subgroup differences, as numbers and in both wordings.
struct SubgroupTestView {
  Number Q, df, p;
  std::string note;  ///< "Test for subgroup differences: Chi² = 1.23, df = 1 (P = 0.27)" (plot)
  std::string text;  ///< "Test for subgroup differences: Q = 1.23, df = 1 (P = 0.27)" (report)
};

struct AnalysisView {
  core::Measure measure = core::Measure::GEN;
  double level = 95;
  int decimals = 2;
  bool pooled = true;                ///< false: rows only (see review_view.h)
  std::string effect_header;         ///< "Hazard Ratio"
  std::string method_header;         ///< "IV, Random, 95% CI"
  std::string study_header = "Study";
  std::string label_experimental, label_control;
  std::vector<Column> columns;
  bool show_weight_common = false, show_weight_random = false;
  std::vector<Block> blocks;         ///< subgroups in order; an untitled block holds ungrouped studies
  Block total;                       ///< overall diamonds, totals and notes (no studies)
  std::optional<SubgroupTestView> subgroup_test;
  Number k;                          ///< studies in the primary fit (usable studies when not pooled)
  /// The labelled estimate: "HR 0.63 [0.46, 0.85]", "Proportion 0.73 [0.34, 0.93]", with
  /// both models "Common effect: RR ...; random effects: RR ...", or "" when nothing is pooled.
  std::string headline;
  std::string favours_left, favours_right;
  std::vector<std::string> footnotes;
  SortOrder sort = SortOrder::AsGiven;
  bool symmetric_axis = false;       ///< axis symmetric about the null, as RevMan draws it
  std::optional<std::pair<double, double>> axis_limits;  ///< display scale; default from the data

  /// Log ratios are drawn on a log axis (Number::value); others on the display scale (shown).
  bool log_axis() const { return core::is_log_ratio(measure); }
};

/// What a headline writes before an estimate: the measure's code ("HR", "RR", "SMD"), but
/// "Proportion" for every proportion measure (never "PLO 0.73") and "Effect" for a generic one.
std::string estimate_label(core::Measure m);

struct ViewOptions {
  SortOrder sort = SortOrder::AsGiven;
  std::string label_experimental = "Experimental";
  std::string label_control = "Control";
  /// Labels under the axis; default "Favours <experimental>" left, "Favours <control>" right.
  std::optional<std::string> favours_left, favours_right;
  std::vector<std::string> flags;      ///< per EffectTable row ("" = none), or empty
  std::vector<std::string> footnotes;  ///< lines under the figure explaining the flags
  int decimals = 2;
  bool symmetric_axis = false;
  std::optional<std::pair<double, double>> axis_limits;

  /// Empty when valid; otherwise a message naming the bad option.
  std::string validate(std::size_t k) const;
};

/// The view of `es` with the common and/or random-effects fit (either may be null, not
/// both) made from it. Throws metareview::Error when the options are invalid or a fit does
/// not match the table.
/// Headers, arm labels, favours labels and footnotes from `o`, for a view whose measure and
/// level are set (pooled or not).
void apply_labels(AnalysisView& v, const ViewOptions& o);

AnalysisView analysis_view(const effect::EffectTable& es, const model::Fit* common, const model::Fit* random,
                           const ViewOptions& options = {});

/// The view of `es` with all its fits: overall, each fitted subgroup, and the test for
/// subgroup differences (model::fit_subgroups on the same table).
AnalysisView analysis_view(const effect::EffectTable& es, const model::SubgroupFits& fits,
                           const ViewOptions& options = {});

/// Moves the studies of subgroup `title` (StudyInput::subgroup) into their own block, with
/// subtotal diamonds and heterogeneity lines from the subgroup's fits (no prediction
/// interval per subgroup, as meta's default). Blocks are drawn in the order added.
void add_subgroup(AnalysisView& view, const std::string& title, const model::Fit* common, const model::Fit* random);

/// add_subgroup() for every subgroup with a fit (a subgroup without a usable study leaves its
/// rows ungrouped), then set_subgroup_test() when `test` is given.
void add_subgroups(AnalysisView& view, const std::vector<model::SubgroupFit>& subgroups, const model::SubgroupTest* test);

/// Adds the test for subgroup differences (Q_between with its df and p) to the overall notes.
void set_subgroup_test(AnalysisView& view, const model::SubgroupTest& test);

/// The studies of `block` in the order the plot draws them: view.sort within the block, by
/// the random-effects weights when they are shown, else by the common-effect ones. Tables
/// list their rows in this order so that table and figure agree.
std::vector<const StudyRow*> drawn_order(const AnalysisView& view, const Block& block);

}  // namespace metareview::present
