#pragma once
// Sizes and colours of the figures, in points. Defaults follow the RevMan 5 / R meta look:
// black text and lines, grey study squares, black diamonds, 9 pt text.
#include "core/figure_options.h"
#include "render/scene.h"

namespace metareview::render {

struct Theme {
  double font_size = 9;          ///< table text
  double small_font_size = 8;    ///< heterogeneity, tests, footnotes, axis labels
  double row_height = 12.5;      ///< one table row (>= ascent + descent of font_size)
  double margin = 10;            ///< around the figure
  double column_gap = 10;        ///< between table columns
  double max_label_width = 150;  ///< study labels longer than this are shortened with "…"
  double plot_width = 170;       ///< the graphical column
  double max_square = 10;        ///< side of the square of the heaviest study
  double min_square = 2.5;       ///< side of the square of the lightest study
  double diamond_height = 8;
  double line_width = 0.75;
  double tick_length = 3;

  Color text{0, 0, 0};
  Color line{0, 0, 0};
  Color square{0.45, 0.45, 0.45};   ///< study squares (grey, so whiskers stay visible)
  Color diamond{0, 0, 0};           ///< pooled estimates
  Color common_diamond{1, 1, 1};    ///< a hollow diamond when both models are shown
  Color prediction{0.75, 0.75, 0.75};
  Color pooled_line{0.35, 0.35, 0.35};  ///< the dotted line at the pooled estimate
  Color grid{0.6, 0.6, 0.6};
  // Contour-enhanced funnel plot shading (Peters et al. 2008): darker = less significant.
  Color contour_10{0.55, 0.55, 0.55};  ///< 0.05 < p < 0.10
  Color contour_05{0.75, 0.75, 0.75};  ///< 0.01 < p < 0.05
  Color contour_01{0.92, 0.92, 0.92};  ///< p < 0.01
  Color point{0, 0, 0};                ///< funnel plot study points
};

/// The theme of `t` (core::FigureTheme). Grey is the default above. Colour follows RevMan 5,
/// which draws study squares in blue and pooled diamonds in black, and R meta's forest(),
/// whose prediction interval is red (col.predict = "red"); the funnel points are blue too.
inline Theme theme_of(core::FigureTheme t) {
  Theme out;
  if (t == core::FigureTheme::Colour) {
    out.square = {0.08, 0.33, 0.65};
    out.prediction = {0.90, 0.45, 0.45};
    out.pooled_line = {0.08, 0.33, 0.65};
    out.point = {0.08, 0.33, 0.65};
  }
  return out;
}

/// `t` with its table text at `font_size` points: the small text, rows, squares, diamonds and
/// the label width scale in proportion, so a larger font never makes rows overlap and labels
/// wrap where they did.
inline Theme with_font_size(Theme t, double font_size) {
  const double k = font_size / t.font_size;
  t.font_size = font_size;
  t.small_font_size *= k;
  t.row_height *= k;
  t.max_square *= k;
  t.min_square *= k;
  t.diamond_height *= k;
  t.tick_length *= k;
  t.max_label_width *= k;
  return t;
}

/// The theme `figure` asks for: its colours, font size and label width.
inline Theme figure_theme(const core::FigureOptions& figure) {
  Theme t = theme_of(figure.theme);
  if (figure.font_size) t = with_font_size(t, *figure.font_size);
  if (figure.label_width) t.max_label_width = *figure.label_width;
  return t;
}

}  // namespace metareview::render
