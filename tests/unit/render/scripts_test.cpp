#include <catch2/catch.hpp>

#include <string>

#include "core/error.h"
#include "render/cairo_writer.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render_fixture.h"

using namespace render_test;

namespace {

const std::vector<std::string> kLabels = {"\u738B 2020", "M\u00FCller 2019", "\u00D8degaard 2021"};

// dat.bcg with its first three studies renamed: the fits do not depend on the labels.
r::Scene labelled_forest(const r::TextMeasurer& m) {
  const Golden g = read_bcg();
  EffectTable es = bcg_table(g);
  for (std::size_t i = 0; i < kLabels.size(); ++i) es.input[i].study = kLabels[i];
  const Fit fe = bcg_fit(g, "fe"), re = bcg_fit(g, "re");
  return r::forest_layout(p::analysis_view(es, &fe, &re, {}), m);
}

std::shared_ptr<const r::FontSet> without_cjk() {
  auto regular = r::standard_chain(r::FontWeight::Normal), bold = r::standard_chain(r::FontWeight::Bold);
  regular[1].path = "/nonexistent/NotoSansCJK-Regular.ttc";
  bold[1].path = "/nonexistent/NotoSansCJK-Bold.ttc";
  return r::FontSet::load(regular, bold);
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("fonts: each character is drawn with the first font of the chain that has it", "[render][fonts]") {
  const auto fonts = r::FontSet::standard();
  const auto runs = fonts->runs("\u738B 2020", r::FontWeight::Normal);
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].face == 1);  // Noto Sans CJK SC
  CHECK(runs[0].text == "\u738B");
  CHECK(runs[1].face == 0);  // DejaVu Sans
  CHECK(runs[1].text == " 2020");
  for (const std::string label : {"M\u00FCller 2019", "\u00D8degaard 2021"}) {
    const auto latin = fonts->runs(label, r::FontWeight::Bold);
    REQUIRE(latin.size() == 1);
    CHECK(latin[0].face == 0);
  }
  // Hiragana, hangul and the full-width colon of the seed review's title are in Noto Sans CJK.
  for (const char32_t cp : {U'\u738B', U'\u3072', U'\uD55C', U'\uFF1A'}) CHECK(fonts->covers(cp, r::FontWeight::Normal));
  CHECK(fonts->covers(U'\u00D8', r::FontWeight::Bold));
  // Devanagari is in neither font.
  CHECK_FALSE(fonts->covers(U'\u0915', r::FontWeight::Normal));
}

TEST_CASE("fonts: a text is measured run by run", "[render][fonts]") {
  const r::FontMeasurer m;
  // Noto Sans CJK ideographs are full width: an advance of 1000 units per 1000-unit em, so
  // 10 pt at 10 pt. DejaVu Sans: space 651 and digits 1303 units per 2048-unit em.
  CHECK(m.width("\u738B", 10, r::FontWeight::Normal) == Approx(10).epsilon(1e-6));
  CHECK(m.width("\u738B 2020", 10, r::FontWeight::Normal) == Approx(10 + (651.0 + 4 * 1303.0) / 2048 * 10).epsilon(1e-4));
  // The line box stays DejaVu Sans's (ascender 1901 units), CJK or not.
  CHECK(m.ascent(10, r::FontWeight::Normal) == Approx(1901.0 / 2048 * 10).epsilon(1e-3));
}

TEST_CASE("fonts: CJK and accented study labels get real glyphs in SVG, PDF and PNG", "[render][fonts]") {
  const r::FontMeasurer m;
  const r::Scene forest = labelled_forest(m);
  const auto labels = forest.find<r::Text>("study-label");
  REQUIRE(labels.size() == 13);
  for (std::size_t i = 0; i < kLabels.size(); ++i) {
    CHECK(labels[i]->text == kLabels[i]);
    // The label's width is what its runs measure, never a fallback's guess.
    CHECK(labels[i]->width == Approx(m.width(kLabels[i], labels[i]->size, labels[i]->weight)));
  }

  // PDF: a subset of Noto Sans CJK SC is embedded beside DejaVu Sans (PostScript names in
  // /BaseFont and /FontName, after a subset tag).
  const std::string pdf = r::render_bytes(forest, r::Format::Pdf);
  CHECK(count(pdf, "+NotoSansCJKsc-Regular") >= 1);
  CHECK(count(pdf, "+DejaVuSans") >= 1);
  CHECK(pdf == r::render_bytes(forest, r::Format::Pdf));

  // SVG and PNG draw outlines: with Noto Sans CJK the ideograph differs from the empty box
  // DejaVu Sans alone draws, and the bytes are reproducible.
  r::Scene one;
  one.width = 40;
  one.height = 20;
  one.add(r::make_text(m, "\u738B", {5, 15}, r::Anchor::Start, 12, r::FontWeight::Normal, "t"));
  r::WriteOptions dejavu_only;
  dejavu_only.fonts = r::FontSet::load(r::kDejaVuSans, r::kDejaVuSansBold);
  for (const auto format : {r::Format::Svg, r::Format::Png}) {
    INFO(static_cast<int>(format));
    const std::string with_cjk = r::render_bytes(one, format);
    CHECK(with_cjk == r::render_bytes(one, format));
    CHECK(with_cjk != r::render_bytes(one, format, dejavu_only));
    const std::string figure = r::render_bytes(forest, format);
    CHECK(figure == r::render_bytes(forest, format));
  }
}

TEST_CASE("fonts: without fonts-noto-cjk a CJK text is an error naming the package", "[render][fonts]") {
  const r::FontMeasurer m(without_cjk());
  const r::FontMeasurer standard;
  // Text DejaVu Sans can draw is unaffected.
  CHECK(m.width("M\u00FCller 2019", 9, r::FontWeight::Normal) ==
        standard.width("M\u00FCller 2019", 9, r::FontWeight::Normal));
  const std::string message =
      "the text '\u738B 2020' has a character (U+738B) that DejaVu Sans lacks, and the next font to try, Noto Sans "
      "CJK SC, is not installed: install the Debian package fonts-noto-cjk (no file "
      "/nonexistent/NotoSansCJK-Regular.ttc)";
  REQUIRE_THROWS_WITH(m.width("\u738B 2020", 9, r::FontWeight::Normal), message);
  // The forest plot measures a label word by word to wrap it, so the word is named.
  REQUIRE_THROWS_WITH(labelled_forest(m),
                      "the text '\u738B' has a character (U+738B) that DejaVu Sans lacks, and the next font to try, "
                      "Noto Sans CJK SC, is not installed: install the Debian package fonts-noto-cjk (no file "
                      "/nonexistent/NotoSansCJK-Regular.ttc)");
  REQUIRE_THROWS_WITH(m.covers(U'\u738B', r::FontWeight::Normal),
                      "the text '\u738B' has a character (U+738B) that DejaVu Sans lacks, and the next font to try, "
                      "Noto Sans CJK SC, is not installed: install the Debian package fonts-noto-cjk (no file "
                      "/nonexistent/NotoSansCJK-Regular.ttc)");
}
