#pragma once
// Figure controls (docs/figures.md): axis limits and ticks, width, font size, label wrapping
// width, extra columns, theme and the prediction interval of a forest plot, and when a report
// draws a funnel plot. One value type read from two places: the `forest`/`funnel` command
// flags (cli/plot_options) and a review's <forest> element and funnel attribute (review/),
// checked by one validate(), drawn by render/forest_layout.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace metareview::core {

/// Colours of a figure: RevMan 5's black and grey (the default, prints on any printer) or
/// colour.
enum class FigureTheme { Grey, Colour };
/// Columns a forest plot may add to its table: the number of participants, the study's
/// follow-up (review files only), its risk-of-bias judgments D1..Dn and overall (review files only).
enum class FigureColumn { N, FollowUp, RiskOfBias };
/// When a report draws a funnel plot: from ten studies on (Cochrane Handbook 13.3.5.4),
/// always (from three studies, when the authors ask for it), or never.
enum class FunnelRule { Auto, Always, Never };

std::string_view to_string(FigureTheme t);
std::optional<FigureTheme> parse_figure_theme(std::string_view code);
std::string valid_figure_themes();  ///< "grey, colour"
std::string_view to_string(FigureColumn c);
std::optional<FigureColumn> parse_figure_column(std::string_view code);
std::string valid_figure_columns();  ///< "n, follow-up, rob"
std::string_view to_string(FunnelRule r);
std::optional<FunnelRule> parse_funnel_rule(std::string_view code);
std::string valid_funnel_rules();  ///< "auto, always, never"

/// Limits of the controls, in points.
inline constexpr double kMinFigureWidth = 200, kMaxFigureWidth = 2000;
inline constexpr double kMinFontSize = 6, kMaxFontSize = 16;
inline constexpr double kMinLabelWidth = 40, kMaxLabelWidth = 600;
/// The fewest studies a report draws a funnel plot for unless asked (Cochrane Handbook 13.3.5.4).
inline constexpr int kFunnelMinStudies = 10;

struct FigureOptions {
  /// Axis limits on the display scale (ratios as ratios); nullopt = chosen from the data.
  std::optional<std::pair<double, double>> xlim;
  /// Tick positions on the display scale, ascending; empty = chosen. Without xlim they set
  /// the limits too (first and last tick), as metafor's forest(at = ).
  std::vector<double> at;
  std::optional<double> width;        ///< whole figure in points; the plot column takes what the table leaves
  std::optional<double> font_size;    ///< table text in points (the small text scales with it)
  std::optional<double> label_width;  ///< study labels and titles wrap beyond this many points
  std::vector<FigureColumn> columns;  ///< in the order given, each once
  FigureTheme theme = FigureTheme::Grey;
  bool prediction = true;             ///< draw the prediction interval when the fit has one

  /// "" when valid, else the first problem, naming the option as the CLI spells it
  /// ("xlim: the lower limit 5 must be below the upper limit 1"). `ratio_axis`: the measure
  /// is drawn on a log axis, so limits and ticks must be above 0.
  std::string validate(bool ratio_axis) const;
};

/// Numbers separated by `sep` (spaces around them allowed), as "0.1,10" or "0.1 10" (sep
/// ' ': any run of spaces). nullopt when any item is not a plain decimal number.
std::optional<std::vector<double>> parse_number_list(std::string_view text, char sep);

}  // namespace metareview::core
