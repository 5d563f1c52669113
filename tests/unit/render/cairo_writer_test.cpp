#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "render/cairo_writer.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render/funnel_layout.h"
#include "render_fixture.h"

using namespace render_test;

namespace {

const r::Scene& forest() {
  static const r::Scene s = [] {
    const r::FontMeasurer m;
    const Golden g = read_bcg();
    const Fit fe = bcg_fit(g, "fe"), re = bcg_fit(g, "re");
    return r::forest_layout(p::analysis_view(bcg_table(g), &fe, &re, {}), m);
  }();
  return s;
}

std::uint32_t be32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

}  // namespace

TEST_CASE("writer: two renders in one process give identical bytes in every format", "[render]") {
  for (auto format : {r::Format::Svg, r::Format::Pdf, r::Format::Png}) {
    const std::string a = r::render_bytes(forest(), format);
    const std::string b = r::render_bytes(forest(), format);
    INFO(static_cast<int>(format));
    CHECK(a.size() > 1000);
    CHECK(a == b);
  }
}

TEST_CASE("writer: SVG ids are numbered in document order, not by Cairo's global counter", "[render]") {
  const std::string svg = r::render_bytes(forest(), r::Format::Svg);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("id=\"surface1\"") != std::string::npos);
  CHECK(svg.find("width=\"" ) != std::string::npos);
  // The page in points, as laid out.
  CHECK(svg.find("width=\"" + std::to_string(static_cast<int>(forest().width)) + "pt\"") != std::string::npos);
}

TEST_CASE("writer: PDFs carry no creation date unless SOURCE_DATE_EPOCH gives one", "[render]") {
  const std::string pdf = r::render_bytes(forest(), r::Format::Pdf);
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  CHECK(pdf.find("/CreationDate") == std::string::npos);
  r::WriteOptions o;
  o.source_date_epoch = 1577836800;  // 2020-01-01T00:00:00Z
  const std::string dated = r::render_bytes(forest(), r::Format::Pdf, o);
  // Cairo 1.16 writes the date without PDF's optional "D:" prefix.
  CHECK(dated.find("/CreationDate (20200101000000Z)") != std::string::npos);
  ::setenv("SOURCE_DATE_EPOCH", "1577836800", 1);
  CHECK(r::WriteOptions::from_environment().source_date_epoch == 1577836800);
  ::setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  CHECK_FALSE(r::WriteOptions::from_environment().source_date_epoch);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("writer: PNG at 300 dpi by default, with its resolution recorded", "[render]") {
  const std::string png = r::render_bytes(forest(), r::Format::Png);
  REQUIRE(png.compare(1, 3, "PNG") == 0);
  // IHDR width and height: the page in points times 300/72.
  CHECK(be32(png, 16) == static_cast<std::uint32_t>(std::ceil(forest().width * 300 / 72)));
  CHECK(be32(png, 20) == static_cast<std::uint32_t>(std::ceil(forest().height * 300 / 72)));
  // pHYs right after IHDR: 300 / 0.0254 = 11811 pixels per metre, unit metre.
  REQUIRE(png.compare(37, 4, "pHYs") == 0);
  CHECK(be32(png, 41) == 11811);
  CHECK(be32(png, 45) == 11811);
  CHECK(png.find("tIME") == std::string::npos);
  r::WriteOptions o;
  o.dpi = 72;
  const std::string small = r::render_bytes(forest(), r::Format::Png, o);
  CHECK(be32(small, 16) == static_cast<std::uint32_t>(std::ceil(forest().width)));
  o.dpi = 5;
  REQUIRE_THROWS_WITH(r::render_bytes(forest(), r::Format::Png, o),
                      "render::render_bytes: dpi must be between 10 and 2400, got 5");
}

TEST_CASE("writer: the format comes from the extension and the file appears whole", "[render]") {
  CHECK(r::format_from_path("fig/forest.SVG") == r::Format::Svg);
  CHECK(r::format_from_path("forest.pdf") == r::Format::Pdf);
  CHECK(r::format_from_path("forest.png") == r::Format::Png);
  CHECK_FALSE(r::format_from_path("forest.jpg"));
  const auto dir = temp_dir("metareview-render-test");
  REQUIRE_THROWS_WITH(r::write_figure(forest(), (dir / "forest.jpg").string()),
                      "render::write_figure: cannot tell the format of '" + (dir / "forest.jpg").string() +
                          "': use a .svg, .pdf or .png file name");
  for (const char* name : {"forest.svg", "forest.pdf", "forest.png"}) {
    const auto path = dir / name;
    r::write_figure(forest(), path.string());
    CHECK(slurp(path) == r::render_bytes(forest(), *r::format_from_path(name)));
  }
  // Nothing but the three figures: no temporary file left behind.
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 3);
  const std::string missing = (dir / "no-such-dir" / "forest.svg").string();
  REQUIRE_THROWS_WITH(r::write_figure(forest(), missing),
                      "render::write_figure: cannot write '" + missing + "': No such file or directory");
  std::filesystem::remove_all(dir);
}

