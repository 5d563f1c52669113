#include "report/document.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/format.h"

namespace metareview::report {
namespace {

using render::FontWeight;

constexpr double kCellPad = 3;         ///< left and right of a cell's text
constexpr double kRowPad = 1.6;        ///< above and below a row's text
constexpr double kNoteIndent = 10;     ///< a note row starts under the first column's text, indented
constexpr double kTopRule = 0.9, kMidRule = 0.5, kThinRule = 0.3;
constexpr const char* kMissing = "[\u2026]";  ///< stands for text the font cannot draw
const render::Color kGrey{0.33, 0.33, 0.33};

/// `s` with each run of characters that no font of the chain has a glyph for (a script
/// neither DejaVu Sans nor Noto Sans CJK covers, such as Devanagari) replaced by kMissing,
/// rather than drawn as empty boxes.
std::string drawable(const render::TextMeasurer& m, const std::string& text, FontWeight w) {
  const std::string s = render::drawable_utf8(text);
  std::string out;
  bool in_gap = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = render::next_code_point(s, i);
    const bool ok = cp < 0x80 || m.covers(cp, w);
    if (ok) out.append(s, start, i - start);
    else if (!in_gap) out += kMissing;
    in_gap = !ok;
  }
  return out;
}

/// Byte offsets of the UTF-8 character boundaries of `s` after the first character.
std::vector<std::size_t> char_ends(const std::string& s) {
  std::vector<std::size_t> ends;
  for (std::size_t i = 1; i <= s.size(); ++i)
    if (i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ends.push_back(i);
  return ends;
}

/// Pieces of a word wider than `width`, each as wide as fits, broken after a '/', '-', '?',
/// '&', '=' or '.' where one falls in the second half of the piece (URLs, file names,
/// hashes), else between any two characters.
std::vector<std::string> break_word(const render::TextMeasurer& m, std::string word, double width, double size,
                                    FontWeight w) {
  std::vector<std::string> out;
  // Each piece holds at least one character, so the loop ends even when not one fits.
  while (!word.empty() && m.width(word, size, w) > width) {
    const std::vector<std::size_t> ends = char_ends(word);
    std::size_t lo = 0, hi = ends.size();  // ends[0..lo) fit
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (m.width(word.substr(0, ends[mid]), size, w) <= width) lo = mid + 1;
      else hi = mid;
    }
    std::size_t cut = lo == 0 ? ends[0] : ends[lo - 1];
    const std::size_t soft = word.find_last_of("/-?&=.", cut - 1);
    if (soft != std::string::npos && soft + 1 > cut / 2 && soft + 1 < cut) cut = soft + 1;
    out.push_back(word.substr(0, cut));
    word.erase(0, cut);
  }
  out.push_back(std::move(word));
  return out;
}

/// `s` wrapped into `width` at spaces, honouring '\n'; a word wider than `width` is broken.
std::vector<std::string> wrap_lines(const render::TextMeasurer& m, const std::string& text, double width, double size,
                                    FontWeight w) {
  const std::string s = drawable(m, text, w);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    std::string line;
    bool any = false;
    for (std::size_t i = start; i < end;) {
      std::size_t j = s.find(' ', i);
      if (j == std::string::npos || j > end) j = end;
      if (j > i) {
        const std::string word = s.substr(i, j - i);
        const std::string joined = line.empty() ? word : line + ' ' + word;
        if (m.width(joined, size, w) <= width) {
          line = joined;
        } else {
          if (!line.empty()) out.push_back(std::move(line));
          std::vector<std::string> pieces = break_word(m, word, width, size, w);
          for (std::size_t k = 0; k + 1 < pieces.size(); ++k) out.push_back(std::move(pieces[k]));
          line = std::move(pieces.back());
        }
        any = true;
      }
      i = j + 1;
    }
    if (any || line.empty()) out.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

/// The width of the widest piece of `s` between `separators`, as drawn: "\n" gives the
/// widest line (the width `s` needs), " \n" the longest word (the least it can be wrapped to).
double widest_piece(const render::TextMeasurer& m, const std::string& text, const char* separators, double size,
                    FontWeight w) {
  const std::string s = drawable(m, text, w);
  double best = 0;
  for (std::size_t start = 0; start <= s.size();) {
    std::size_t end = s.find_first_of(separators, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) best = std::max(best, m.width(s.substr(start, end - start), size, w));
    start = end + 1;
  }
  return best;
}

FontWeight cell_weight(const TableRow& r) {
  return r.kind == TableRow::Kind::Summary || r.kind == TableRow::Kind::Heading ? FontWeight::Bold : FontWeight::Normal;
}

}  // namespace

std::vector<double> column_widths(const Table& t, const render::TextMeasurer& m, double width) {
  const std::size_t n = t.columns.size();
  std::vector<double> natural(n, 0), minimum(n, 0);
  for (std::size_t j = 0; j < n; ++j) {
    natural[j] = widest_piece(m, t.columns[j].header, "\n", t.size, FontWeight::Bold);
    minimum[j] = widest_piece(m, t.columns[j].header, " \n", t.size, FontWeight::Bold);
  }
  for (const auto& r : t.rows) {
    if (r.kind == TableRow::Kind::Heading || r.kind == TableRow::Kind::Note) continue;
    for (std::size_t j = 0; j < n && j < r.cells.size(); ++j) {
      natural[j] = std::max(natural[j], widest_piece(m, r.cells[j], "\n", t.size, cell_weight(r)));
      minimum[j] = std::max(minimum[j], widest_piece(m, r.cells[j], " \n", t.size, cell_weight(r)));
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    natural[j] += 2 * kCellPad;
    minimum[j] = std::min(natural[j], minimum[j] + 2 * kCellPad);
  }
  const double sum_natural = std::accumulate(natural.begin(), natural.end(), 0.0);
  std::vector<double> w(n);
  if (sum_natural <= width) {
    for (std::size_t j = 0; j < n; ++j) w[j] = natural[j] * width / sum_natural;
    return w;
  }
  // Columns no wider than a fair share of the room keep their natural width (as browsers lay
  // out tables); the others share the rest, each at least its longest word.
  std::vector<bool> fixed(n, false);
  double room = width;
  for (bool changed = true; changed;) {
    changed = false;
    const auto flex = static_cast<double>(std::count(fixed.begin(), fixed.end(), false));
    if (flex == 0) break;
    const double fair = room / flex;
    for (std::size_t j = 0; j < n; ++j)
      if (!fixed[j] && natural[j] <= fair) fixed[j] = true, w[j] = natural[j], room -= natural[j], changed = true;
  }
  double flex_natural = 0, flex_minimum = 0;
  for (std::size_t j = 0; j < n; ++j)
    if (!fixed[j]) flex_natural += natural[j], flex_minimum += minimum[j];
  if (flex_minimum > room) {
    // Even the longest words do not fit: they are broken (wrap_lines). No column's longest
    // word may claim more than a fair share, so that one very long word (a trial name of
    // 400 letters) cannot squeeze the other columns below their padding.
    const double fair = room / static_cast<double>(std::count(fixed.begin(), fixed.end(), false));
    flex_minimum = 0;
    for (std::size_t j = 0; j < n; ++j)
      if (!fixed[j]) minimum[j] = std::min(minimum[j], fair), flex_minimum += minimum[j];
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (fixed[j]) continue;
    if (flex_natural > flex_minimum)
      w[j] = minimum[j] + (room - flex_minimum) * (natural[j] - minimum[j]) / (flex_natural - flex_minimum);
    else
      w[j] = minimum[j] * room / flex_minimum;
  }
  return w;
}

// ---------------------------------------------------------------------------------------

struct Document::TableLayout {
  std::vector<double> x, w;  ///< left edge and width of each column
  double left = 0, right = 0;
  double lh = 0;             ///< line height
};

Document::Document(const render::TextMeasurer& measure, PageSetup setup) : m_(measure), setup_(std::move(setup)) {
  new_page();
}

void Document::new_page() {
  const double width = landscape_ ? setup_.height : setup_.width, height = landscape_ ? setup_.width : setup_.height;
  if (page_ && page_->elements.empty()) {
    page_->width = width;
    page_->height = height;
  } else {
    render::Scene page;
    page.width = width;
    page.height = height;
    pages_.push_back(std::move(page));
    page_ = &pages_.back();
  }
  y_ = setup_.margin_top;
  if (!floats_.empty() && !flushing_) flush_floats();
}

double Document::used() const { return (y_ - setup_.margin_top) / (bottom() - setup_.margin_top); }

double Document::pending_height() const {
  double height = 0;
  for (const Heading& h : pending_)
    height += h.before + h.line_height * static_cast<double>(h.lines.size()) + h.after;
  return height;
}

double Document::header_height(const Table& t, const TableLayout& l) {
  // Drawn and taken back: the one way to measure it exactly as it is drawn.
  const std::size_t elements = page_->elements.size();
  const double top = y_;
  table_header(t, l, false);
  const double height = y_ - top;
  page_->elements.erase(page_->elements.begin() + static_cast<std::ptrdiff_t>(elements), page_->elements.end());
  y_ = top;
  return height;
}

void Document::keep(double need) {
  const double height = need + pending_height();
  ensure(std::min(height, bottom() - setup_.margin_top));
  ensure(std::min(height, bottom() - setup_.margin_top));  // again, below figures a new page placed
  for (const Heading& h : pending_) {
    space(h.before);
    heading_pages_[h.number] = page_number();
    for (const auto& line : h.lines) {
      text(line, setup_.margin_left, y_, h.size, FontWeight::Bold, {}, render::Anchor::Start, h.line_height);
      y_ += h.line_height;
    }
    y_ += h.after;
  }
  pending_.clear();
}

void Document::ensure(double height) {
  if (!at_top() && y_ + height > bottom()) new_page();
}

void Document::space(double points) {
  if (!at_top()) y_ += points;
}

void Document::text(const std::string& s, double x, double top, double size, FontWeight w, render::Color c,
                    render::Anchor anchor, double lh) {
  if (s.empty()) return;
  if (lh <= 0) lh = line_height(size);
  const double asc = m_.ascent(size, w), desc = m_.descent(size, w);
  const double baseline = top + (lh - asc - desc) / 2 + asc;
  page_->add(render::make_text(m_, s, {x, baseline}, anchor, size, w, "document-text", -1, c));
}

void Document::rule(double x0, double x1, double y, double width) {
  render::Line l;
  l.role = "document-rule";
  l.a = {x0, y};
  l.b = {x1, y};
  l.stroke.width = width;
  page_->add(std::move(l));
}

std::size_t Document::heading(const std::string& s, int level) {
  if (level <= 1 && !floats_.empty()) new_page();  // a section's figures stay in it
  const double size = level <= 1 ? 13 : level == 2 ? 11 : 9.5;
  const double before = level <= 1 ? 14 : level == 2 ? 10 : 7;
  pending_.push_back({wrap_lines(m_, s, text_width(), size, FontWeight::Bold), size, line_height(size, 1.25), before,
                      level <= 1 ? 5.0 : 3.0, heading_pages_.size()});
  heading_pages_.push_back(0);
  return pending_.back().number;
}

void Document::paragraph(const std::string& s, const TextStyle& st) {
  const double lh = line_height(st.size, st.leading);
  const auto lines = wrap_lines(m_, s, text_width() - st.indent, st.size, st.weight);
  // No paragraph starts with a single line at the foot of a page.
  keep(static_cast<double>(std::min<std::size_t>(lines.size(), 2)) * lh);
  for (const auto& line : lines) {
    ensure(lh);
    text(line, setup_.margin_left + st.indent, y_, st.size, st.weight, st.color, render::Anchor::Start, lh);
    y_ += lh;
  }
  y_ += st.space_after;
}

void Document::table_header(const Table& t, const TableLayout& l, bool continued) {
  const std::string caption = t.label + (continued ? " (continued)" : "") + (t.caption.empty() || continued ? "" : " " + t.caption);
  const double cap_size = t.size + 1;
  for (const auto& line : wrap_lines(m_, caption, l.right - l.left, cap_size, FontWeight::Normal)) {
    text(line, l.left, y_, cap_size, FontWeight::Normal, {}, render::Anchor::Start, line_height(cap_size, 1.25));
    y_ += line_height(cap_size, 1.25);
  }
  y_ += 2;
  rule(l.left, l.right, y_, kTopRule);
  y_ += kRowPad;
  if (!t.groups.empty()) {
    // A group's label is wrapped over its columns, never cut short; the rules under the
    // labels line up under the tallest.
    std::vector<std::vector<std::string>> labels;
    std::size_t rows = 1;
    for (const auto& g : t.groups) {
      labels.emplace_back();
      if (g.span == 0 || g.first + g.span > l.x.size()) continue;
      const double x0 = l.x[g.first], x1 = l.x[g.first + g.span - 1] + l.w[g.first + g.span - 1];
      labels.back() = wrap_lines(m_, g.label, x1 - x0 - 2 * kCellPad, t.size, FontWeight::Bold);
      rows = std::max(rows, labels.back().size());
    }
    const double under = y_ + static_cast<double>(rows) * l.lh + 0.5;
    for (std::size_t k = 0; k < t.groups.size(); ++k) {
      const auto& g = t.groups[k];
      if (labels[k].empty()) continue;
      const double x0 = l.x[g.first], x1 = l.x[g.first + g.span - 1] + l.w[g.first + g.span - 1];
      const double top = y_ + static_cast<double>(rows - labels[k].size()) * l.lh;
      for (std::size_t i = 0; i < labels[k].size(); ++i)
        text(labels[k][i], (x0 + x1) / 2, top + static_cast<double>(i) * l.lh, t.size, FontWeight::Bold, {},
             render::Anchor::Middle, l.lh);
      rule(x0 + kCellPad, x1 - kCellPad, under, kThinRule);
    }
    y_ += static_cast<double>(rows) * l.lh + 2;
  }
  std::vector<std::vector<std::string>> cells;
  std::size_t lines = 1;
  for (std::size_t j = 0; j < t.columns.size(); ++j) {
    cells.push_back(wrap_lines(m_, t.columns[j].header, l.w[j] - 2 * kCellPad, t.size, FontWeight::Bold));
    lines = std::max(lines, cells.back().size());
  }
  for (std::size_t j = 0; j < t.columns.size(); ++j) {
    // Headers sit on the bottom line, as a table's column titles do.
    const double top = y_ + static_cast<double>(lines - cells[j].size()) * l.lh;
    for (std::size_t i = 0; i < cells[j].size(); ++i) {
      const double x = t.columns[j].right ? l.x[j] + l.w[j] - kCellPad : l.x[j] + kCellPad;
      text(cells[j][i], x, top + static_cast<double>(i) * l.lh, t.size, FontWeight::Bold, {},
           t.columns[j].right ? render::Anchor::End : render::Anchor::Start, l.lh);
    }
  }
  y_ += static_cast<double>(lines) * l.lh + kRowPad;
  rule(l.left, l.right, y_, kMidRule);
  y_ += kRowPad;
}

void Document::table(const Table& t) {
  TableLayout l;
  l.left = setup_.margin_left;
  l.right = setup_.margin_left + text_width();
  l.lh = line_height(t.size, 1.25);
  l.w = column_widths(t, m_, text_width());
  double x = l.left;
  for (const double w : l.w) l.x.push_back(x), x += w;

  // Lay every row out first: its lines per cell.
  struct Laid {
    const TableRow* row;
    std::vector<std::vector<std::string>> cells;
    std::size_t lines = 1;
  };
  std::vector<Laid> laid;
  for (const auto& r : t.rows) {
    Laid d{&r, {}, 1};
    if (r.kind == TableRow::Kind::Heading || r.kind == TableRow::Kind::Note) {
      const double indent = r.kind == TableRow::Kind::Note ? kNoteIndent : 0;
      const double size = r.kind == TableRow::Kind::Note ? t.size - 0.5 : t.size;
      d.cells.push_back(wrap_lines(m_, r.text, l.right - l.left - 2 * kCellPad - indent, size, cell_weight(r)));
    } else {
      for (std::size_t j = 0; j < t.columns.size(); ++j)
        d.cells.push_back(wrap_lines(m_, j < r.cells.size() ? r.cells[j] : "", l.w[j] - 2 * kCellPad, t.size, cell_weight(r)));
    }
    for (const auto& c : d.cells) d.lines = std::max(d.lines, c.size());
    laid.push_back(std::move(d));
  }

  const auto row_height = [&](std::size_t i) { return static_cast<double>(laid[i].lines) * l.lh + 2 * kRowPad; };
  // Start on a new page unless the header and two rows fit; a table that fits a page starts
  // on the next page whole when it is short (a third of a page) and would leave a stub there.
  double first_rows = 0, all_rows = 0;
  for (std::size_t i = 0; i < laid.size(); ++i) (i < 2 ? first_rows : all_rows) += row_height(i);
  all_rows += first_rows;
  const double header = header_height(t, l), whole = 4 + header + all_rows;
  const double page_room = bottom() - setup_.margin_top, overflow = whole - (bottom() - y_ - pending_height());
  keep(whole <= page_room / 3 && overflow > 0 && overflow < page_room / 5 ? whole : 4 + header + first_rows);
  space(4);
  table_header(t, l, false);
  bool fresh = true;  // nothing below the header on this page yet
  std::size_t break_at = 0;  // the row that starts the next page (0: none planned)
  // Where this page's rows end when they start at `first`: never with fewer than kLastRows
  // rows, nor less than a fifth of a page, left for the next page (which may be the last),
  // nor with a subgroup's title as the last row of a page.
  const auto plan_break = [&](std::size_t first) {
    double y = y_;
    std::size_t b = first;
    while (b < laid.size() && y + row_height(b) <= bottom() + 1e-9) y += row_height(b++);
    if (b >= laid.size() || b <= first) return std::size_t{0};
    constexpr std::size_t kLastRows = 3;
    if (laid.size() - b < kLastRows && laid.size() >= first + kLastRows + 2) b = laid.size() - kLastRows;
    double tail = 0;
    for (std::size_t i = b; i < laid.size(); ++i) tail += row_height(i);
    while (tail < (bottom() - setup_.margin_top) / 5 && b > first + 2) tail += row_height(--b);
    while (b > first + 1 && laid[b - 1].row->kind == TableRow::Kind::Heading) --b;
    return b;
  };
  break_at = plan_break(0);
  auto next_page = [&](std::size_t row) {
    rule(l.left, l.right, y_, kTopRule);
    new_page();
    table_header(t, l, true);
    fresh = true;
    break_at = plan_break(row);
  };

  for (std::size_t ri = 0; ri < laid.size(); ++ri) {
    const Laid& d = laid[ri];
    const TableRow& r = *d.row;
    if (ri == break_at && ri > 0 && !fresh) next_page(ri);
    const bool note = r.kind == TableRow::Kind::Note;
    const double size = note ? t.size - 0.5 : t.size;
    for (std::size_t from = 0; from < d.lines;) {
      const double room = std::floor((bottom() - y_ - 2 * kRowPad) / l.lh + 1e-9);
      const std::size_t fit = room > 0 ? static_cast<std::size_t>(room) : 0;
      // A row moves to the next page whole; only a row taller than a page is split.
      if (fit < d.lines - from && !fresh) {
        next_page(ri);
        continue;
      }
      const std::size_t to = std::min(d.lines, from + std::max<std::size_t>(fit, 1));
      if (r.rule_above && from == 0) rule(l.left, l.right, y_, kThinRule);
      y_ += kRowPad;
      for (std::size_t j = 0; j < d.cells.size(); ++j) {
        const auto& cell = d.cells[j];
        const bool right = !note && r.kind != TableRow::Kind::Heading && t.columns[j].right;
        const double cx = note ? l.left + kCellPad + kNoteIndent
                               : r.kind == TableRow::Kind::Heading ? l.left + kCellPad
                               : right ? l.x[j] + l.w[j] - kCellPad : l.x[j] + kCellPad;
        for (std::size_t i = from; i < to && i < cell.size(); ++i)
          text(cell[i], cx, y_ + static_cast<double>(i - from) * l.lh, size, cell_weight(r), note ? kGrey : render::Color{},
               right ? render::Anchor::End : render::Anchor::Start, l.lh);
      }
      y_ += static_cast<double>(to - from) * l.lh + kRowPad;
      fresh = false;
      from = to;
      if (from < d.lines) next_page(ri);
    }
  }
  rule(l.left, l.right, y_, kTopRule);
  y_ += 10;
}

void Document::figure(const render::Scene& scene, const std::string& label, const std::string& caption, double max_scale) {
  Float f{scene, label, caption, max_scale};
  // Figures keep their order: behind a figure waiting for a landscape page, they wait too.
  if (!floats_.empty() && !flushing_) {
    floats_.push_back(std::move(f));
    return;
  }
  // A figure that needs a landscape page, met on a page less than half full, waits for the
  // end of this page (as a journal floats it), so that no near-empty page precedes it.
  if (figure_scale(scene, max_scale).landscape && !flushing_ && used() < 0.5) {
    floats_.push_back(std::move(f));
    return;
  }
  place_figure(f);
}

Document::FigureScale Document::figure_scale(const render::Scene& scene, double max_scale) const {
  double smallest = std::numeric_limits<double>::infinity();
  for (const auto* t : scene.all<render::Text>()) smallest = std::min(smallest, t->size);
  const double portrait = setup_.width - setup_.margin_left - setup_.margin_right;
  const double landscape = setup_.height - setup_.margin_left - setup_.margin_right;
  const double scale = std::min(max_scale, portrait / scene.width);
  if (scale * smallest >= kMinFigureText) return {scale, false};
  const double need = kMinFigureText / smallest;
  if (scene.width * need <= portrait) return {need, false};
  // Too wide for legible text across a portrait page: scaled to a landscape page's width.
  return {std::min(landscape / scene.width, std::max(need, max_scale)), true};
}

void Document::flush_floats() {
  flushing_ = true;
  std::vector<Float> floats = std::move(floats_);
  floats_.clear();
  // Headings waiting for the text that follows them are not the figures' headings.
  std::vector<Heading> headings = std::move(pending_);
  pending_.clear();
  for (const Float& f : floats) place_figure(f);
  pending_ = std::move(headings);
  flushing_ = false;
}

void Document::place_figure(const Float& f) {
  const render::Scene& scene = f.scene;
  const std::string& label = f.label;
  const std::string& caption = f.caption;
  const auto [scale, landscape] = figure_scale(scene, f.max_scale);
  if (landscape) {
    // A landscape page of its own, where the headings waiting for it go too.
    landscape_ = true;
    new_page();
  }
  const double w = scene.width * scale, h = scene.height * scale;
  const double x = setup_.margin_left + (text_width() - w) / 2;
  const double cap_size = 8.5, cap_lh = line_height(cap_size, 1.25);
  const auto cap_lines = wrap_lines(m_, label + " " + caption, text_width(), cap_size, FontWeight::Normal);
  const double cap_h = static_cast<double>(cap_lines.size()) * cap_lh + 4;
  const double page_room = bottom() - setup_.margin_top;

  // A figure that fits a page starts on a page where it fits whole; a taller one where at
  // least a quarter of a page is left.
  keep(6 + (h + cap_h <= page_room ? h + cap_h : page_room / 4));
  space(6);
  double y0 = 0;
  while (true) {
    const double room = bottom() - y_;
    if ((scene.height - y0) * scale <= room) {
      for (auto& e : place(scene, y0, scene.height + 1, scale, {x, y_})) page_->add(std::move(e));
      y_ += (scene.height - y0) * scale;
      break;
    }
    const double cut = safe_cut(scene, y0, y0 + room / scale);
    for (auto& e : place(scene, y0, cut, scale, {x, y_})) page_->add(std::move(e));
    new_page();
    text(label + " (continued)", setup_.margin_left, y_, cap_size, FontWeight::Normal, kGrey, render::Anchor::Start, cap_lh);
    y_ += cap_lh + 2;
    y0 = cut;
  }
  y_ += 4;
  ensure(cap_h);
  for (const auto& line : cap_lines) {
    text(line, setup_.margin_left, y_, cap_size, FontWeight::Normal, {}, render::Anchor::Start, cap_lh);
    y_ += cap_lh;
  }
  y_ += 8;
  if (landscape_) {
    landscape_ = false;
    new_page();  // what follows is portrait again
  }
}

std::vector<render::Scene> Document::finish() && {
  keep(0);
  if (!floats_.empty()) new_page();
  if (pages_.size() > 1 && pages_.back().elements.empty()) pages_.pop_back();  // after a landscape figure
  const double size = 7.5;
  const std::string total = core::format_count(static_cast<double>(pages_.size()));
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    page_ = &pages_[i];
    const double left = setup_.margin_left, right = page_->width - setup_.margin_right;
    if (i > 0) {
      const double top = setup_.margin_top - 30;
      const double rw = m_.width(setup_.header_right, size, FontWeight::Normal);
      const std::string l =
          render::ellipsize(m_, drawable(m_, setup_.header_left, FontWeight::Normal), right - left - rw - 20, size,
                            FontWeight::Normal);
      text(l, left, top, size, FontWeight::Normal, kGrey);
      text(setup_.header_right, right, top, size, FontWeight::Normal, kGrey, render::Anchor::End);
      rule(left, right, top + line_height(size) + 2, kThinRule);
    }
    const double foot = page_->height - setup_.margin_bottom + 24;
    text(setup_.footer_left, left, foot, size, FontWeight::Normal, kGrey);
    text("Page " + core::format_count(static_cast<double>(i + 1)) + " of " + total, right, foot, size, FontWeight::Normal,
         kGrey, render::Anchor::End);
  }
  return std::move(pages_);
}

}  // namespace metareview::report
