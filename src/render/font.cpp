#include "render/font.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

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

cairo_font_face_t* load_face(const std::string& file) {
  FT_Face ft_face = nullptr;
  if (FT_New_Face(freetype(), file.c_str(), 0, &ft_face) != 0)
    throw Error("render::FontSet: cannot read font file '" + file +
                "' (DejaVu Sans comes with the Debian package fonts-dejavu-core)");
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
  // cairo may keep the face in its caches after we release it: free the FT_Face only when
  // cairo destroys the font face (the cairo-ft documented pattern).
  if (cairo_font_face_set_user_data(face, &kFaceKey, ft_face, [](void* f) { FT_Done_Face(static_cast<FT_Face>(f)); }) !=
      CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    FT_Done_Face(ft_face);
    throw Error("render::FontSet: cairo could not use font file '" + file + "'");
  }
  return face;
}

}  // namespace

std::shared_ptr<const FontSet> FontSet::load(const std::string& regular_file, const std::string& bold_file) {
  std::shared_ptr<FontSet> set(new FontSet());
  set->regular_ = load_face(regular_file);
  set->bold_ = load_face(bold_file);
  set->options_ = cairo_font_options_create();
  cairo_font_options_set_hint_style(set->options_, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(set->options_, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(set->options_, CAIRO_ANTIALIAS_GRAY);
  return set;
}

std::shared_ptr<const FontSet> FontSet::dejavu() {
  static std::mutex mutex;
  static std::shared_ptr<const FontSet> cached;
  std::lock_guard<std::mutex> lock(mutex);
  if (!cached) cached = load(kDejaVuSans, kDejaVuSansBold);
  return cached;
}

FontSet::~FontSet() {
  if (regular_) cairo_font_face_destroy(regular_);
  if (bold_) cairo_font_face_destroy(bold_);
  if (options_) cairo_font_options_destroy(options_);
}

FontMeasurer::FontMeasurer(std::shared_ptr<const FontSet> fonts) : fonts_(std::move(fonts)) {
  if (!fonts_) throw Error("render::FontMeasurer: no fonts given");
}

FontMeasurer::~FontMeasurer() {
  for (auto& [key, font] : cache_) cairo_scaled_font_destroy(font);
}

cairo_scaled_font_t* FontMeasurer::scaled(double size, FontWeight weight) const {
  const auto key = std::make_pair(static_cast<int>(weight), size);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  cairo_matrix_t font_matrix, ctm;
  cairo_matrix_init_scale(&font_matrix, size, size);
  cairo_matrix_init_identity(&ctm);
  cairo_scaled_font_t* font = cairo_scaled_font_create(fonts_->face(weight), &font_matrix, &ctm, fonts_->options());
  if (cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS) {
    cairo_scaled_font_destroy(font);
    throw Error("render::FontMeasurer: cairo could not scale the font to size " + std::to_string(size));
  }
  cache_.emplace(key, font);
  return font;
}

double FontMeasurer::width(const std::string& utf8, double size, FontWeight weight) const {
  cairo_text_extents_t extents;
  cairo_scaled_font_text_extents(scaled(size, weight), drawable_utf8(utf8).c_str(), &extents);
  return extents.x_advance;
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

bool FontMeasurer::covers(char32_t code_point, FontWeight weight) const {
  const FT_Face face = static_cast<FT_Face>(cairo_font_face_get_user_data(fonts_->face(weight), &kFaceKey));
  return !face || FT_Get_Char_Index(face, code_point) != 0;
}

}  // namespace metareview::render
