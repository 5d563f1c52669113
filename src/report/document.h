#pragma once
// A small page-flow engine for the PDF supplement: headings, wrapped paragraphs, tables and
// figures poured onto A4 pages, each page a render::Scene that render_pdf_document draws.
// docs/outputs.md ("The layout of supplement.pdf") lists the layout rules.
// Every text is measured with the TextMeasurer that the writer's fonts draw with, so nothing
// leaves its page: paragraphs and table cells wrap (words wider than a line, such as URLs and
// hashes, are broken, never cut off), tables break between rows (repeating their header),
// and a figure taller than a page is cut between its rows of text. Text in a script no font
// of the chain has (render/font.h) is shown as "[…]", never as empty boxes.
#include <limits>
#include <string>
#include <vector>

#include "render/scene.h"
#include "render/slice.h"

namespace metareview::report {

struct PageSetup {
  double width = 595.28, height = 841.89;  ///< A4 portrait, points
  double margin_left = 62, margin_right = 62, margin_top = 70, margin_bottom = 62;
  std::string header_left, header_right;   ///< running header, from page 2 on
  std::string footer_left;                 ///< left of the page number
};

struct TextStyle {
  double size = 9;
  render::FontWeight weight = render::FontWeight::Normal;
  render::Color color;
  double leading = 1.32;  ///< line height / size
  double indent = 0;
  double space_after = 6;
};

struct TableColumn {
  std::string header;
  bool right = false;  ///< right-aligned (numbers)
};

/// A label over a run of columns (a two-level header, as "KdD: Events Total").
struct TableGroup {
  std::string label;
  std::size_t first = 0, span = 1;
};

struct TableRow {
  enum class Kind {
    Body,     ///< one cell per column
    Heading,  ///< `text` across the table, bold (a subgroup's title)
    Note,     ///< `text` across the table, smaller and grey (findings, heterogeneity)
    Summary,  ///< cells in bold (pooled rows)
  };
  Kind kind = Kind::Body;
  std::vector<std::string> cells;
  std::string text;
  bool rule_above = false;
};

struct Table {
  std::string label;    ///< "Table 3."
  std::string caption;
  std::vector<TableColumn> columns;
  std::vector<TableGroup> groups;
  std::vector<TableRow> rows;
  double size = 7.5;
};

/// Widths (points) of the columns of `t` so that the table is exactly `width` wide: natural
/// widths when they fit (the spare room shared in proportion); else columns no wider than a
/// fair share keep their natural width and the others share the rest, each at least as wide
/// as its longest word when that fits (longer words are broken when wrapped).
std::vector<double> column_widths(const Table& t, const render::TextMeasurer& m, double width);

/// The smallest text size (points) of a figure on the page; journals ask for at least 6-8 pt.
inline constexpr double kMinFigureText = 7;

/// Cutting a figure across pages (render/slice.h), as the tests and the supplement name it.
using render::place;
using render::safe_cut;

class Document {
 public:
  Document(const render::TextMeasurer& measure, PageSetup setup);

  /// Level 1 (section), 2 (analysis) or 3; kept on a page with the start of what follows:
  /// it is drawn by the next paragraph, table or figure, on the page where that one starts.
  /// Returns the heading's number, for heading_page().
  std::size_t heading(const std::string& text, int level);
  /// The page (from 1) heading `n` was drawn on; valid after finish().
  int heading_page(std::size_t n) const { return heading_pages_.at(n); }
  /// Text wrapped to the text width; '\n' starts a new line.
  void paragraph(const std::string& text, const TextStyle& style = {});
  void table(const Table& t);
  /// The figure scaled to the text width (never more than `max_scale`), centred, with its
  /// caption under it; cut across pages when it is taller than a page. Its smallest text is
  /// never drawn below kMinFigureText: a figure too wide for that at the text width is
  /// scaled up past `max_scale` when that fits, else set on a landscape page of its own. That
  /// page follows the current one when it is less than half full (what comes next fills it
  /// first), and the figures after it wait with it, so figures keep their order.
  void figure(const render::Scene& scene, const std::string& label, const std::string& caption,
              double max_scale = std::numeric_limits<double>::infinity());
  void space(double points);
  /// A new page unless the current page is still empty; portrait, but landscape (the page
  /// setup turned) while a figure too wide for a portrait page is set.
  void new_page();
  /// The share of the current page's text height already used (0 on an empty page).
  double used() const;

  int page_number() const { return static_cast<int>(pages_.size()); }
  /// The width between the margins of the current page.
  double text_width() const { return page_->width - setup_.margin_left - setup_.margin_right; }
  const render::TextMeasurer& measure() const { return m_; }

  /// The pages with running header and "Page i of n" footer.
  std::vector<render::Scene> finish() &&;

 private:
  double bottom() const { return page_->height - setup_.margin_bottom; }
  bool at_top() const { return y_ <= setup_.margin_top + 0.01; }
  /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
  void ensure(double height);
  /// Draws the pending headings where `need` points of what follows fit under them.
  void keep(double need);
  void text(const std::string& s, double x, double top, double size, render::FontWeight w, render::Color c,
            render::Anchor anchor = render::Anchor::Start, double line_height = 0);
  void rule(double x0, double x1, double y, double width);
  double line_height(double size, double leading = 1.32) const { return size * leading; }

  struct TableLayout;
  /// A figure waiting for the end of the page.
  struct Float {
    render::Scene scene;
    std::string label, caption;
    double max_scale = 0;
  };
  struct FigureScale {
    double scale = 1;
    bool landscape = false;  ///< on a landscape page
  };
  /// How a figure is scaled: to the text width, at most `max_scale`, its text at least kMinFigureText.
  FigureScale figure_scale(const render::Scene& scene, double max_scale) const;
  void place_figure(const Float& f);
  void flush_floats();
  void table_header(const Table& t, const TableLayout& l, bool continued);
  double header_height(const Table& t, const TableLayout& l);
  double pending_height() const;

  const render::TextMeasurer& m_;
  PageSetup setup_;
  std::vector<render::Scene> pages_;
  render::Scene* page_ = nullptr;  ///< the page text() and rule() draw on
  double y_ = 0;
  struct Heading {
    std::vector<std::string> lines;
    double size = 0, line_height = 0, before = 0, after = 0;
    std::size_t number = 0;
  };
  std::vector<int> heading_pages_;
  std::vector<Heading> pending_;  ///< headings waiting for what follows them
  bool landscape_ = false;
  std::vector<Float> floats_;  ///< figures waiting for the next page
  bool flushing_ = false;
};

}  // namespace metareview::report
