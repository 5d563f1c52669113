#pragma once
// A small page-flow engine for the PDF supplement: headings, wrapped paragraphs, tables and
// figures poured onto A4 pages, each page a render::Scene that render_pdf_document draws.
// Every text is measured with the TextMeasurer that the writer's fonts draw with, so nothing
// leaves its page: paragraphs and table cells wrap (words wider than a line, such as URLs and
// hashes, are broken, never cut off), tables break between rows (repeating their header),
// and a figure taller than a page is cut between its rows of text. Text in a script the font
// lacks (a Chinese title) is shown as "[…]", never as empty boxes.
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

/// Cutting a figure across pages (render/slice.h), as the tests and the supplement name it.
using render::place;
using render::safe_cut;

class Document {
 public:
  Document(const render::TextMeasurer& measure, PageSetup setup);

  /// Level 1 (section), 2 (analysis) or 3; kept on a page with the start of what follows.
  void heading(const std::string& text, int level);
  /// Text wrapped to the text width; '\n' starts a new line.
  void paragraph(const std::string& text, const TextStyle& style = {});
  void table(const Table& t);
  /// The figure scaled to the text width (never more than `max_scale`), centred, with its
  /// caption under it; cut across pages when it is taller than a page.
  void figure(const render::Scene& scene, const std::string& label, const std::string& caption,
              double max_scale = std::numeric_limits<double>::infinity());
  void space(double points);
  void new_page();

  int page_number() const { return static_cast<int>(pages_.size()); }
  double text_width() const { return setup_.width - setup_.margin_left - setup_.margin_right; }
  const render::TextMeasurer& measure() const { return m_; }

  /// The pages with running header and "Page i of n" footer.
  std::vector<render::Scene> finish() &&;

 private:
  double bottom() const { return setup_.height - setup_.margin_bottom; }
  bool at_top() const { return y_ <= setup_.margin_top + 0.01; }
  /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
  void ensure(double height);
  void text(const std::string& s, double x, double top, double size, render::FontWeight w, render::Color c,
            render::Anchor anchor = render::Anchor::Start, double line_height = 0);
  void rule(double x0, double x1, double y, double width);
  double line_height(double size, double leading = 1.32) const { return size * leading; }

  struct TableLayout;
  void table_header(const Table& t, const TableLayout& l, bool continued);

  const render::TextMeasurer& m_;
  PageSetup setup_;
  std::vector<render::Scene> pages_;
  render::Scene* page_ = nullptr;  ///< the page text() and rule() draw on
  double y_ = 0;
};

}  // namespace metareview::report
