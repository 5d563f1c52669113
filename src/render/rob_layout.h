#pragma once
// Risk-of-bias figures of an analysis, drawn as robvis draws them (McGuinness LA, Higgins JPT.
// Risk-of-bias VISualization (robvis). Res Synth Methods 2021;12:55-61): the traffic-light
// plot (studies x domains, a coloured circle with a symbol per judgment) and the weighted
// summary plot (per domain, the share of weight at each judgment). Rows of several tools
// (RoB 1, RoB 2, ROBINS-I) get one block each, in rob_tools() order; rows without an
// applicable assessment are named under the blocks. A RoB 1 domain the study file leaves out
// is drawn as no information, and RoB 1's overall column appears only where a file gives one.
#include <string>
#include <string_view>
#include <vector>

#include "core/risk_of_bias.h"
#include "render/scene.h"
#include "render/theme.h"

namespace metareview::render {

/// One row of the analysis: its label, the assessment of its outcome (null when none), and
/// its weight in the primary model (percent; 0 when not pooled).
struct RobRow {
  std::string label;
  const core::RobAssessment* assessment = nullptr;
  double weight = 0;
};

/// How a judgment is drawn: robvis' "cochrane" colours and its symbols.
struct RobStyle {
  Color fill;
  std::string symbol;  ///< "+", "−", "×", "!", "?"
  Color ink;           ///< of the symbol
};
RobStyle rob_style(std::string_view judgment, const TextMeasurer& m);

/// Whether any row has an assessment other than not-applicable (the figures apply).
bool any_applicable(const std::vector<RobRow>& rows);

/// Traffic-light plot: one block per tool used, rows in analysis order; its legend names
/// the domains D1..Dn and the judgments.
Scene rob_traffic_light_layout(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& theme = {});

/// Summary plot: per tool used, one 100% bar per domain and the overall judgment, split by
/// the share of the rows' weights (rescaled to the rows assessed with that tool) at each
/// judgment. Rows of weight 0 count for nothing.
Scene rob_summary_layout(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& theme = {});

/// What the two layouts share (rob_layout.cpp).
namespace rob_detail {
/// The tools with at least one row, in rob_tools() order (not-applicable never).
std::vector<const core::RobTool*> tools_used(const std::vector<RobRow>& rows);
/// A bold heading, "RoB 2 (Sterne et al. 2019)", with its baseline below `y`; the new y.
double heading(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool, double x, double y);
/// The judgments of `tool` as marks (circles with symbols, or squares) and labels in one
/// row from `x`, and "No information" after them when `unjudged` (a RoB 1 domain left out);
/// the new y.
double judgment_legend(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool, double x, double y,
                       bool circles, bool unjudged = false);
/// Whether a row of `tool` leaves a domain unjudged (RoB 1 only).
bool any_unjudged(const core::RobTool& tool, const std::vector<RobRow>& rows);
/// Whether the overall judgment is drawn: always where the tool requires one, else (RoB 1)
/// when a row of the tool gives one.
bool shows_overall(const core::RobTool& tool, const std::vector<RobRow>& rows);
/// Draws one tool's block from y; returns the y below it.
using Block = double (*)(Scene& s, const TextMeasurer& m, const Theme& t, const core::RobTool& tool,
                         const std::vector<RobRow>& rows, double y);
/// The blocks of every tool used, stacked, then a note naming the rows without an
/// applicable assessment.
Scene stack_blocks(const std::vector<RobRow>& rows, const TextMeasurer& m, const Theme& t, Block block);
}  // namespace rob_detail

}  // namespace metareview::render