TEST_CASE("writer: a missing font file is a clear error", "[render]") {
  REQUIRE_THROWS_WITH(r::FontSet::load("/nonexistent/DejaVuSans.ttf", r::kDejaVuSansBold),
                      "render::FontSet: cannot read font file '/nonexistent/DejaVuSans.ttf' "
                      "(DejaVu Sans comes with the Debian package fonts-dejavu-core)");
}

TEST_CASE("fonts: DejaVu Sans metrics scale with the size and bold is wider", "[render]") {
  const r::FontMeasurer m;
  // DejaVu Sans: units per em 2048, ascender 1901, descender 483 (hhea), so at 10 pt the
  // ascent is 9.28 pt and the descent 2.36 pt; "0" advances 1303 units = 6.36 pt.
  CHECK(m.ascent(10, r::FontWeight::Normal) == Approx(1901.0 / 2048 * 10).epsilon(1e-3));
  CHECK(m.descent(10, r::FontWeight::Normal) == Approx(483.0 / 2048 * 10).epsilon(1e-3));
  CHECK(m.width("0", 10, r::FontWeight::Normal) == Approx(1303.0 / 2048 * 10).epsilon(1e-3));
  CHECK(m.width("0000", 9, r::FontWeight::Normal) == Approx(4 * 1303.0 / 2048 * 9).epsilon(1e-3));
  CHECK(m.width("Study", 9, r::FontWeight::Bold) > m.width("Study", 9, r::FontWeight::Normal));
}

namespace {

// A forest-plot-like scene `rows` rows of 12 pt tall: a text and a line per row.
r::Scene tall_scene(int rows) {
  const r::FontMeasurer m;
  r::Scene s;
  s.width = 500;
  s.height = 12.0 * rows + 20;
  for (int i = 0; i < rows; ++i) {
    const double y = 10 + 12.0 * i;
    s.add(r::make_text(m, "Study " + std::to_string(i + 1), {10, y + 9}, r::Anchor::Start, 9, r::FontWeight::Normal,
                       "label", i));
    r::Line l;
    l.a = {200, y + 6};
    l.b = {300, y + 6};
    s.add(l);
  }
  return s;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

// Regression (issue 10): PNG forest plots beyond ~630 studies failed with Cairo's bare
// "invalid value (typically too big) for the size of the input (surface, pattern, etc.)".
TEST_CASE("writer: a PNG larger than Cairo allows says why and what to do instead", "[render]") {
  const r::Scene s = tall_scene(10000);  // 120,020 pt: 500,084 pixels at 300 dpi
  CHECK_THROWS_MATCHES(r::render_bytes(s, r::Format::Png), metareview::Error,
                       Catch::Message("render::render_bytes: a PNG of this figure would be 2084 x 500084 pixels at "
                                      "300 dpi, more than the 32767 pixels a PNG may have on a side: draw it as SVG "
                                      "or PDF, or as PNG at 19 dpi or less"));
  r::WriteOptions low;
  low.dpi = 19;  // 120,020 pt * 19 / 72 = 31,672 pixels
  CHECK(r::render_bytes(s, r::Format::Png, low).compare(1, 3, "PNG") == 0);
}

// Regression (issue 10): a 10,000-study forest plot was one PDF page 125,102 pt tall, beyond
// the 14,400 pt that PDF readers draw.
TEST_CASE("writer: a figure taller than a PDF page is drawn on several pages, one short figure on one", "[render]") {
  const std::string one = r::render_bytes(tall_scene(100), r::Format::Pdf);
  CHECK(count(one, "/MediaBox") == 1);
  const std::string many = r::render_bytes(tall_scene(10000), r::Format::Pdf);
  // Pages as tall as A4 (841.89 pt; 500 * sqrt(2) is less), cut between rows of 12 pt:
  // 120,020 / 841.89 = 142.6, so 143 pages.
  CHECK(count(many, "/MediaBox") == 143);
  CHECK(many.find("/MediaBox [ 0 0 500 841.89 ]") != std::string::npos);
}
