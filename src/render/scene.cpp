#include "render/scene.h"

#include <algorithm>

#include "core/format.h"

namespace metareview::render {
namespace {

std::string num(double x) { return core::format_fixed(x, 2); }

std::string color_text(const Color& c) {
  return "rgb(" + core::format_fixed(c.r, 3) + "," + core::format_fixed(c.g, 3) + "," + core::format_fixed(c.b, 3) + ")";
}

// Here and in dump(): appends, and a char before a temporary, never "literal" + temporary,
// on which GCC 12 gives a false -Wrestrict warning.
std::string paint_text(const std::optional<Color>& fill, const std::optional<Stroke>& stroke) {
  std::string s = " fill=";
  s += fill ? color_text(*fill) : "none";
  s += " stroke=";
  if (!stroke) return s + "none";
  s += color_text(stroke->color) + "/" + num(stroke->width);
  for (double d : stroke->dash) s += '/' + num(d);
  return s;
}

std::string tag_text(const Tagged& t) { return t.role + "#" + std::to_string(t.index); }

// Byte length of the UTF-8 sequence starting with lead byte c.
std::size_t utf8_length(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

}  // namespace

double Text::left() const {
  switch (anchor) {
    case Anchor::Start: return pos.x;
    case Anchor::Middle: return pos.x - width / 2;
    case Anchor::End: return pos.x - width;
  }
  return pos.x;
}

Rect Text::box() const {
  Rect r;
  r.x = left();
  r.y = pos.y - ascent;
  r.w = width;
  r.h = ascent + descent;
  return r;
}

bool overlaps(const Rect& a, const Rect& b, double tolerance) {
  const double dx = std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x);
  const double dy = std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y);
  return dx > tolerance && dy > tolerance;
}

std::string Scene::dump() const {
  std::string out = "scene " + num(width) + " x " + num(height) + "\n";
  for (const auto& e : elements) {
    if (const auto* l = std::get_if<Line>(&e)) {
      out += "line " + tag_text(*l) + " " + num(l->a.x) + "," + num(l->a.y) + " " + num(l->b.x) + "," + num(l->b.y) +
             paint_text(std::nullopt, l->stroke) + "\n";
    } else if (const auto* r = std::get_if<Rect>(&e)) {
      out += "rect " + tag_text(*r) + " " + num(r->x) + "," + num(r->y) + " " + num(r->w) + "x" + num(r->h) +
             paint_text(r->fill, r->stroke) + "\n";
    } else if (const auto* p = std::get_if<Polygon>(&e)) {
      out += "polygon " + tag_text(*p);
      for (const auto& pt : p->points) out += ' ' + num(pt.x) + "," + num(pt.y);
      out += paint_text(p->fill, p->stroke) + "\n";
    } else if (const auto* c = std::get_if<Circle>(&e)) {
      out += "circle " + tag_text(*c) + " " + num(c->centre.x) + "," + num(c->centre.y) + " r=" + num(c->radius) +
             paint_text(c->fill, c->stroke) + "\n";
    } else if (const auto* t = std::get_if<Text>(&e)) {
      static const char* kAnchor[] = {"start", "middle", "end"};
      out += "text " + tag_text(*t) + " " + num(t->pos.x) + "," + num(t->pos.y) + " " +
             kAnchor[static_cast<int>(t->anchor)] + " " + num(t->size) +
             (t->weight == FontWeight::Bold ? " bold" : " normal") + " w=" + num(t->width) + " \"" + t->text +
             "\"\n";
    }
  }
  return out;
}

std::string drawable_utf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += (c < 0x20 && c != '\n') || c == 0x7F ? ' ' : static_cast<char>(c);
      ++i;
      continue;
    }
    // Ref: RFC 3629, section 4 (the UTF-8 byte sequences): lead byte, length, and the range
    // of the second byte that excludes overlong forms, surrogates and values above U+10FFFF.
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    std::size_t k = 1;
    for (; n && k < n && i + k < text.size(); ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) break;
    }
    if (n && k == n) {
      out.append(text, i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD for the longest invalid prefix, as WHATWG decoders do
      i += std::max<std::size_t>(k, 1);
    }
  }
  return out;
}

char32_t next_code_point(const std::string& text, std::size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = utf8_length(c);
  // Ref: RFC 3629, section 3: the lead byte keeps 7, 5, 4 or 3 value bits; each continuation 6.
  char32_t cp = n == 1 ? c : c & (0xFFu >> (n + 1));
  for (std::size_t k = 1; k < n && i + k < text.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  i += n;
  return cp;
}

Text make_text(const TextMeasurer& m, std::string text, Point pos, Anchor anchor, double size, FontWeight weight,
               std::string role, int index, Color color) {
  text = drawable_utf8(text);
  Text t;
  t.role = std::move(role);
  t.index = index;
  t.width = m.width(text, size, weight);
  t.ascent = m.ascent(size, weight);
  t.descent = m.descent(size, weight);
  t.text = std::move(text);
  t.pos = pos;
  t.anchor = anchor;
  t.size = size;
  t.weight = weight;
  t.color = color;
  return t;
}

std::string ellipsize(const TextMeasurer& m, const std::string& text, double max_width, double size,
                      FontWeight weight) {
  if (m.width(text, size, weight) <= max_width) return text;
  static const std::string kEllipsis = "\xE2\x80\xA6";
  // Character boundaries, so a multi-byte character is never cut.
  std::vector<std::size_t> ends;
  for (std::size_t i = 0; i < text.size(); i += utf8_length(static_cast<unsigned char>(text[i])))
    ends.push_back(i);
  auto candidate = [&](std::size_t n) {  // the first n characters, trailing spaces dropped, and "…"
    std::string head = text.substr(0, ends[n]);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    return head + kEllipsis;
  };
  // The candidate's width grows with n, so the longest that fits is found by bisection:
  // O(log n) measurements, where trying every length from the end took seconds for a
  // 16,000-character label.
  std::size_t lo = 0, hi = ends.size();  // candidate(lo) is returned; candidate(hi) does not fit
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (m.width(candidate(mid), size, weight) <= max_width) lo = mid;
    else hi = mid;
  }
  return candidate(lo);
}

std::vector<std::string> wrap(const TextMeasurer& m, const std::string& text, double max_width, double size,
                              FontWeight weight) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const std::string joined = current.empty() ? word : current + ' ' + word;
    if (m.width(joined, size, weight) <= max_width) {
      current = joined;
    } else {
      if (!current.empty()) lines.push_back(current);
      current = ellipsize(m, word, max_width, size, weight);
    }
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

}  // namespace metareview::render
