#pragma once
// Forest plots, modelled on RevMan 5 (R meta's forest(layout = "RevMan5")) and metafor's
// forest(): a table of studies with their arm data, weights and effect [CI], a graphical
// column with squares, whiskers and diamonds, heterogeneity and test lines, subgroups.
// forest_input() turns an EffectTable and fits into a ForestInput (all text formatted by
// core/format); forest_layout() turns that into a Scene without touching a drawing surface.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/measure.h"
#include "effect/effect_table.h"
#include "model/fit.h"
#include "model/subgroup_test.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// Order of the study rows, applied within each subgroup: as given, by effect (ascending),
/// by weight (heaviest first), by year (oldest first, unknown years last). Ties keep input order.
enum class SortOrder { AsGiven, Effect, Weight, Year };
std::optional<SortOrder> parse_sort_order(std::string_view code);  ///< "given", "effect", "weight", "year"
std::string valid_sort_orders();

/// A per-arm column of the table. Count columns are summed on the pooled row ("Total"),
/// Events columns on the "Total events" row.
struct ForestColumn {
  enum class Kind { Text, Count, Events };
  std::string header;  ///< "Events", "Total", "Mean", "SD", "Reported HR [CI]"
  int group = 0;       ///< 0: no arm, 1: experimental, 2: control
  Kind kind = Kind::Text;
};

struct ForestStudy {
  std::string label;               ///< "Dimopoulos 2020" or a trial name
  std::string subgroup;            ///< "" = none
  std::vector<std::string> cells;  ///< one per ForestInput::columns
  double yi = 0, ci_lb = 0, ci_ub = 0;  ///< analysis scale; non-finite yi: "Not estimable"
  double ni = std::numeric_limits<double>::quiet_NaN();  ///< for back-transforming PFT
  std::optional<double> weight_common, weight_random;   ///< percent of the total weight
  std::optional<int> year;
  std::string flag;                ///< marker drawn after the label ("†"); "" = none
  int source_row = -1;             ///< row of the EffectTable (element index in the Scene)
};

/// A pooled estimate (diamond) of one model.
struct ForestPooled {
  std::string label;  ///< "Random effects model", "Total (95% CI)"
  bool random = false;
  double est = 0, ci_lb = 0, ci_ub = 0;  ///< analysis scale
  std::optional<double> pi_lb, pi_ub;    ///< prediction interval (drawn under the diamond)
  double ni = std::numeric_limits<double>::quiet_NaN();  ///< harmonic mean n (PFT)
  std::optional<double> weight;          ///< percent, for the weight column
};

/// A subgroup (title set) or the whole table's summary (the ForestInput::total block).
struct ForestBlock {
  std::string title;
  std::vector<ForestStudy> studies;
  std::vector<ForestPooled> pooled;       ///< subtotal or total diamonds
  std::vector<std::string> total_cells;   ///< under Count columns on the first pooled row
  std::vector<std::string> event_cells;   ///< under Events columns on a "Total events" row
  std::vector<std::string> notes;         ///< heterogeneity, test for overall effect, ...
};

struct ForestInput {
  core::Measure measure = core::Measure::GEN;
  double level = 95;
  int decimals = 2;
  std::string effect_header;         ///< "Hazard Ratio"
  std::string method_header;         ///< "IV, Random, 95% CI"
  std::string study_header = "Study";
  std::string label_experimental, label_control;
  std::vector<ForestColumn> columns;
  bool show_weight_common = false, show_weight_random = false;
  std::vector<ForestBlock> blocks;   ///< subgroups in order; an untitled block holds ungrouped studies
  ForestBlock total;                 ///< overall diamonds, totals and notes (no studies)
  std::string favours_left, favours_right;
  std::vector<std::string> footnotes;
  SortOrder sort = SortOrder::AsGiven;
  bool symmetric_axis = false;       ///< axis symmetric about the null, as RevMan draws it
  std::optional<std::pair<double, double>> axis_limits;  ///< display scale; default from the data

  /// Log ratios are drawn on a log axis; values are shown with effect::back_transform().
  bool log_axis() const { return core::is_log_ratio(measure); }
};

struct ForestOptions {
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

/// The forest plot of `es` with the common and/or random-effects fit (either may be null,
/// not both) made from it. Throws metareview::Error when the options are invalid or a fit
/// does not match the table.
ForestInput forest_input(const effect::EffectTable& es, const model::Fit* common, const model::Fit* random,
                         const ForestOptions& options = {});

/// Moves the studies of subgroup `title` (StudyInput::subgroup) into their own block, with
/// subtotal diamonds and heterogeneity lines from the subgroup's fits (no prediction
/// interval per subgroup, as meta's default). Blocks are drawn in the order added.
void add_subgroup(ForestInput& in, const std::string& title, const model::Fit* common, const model::Fit* random);

/// Between-subgroup test as given (Q_between with its df and p; model::subgroup_test).
using SubgroupTest = model::SubgroupTest;
/// Adds "Test for subgroup differences: Chi² = ..., df = ... (P = ...)" to the notes.
void set_subgroup_test(ForestInput& in, const SubgroupTest& test);

/// The studies of `block` in the order the plot draws them: in.sort within the block, by the
/// random-effects weights when they are shown, else by the common-effect ones. Reports list
/// their table rows in this order so that table and figure agree.
std::vector<const ForestStudy*> drawn_order(const ForestInput& in, const ForestBlock& block);

/// The laid-out figure.
Scene forest_layout(const ForestInput& in, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
