#include "render/font.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <cstdio>
#include <mutex>

#include "core/error.h"

namespace metareview::render {
namespace {

// One FreeType library for the process; faces are released with their cairo font face.
FT_Library freetype() {
  static FT_Library library = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    if (FT_Init_FreeType(&library) != 0) throw Error("render::FontSet: FreeType could not be initialised");
  });
  return library;
}

const cairo_user_data_key_t kFaceKey{};

/// The face, or null when the file does not exist and `optional`.
cairo_font_face_t* load_face(const FontFile& file, bool optional) {
  FT_Face ft_face = nullptr;
  if (FT_New_Face(freetype(), file.path.c_str(), file.index, &ft_face) != 0) {
    if (optional) return nullptr;
    throw Error("render::FontSet: cannot read font file '" + file.path + "' (" + file.name +
                " comes with the Debian package " + file.package + ")");
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
  // cairo may keep the face in its caches after we release it: free the FT_Face only when
  // cairo destroys the font face (the cairo-ft documented pattern).
  if (cairo_font_face_set_user_data(face, &kFaceKey, ft_face, [](void* f) { FT_Done_Face(static_cast<FT_Face>(f)); }) !=
      CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    FT_Done_Face(ft_face);
    throw Error("render::FontSet: cairo could not use font file '" + file.path + "'");
  }
  return face;
}

bool has_glyph(cairo_font_face_t* face, char32_t cp) {
  const FT_Face ft = static_cast<FT_Face>(cairo_font_face_get_user_data(face, &kFaceKey));
  return !ft || FT_Get_Char_Index(ft, cp) != 0;
}

std::string code_point_name(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
  return buf;
}

FontFile dejavu_file(const std::string& path) { return {path, 0, "fonts-dejavu-core", "DejaVu Sans"}; }

}  // namespace

std::vector<FontFile> standard_chain(FontWeight weight) {
  const bool bold = weight == FontWeight::Bold;
  return {dejavu_file(bold ? kDejaVuSansBold : kDejaVuSans),
          {bold ? kNotoSansCjkBold : kNotoSansCjk, kNotoSansCjkScIndex, "fonts-noto-cjk", "Noto Sans CJK SC"}};
}

