#pragma once
// Fonts are loaded from their files through FreeType and cairo-ft, never looked up by name
// through fontconfig, so every machine measures and draws the same glyphs.
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "render/scene.h"

typedef struct _cairo_font_face cairo_font_face_t;
typedef struct _cairo_scaled_font cairo_scaled_font_t;
typedef struct _cairo_font_options cairo_font_options_t;

namespace metareview::render {

/// DejaVu Sans from Debian's fonts-dejavu-core.
inline constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kDejaVuSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

/// A regular and a bold face, loaded from font files.
class FontSet {
 public:
  /// Throws metareview::Error naming the file when it cannot be read as a font.
  static std::shared_ptr<const FontSet> load(const std::string& regular_file, const std::string& bold_file);
  /// DejaVu Sans and DejaVu Sans Bold, loaded once per process.
  static std::shared_ptr<const FontSet> dejavu();

  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  cairo_font_face_t* face(FontWeight weight) const { return weight == FontWeight::Bold ? bold_ : regular_; }
  /// Unhinted outlines and unhinted metrics: widths scale exactly with size and are the same
  /// on every surface (PNG, SVG, PDF), so what layout measured is what the writer draws.
  const cairo_font_options_t* options() const { return options_; }

 private:
  FontSet() = default;
  cairo_font_face_t* regular_ = nullptr;
  cairo_font_face_t* bold_ = nullptr;
  cairo_font_options_t* options_ = nullptr;
};

/// The production TextMeasurer: cairo scaled fonts from a FontSet.
class FontMeasurer final : public TextMeasurer {
 public:
  explicit FontMeasurer(std::shared_ptr<const FontSet> fonts = FontSet::dejavu());
  ~FontMeasurer() override;
  FontMeasurer(const FontMeasurer&) = delete;
  FontMeasurer& operator=(const FontMeasurer&) = delete;

  double width(const std::string& utf8, double size, FontWeight weight) const override;
  double ascent(double size, FontWeight weight) const override;
  double descent(double size, FontWeight weight) const override;
  bool covers(char32_t code_point, FontWeight weight) const override;
  const std::shared_ptr<const FontSet>& fonts() const { return fonts_; }

 private:
  cairo_scaled_font_t* scaled(double size, FontWeight weight) const;
  std::shared_ptr<const FontSet> fonts_;
  mutable std::map<std::pair<int, double>, cairo_scaled_font_t*> cache_;
};

}  // namespace metareview::render
