#pragma once
// Backend-free geometry of one figure. Layout code (forest_layout, funnel_layout) fills a
// Scene; cairo_writer draws it; tests inspect it without any drawing surface. Units are
// PostScript points (1/72 inch), origin top left, y downwards.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace metareview::render {

struct Point {
  double x = 0, y = 0;
};

struct Color {
  double r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

struct Stroke {
  Color color;
  double width = 0.75;
  std::vector<double> dash;  ///< on/off lengths; empty = solid
};

enum class FontWeight { Normal, Bold };
/// Horizontal anchor of a text run: its position is its start, middle or end.
enum class Anchor { Start, Middle, End };

/// Every element carries a role ("study-square", "tick-label", ...) and, where it belongs
/// to a data row, that row's index, so tests find elements by meaning.
struct Tagged {
  std::string role;
  int index = -1;
};

struct Line : Tagged {
  Point a, b;
  Stroke stroke;
};

struct Rect : Tagged {
  double x = 0, y = 0, w = 0, h = 0;
  std::optional<Color> fill;
  std::optional<Stroke> stroke;
};

struct Polygon : Tagged {
  std::vector<Point> points;  ///< closed implicitly
  std::optional<Color> fill;
  std::optional<Stroke> stroke;
};

struct Circle : Tagged {
  Point centre;
  double radius = 0;
  std::optional<Color> fill;
  std::optional<Stroke> stroke;
};

/// One run of text on one line. `pos` is on the baseline at the anchor. width, ascent and
/// descent were measured with the font the writer draws with, so box() is the ink area
/// the run may occupy.
struct Text : Tagged {
  std::string text;  ///< UTF-8
  Point pos;
  Anchor anchor = Anchor::Start;
  double size = 9;
  FontWeight weight = FontWeight::Normal;
  Color color;
  double width = 0, ascent = 0, descent = 0;

  double left() const;
  /// Box as {x, y, w, h} (top-left corner, size).
  Rect box() const;
};

using Element = std::variant<Line, Rect, Polygon, Circle, Text>;

/// A figure: page size and elements in drawing order.
struct Scene {
  double width = 0, height = 0;
  std::vector<Element> elements;

  void add(Element e) { elements.push_back(std::move(e)); }
  /// Every element of type T with this role, in drawing order.
  template <class T>
  std::vector<const T*> find(const std::string& role) const {
    std::vector<const T*> out;
    for (const auto& e : elements)
      if (const T* t = std::get_if<T>(&e); t && t->role == role) out.push_back(t);
    return out;
  }
  template <class T>
  std::vector<const T*> all() const {
    std::vector<const T*> out;
    for (const auto& e : elements)
      if (const T* t = std::get_if<T>(&e)) out.push_back(t);
    return out;
  }
  /// A line-per-element text dump with coordinates to 0.01 pt, for golden tests.
  std::string dump() const;
};

/// Whether two boxes overlap by more than `tolerance` points in both directions.
bool overlaps(const Rect& a, const Rect& b, double tolerance = 0.01);

/// Measures text with the font that will draw it (interface, so layout is testable and
/// the production measurer is the FreeType one in font.h).
class TextMeasurer {
 public:
  virtual ~TextMeasurer() = default;
  /// Advance width of `utf8` at `size` points.
  virtual double width(const std::string& utf8, double size, FontWeight weight) const = 0;
  /// Font-wide ascent and descent (positive, points) at `size`: every run of that size
  /// fits between baseline - ascent and baseline + descent.
  virtual double ascent(double size, FontWeight weight) const = 0;
  virtual double descent(double size, FontWeight weight) const = 0;
  /// Whether the font has a glyph for the Unicode code point (a character it lacks is drawn
  /// as an empty box). Measurers without a font file say yes.
  virtual bool covers(char32_t code_point, FontWeight weight) const {
    (void)code_point, (void)weight;
    return true;
  }
};

/// Text as Cairo may draw and measure it (SVG, PDF and PNG draw glyphs, so no markup can be
/// injected; what can go wrong is bytes): every invalid UTF-8 sequence becomes U+FFFD and
/// every control character but '\n' a space. Cairo refuses invalid UTF-8, and a scaled font
/// that met it once measures every later text as 0 wide. make_text, the writer and the
/// measurer all pass text through here.
std::string drawable_utf8(const std::string& text);

/// The code point of the character of drawable UTF-8 `text` (see drawable_utf8) that starts
/// at byte `i`; `i` moves past it.
char32_t next_code_point(const std::string& text, std::size_t& i);

/// A Text run at `pos` (its text drawable_utf8), measured with `m`.
Text make_text(const TextMeasurer& m, std::string text, Point pos, Anchor anchor, double size,
               FontWeight weight, std::string role, int index = -1, Color color = {});

/// `text` shortened at a character boundary with a trailing ellipsis ("…") so that it is at
/// most `max_width` wide; unchanged when it fits.
std::string ellipsize(const TextMeasurer& m, const std::string& text, double max_width, double size,
                      FontWeight weight);

/// `text` broken at spaces into lines at most `max_width` wide (a single word wider than
/// that is ellipsized).
std::vector<std::string> wrap(const TextMeasurer& m, const std::string& text, double max_width, double size,
                              FontWeight weight);

}  // namespace metareview::render