std::shared_ptr<const FontSet> FontSet::load(const std::vector<FontFile>& regular, const std::vector<FontFile>& bold) {
  if (regular.empty() || bold.empty()) throw Error("render::FontSet: no font files given");
  std::shared_ptr<FontSet> set(new FontSet());
  for (std::size_t i = 0; i < regular.size(); ++i) set->regular_.push_back({regular[i], load_face(regular[i], i > 0)});
  for (std::size_t i = 0; i < bold.size(); ++i) set->bold_.push_back({bold[i], load_face(bold[i], i > 0)});
  set->options_ = cairo_font_options_create();
  cairo_font_options_set_hint_style(set->options_, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(set->options_, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(set->options_, CAIRO_ANTIALIAS_GRAY);
  return set;
}

std::shared_ptr<const FontSet> FontSet::load(const std::string& regular_file, const std::string& bold_file) {
  return load(std::vector<FontFile>{dejavu_file(regular_file)}, std::vector<FontFile>{dejavu_file(bold_file)});
}

std::shared_ptr<const FontSet> FontSet::standard() {
  static std::mutex mutex;
  static std::shared_ptr<const FontSet> cached;
  std::lock_guard<std::mutex> lock(mutex);
  if (!cached) cached = load(standard_chain(FontWeight::Normal), standard_chain(FontWeight::Bold));
  return cached;
}

FontSet::~FontSet() {
  for (const auto* chain : {&regular_, &bold_})
    for (const Face& f : *chain)
      if (f.face) cairo_font_face_destroy(f.face);
  if (options_) cairo_font_options_destroy(options_);
}

std::size_t FontSet::face_for(char32_t cp, FontWeight weight, const std::string& text) const {
  const std::vector<Face>& c = chain(weight);
  // ASCII is in every first font of a chain (DejaVu Sans); '\n' is never drawn.
  if (cp < 0x80) return 0;
  for (std::size_t i = 0; i < c.size(); ++i)
    if (c[i].face && has_glyph(c[i].face, cp)) return i;
  // Deterministic either way: the same files give the same runs. A missing file is an error
  // rather than an empty box, so that no output silently depends on what is installed.
  for (const Face& f : c)
    if (!f.face)
      throw Error("the text '" + text + "' has a character (" + code_point_name(cp) + ") that " + c[0].file.name +
                  " lacks, and the next font to try, " + f.file.name +
                  ", is not installed: install the Debian package " + f.file.package + " (no file " + f.file.path +
                  ")");
  return c.size();
}

std::vector<FontSet::Run> FontSet::runs(const std::string& utf8, FontWeight weight) const {
  std::vector<Run> out;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const std::size_t face = face_for(next_code_point(utf8, i), weight, utf8);
    // A character no face has stays in the run before it (drawn as that font's empty box).
    const bool joins = !out.empty() && (face == chain(weight).size() || face == out.back().face);
    if (joins) out.back().text.append(utf8, start, i - start);
    else out.push_back({face == chain(weight).size() ? 0 : face, utf8.substr(start, i - start)});
  }
  return out;
}

bool FontSet::covers(char32_t code_point, FontWeight weight) const {
  std::string text;
  // Ref: RFC 3629, section 3: the UTF-8 encoding of the code point, to name it in errors.
  if (code_point < 0x80) text += static_cast<char>(code_point);
  else if (code_point < 0x800) text += {static_cast<char>(0xC0 | (code_point >> 6)), static_cast<char>(0x80 | (code_point & 0x3F))};
  else if (code_point < 0x10000)
    text += {static_cast<char>(0xE0 | (code_point >> 12)), static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)),
             static_cast<char>(0x80 | (code_point & 0x3F))};
  else
    text += {static_cast<char>(0xF0 | (code_point >> 18)), static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)),
             static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)), static_cast<char>(0x80 | (code_point & 0x3F))};
  return face_for(code_point, weight, drawable_utf8(text)) < chain(weight).size();
}

FontMeasurer::FontMeasurer(std::shared_ptr<const FontSet> fonts) : fonts_(std::move(fonts)) {
  if (!fonts_) throw Error("render::FontMeasurer: no fonts given");
}

FontMeasurer::~FontMeasurer() {
  for (auto& [key, font] : cache_) cairo_scaled_font_destroy(font);
}

cairo_scaled_font_t* FontMeasurer::scaled(double size, FontWeight weight, std::size_t face) const {
  const auto key = std::make_tuple(static_cast<int>(weight), face, size);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  cairo_matrix_t font_matrix, ctm;
  cairo_matrix_init_scale(&font_matrix, size, size);
  cairo_matrix_init_identity(&ctm);
  cairo_scaled_font_t* font =
      cairo_scaled_font_create(fonts_->face(weight, face), &font_matrix, &ctm, fonts_->options());
  if (cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS) {
    cairo_scaled_font_destroy(font);
    throw Error("render::FontMeasurer: cairo could not scale the font to size " + std::to_string(size));
  }
  cache_.emplace(key, font);
  return font;
}

double FontMeasurer::width(const std::string& utf8, double size, FontWeight weight) const {
  double w = 0;
  for (const FontSet::Run& run : fonts_->runs(drawable_utf8(utf8), weight)) {
    cairo_text_extents_t extents;
    cairo_scaled_font_text_extents(scaled(size, weight, run.face), run.text.c_str(), &extents);
    w += extents.x_advance;
  }
  return w;
}

double FontMeasurer::ascent(double size, FontWeight weight) const {
  cairo_font_extents_t extents;
  cairo_scaled_font_extents(scaled(size, weight), &extents);
  return extents.ascent;
}

double FontMeasurer::descent(double size, FontWeight weight) const {
  cairo_font_extents_t extents;
  cairo_scaled_font_extents(scaled(size, weight), &extents);
  return extents.descent;
}

bool FontMeasurer::covers(char32_t code_point, FontWeight weight) const { return fonts_->covers(code_point, weight); }

}  // namespace metareview::render
