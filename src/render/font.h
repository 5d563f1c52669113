#pragma once
// Fonts are loaded from their files through FreeType and cairo-ft, never looked up by name
// through fontconfig, so every machine measures and draws the same glyphs. A FontSet is a
// fixed fallback chain of font files per weight: each character is drawn with the first
// font of the chain that has a glyph for it, so a text is measured and drawn run by run.
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "render/scene.h"

typedef struct _cairo_font_face cairo_font_face_t;
typedef struct _cairo_scaled_font cairo_scaled_font_t;
typedef struct _cairo_font_options cairo_font_options_t;

namespace metareview::render {

/// DejaVu Sans from Debian's fonts-dejavu-core: Latin, Greek, Cyrillic and the symbols the
/// figures use (−, ×, τ², ≥).
inline constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kDejaVuSansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
/// Noto Sans CJK from Debian's fonts-noto-cjk: one OpenType collection per weight.
inline constexpr const char* kNotoSansCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
inline constexpr const char* kNotoSansCjkBold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
/// The collection's faces 0-4 are JP, KR, SC, TC and HK: the same characters, with each
/// region's glyph forms for the unified Han characters. Face 2, Simplified Chinese, because
/// the CJK text of the shipped library is Simplified Chinese (the seed review's title) and
/// study labels of trials run in mainland China are written in it.
inline constexpr long kNotoSansCjkScIndex = 2;

/// One face of a font file (`index` picks a face of a collection) and the Debian package
/// that installs the file, named in the error when the file is missing.
struct FontFile {
  std::string path;
  long index = 0;
  std::string package;
  std::string name;  ///< "Noto Sans CJK SC", for messages
};

/// The fallback chain of every output: DejaVu Sans, then Noto Sans CJK SC.
std::vector<FontFile> standard_chain(FontWeight weight);

/// A fallback chain of faces per weight, loaded from font files.
class FontSet {
 public:
  /// A run of text drawn with one face of the chain.
  struct Run {
    std::size_t face = 0;  ///< index in the chain
    std::string text;      ///< UTF-8
  };

  /// The first file of each chain must load (else metareview::Error naming the file and its
  /// package). A later file that is missing is remembered: a text that needs it throws then
  /// (see runs()), and a text that does not is unaffected.
  static std::shared_ptr<const FontSet> load(const std::vector<FontFile>& regular, const std::vector<FontFile>& bold);
  /// A chain of one file per weight (DejaVu Sans's package named in errors).
  static std::shared_ptr<const FontSet> load(const std::string& regular_file, const std::string& bold_file);
  /// standard_chain(), loaded once per process.
  static std::shared_ptr<const FontSet> standard();

  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  /// The first face of the chain: it sets every text's ascent and descent.
  cairo_font_face_t* face(FontWeight weight) const { return face(weight, 0); }
  cairo_font_face_t* face(FontWeight weight, std::size_t i) const { return chain(weight)[i].face; }
  /// `utf8` (already drawable_utf8) split into runs, each character in the first face that
  /// has it; a character no face has stays in the run before it (drawn as the font's empty
  /// box). Throws metareview::Error naming the package when a character no loaded face has
  /// may be in a file of the chain that is not installed.
  std::vector<Run> runs(const std::string& utf8, FontWeight weight) const;
  /// Whether some face of the chain has a glyph for the code point; throws as runs() does.
  bool covers(char32_t code_point, FontWeight weight) const;
  /// Unhinted outlines and unhinted metrics: widths scale exactly with size and are the same
  /// on every surface (PNG, SVG, PDF), so what layout measured is what the writer draws.
  const cairo_font_options_t* options() const { return options_; }

 private:
  struct Face {
    FontFile file;
    cairo_font_face_t* face = nullptr;  ///< null: the file is not installed
  };
  FontSet() = default;
  const std::vector<Face>& chain(FontWeight weight) const { return weight == FontWeight::Bold ? bold_ : regular_; }
  /// The loaded face for `cp`, or chain size when none has it.
  std::size_t face_for(char32_t cp, FontWeight weight, const std::string& text) const;
  std::vector<Face> regular_, bold_;
  cairo_font_options_t* options_ = nullptr;
};

/// The production TextMeasurer: cairo scaled fonts from a FontSet, run by run.
class FontMeasurer final : public TextMeasurer {
 public:
  explicit FontMeasurer(std::shared_ptr<const FontSet> fonts = FontSet::standard());
  ~FontMeasurer() override;
  FontMeasurer(const FontMeasurer&) = delete;
  FontMeasurer& operator=(const FontMeasurer&) = delete;

  double width(const std::string& utf8, double size, FontWeight weight) const override;
  double ascent(double size, FontWeight weight) const override;
  double descent(double size, FontWeight weight) const override;
  bool covers(char32_t code_point, FontWeight weight) const override;
  const std::shared_ptr<const FontSet>& fonts() const { return fonts_; }

 private:
  cairo_scaled_font_t* scaled(double size, FontWeight weight, std::size_t face = 0) const;
  std::shared_ptr<const FontSet> fonts_;
  mutable std::map<std::tuple<int, std::size_t, double>, cairo_scaled_font_t*> cache_;
};

}  // namespace metareview::render
