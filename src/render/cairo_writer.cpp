#include "render/cairo_writer.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <regex>

#include "core/error.h"
#include "core/format.h"
#include "io/fs.h"
#include "render/slice.h"

namespace metareview::render {
namespace {

/// Cairo's image surfaces (and so its PNGs) are at most 32767 pixels on a side.
constexpr double kMaxPngSide = 32767;
/// Ref: ISO 32000-1:2008, annex C.2: a page is at most 14,400 units (200 inches) on a side.
constexpr double kMaxPdfPage = 14400;
constexpr double kA4Height = 841.89;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void set_color(cairo_t* cr, const Color& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void stroke_with(cairo_t* cr, const Stroke& s) {
  set_color(cr, s.color);
  cairo_set_line_width(cr, s.width);
  cairo_set_dash(cr, s.dash.empty() ? nullptr : s.dash.data(), static_cast<int>(s.dash.size()), 0);
  cairo_stroke(cr);
}

void paint_path(cairo_t* cr, const std::optional<Color>& fill, const std::optional<Stroke>& stroke) {
  if (fill) {
    set_color(cr, *fill);
    if (stroke) cairo_fill_preserve(cr); else cairo_fill(cr);
  }
  if (stroke) stroke_with(cr, *stroke);
  cairo_new_path(cr);
}

// The one draw function every format uses.
void draw(cairo_t* cr, const Scene& scene, const FontSet& fonts) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_font_options(cr, fonts.options());
  for (const auto& e : scene.elements) {
    if (const auto* l = std::get_if<Line>(&e)) {
      cairo_move_to(cr, l->a.x, l->a.y);
      cairo_line_to(cr, l->b.x, l->b.y);
      stroke_with(cr, l->stroke);
    } else if (const auto* r = std::get_if<Rect>(&e)) {
      cairo_rectangle(cr, r->x, r->y, r->w, r->h);
      paint_path(cr, r->fill, r->stroke);
    } else if (const auto* p = std::get_if<Polygon>(&e)) {
      if (p->points.empty()) continue;
      cairo_move_to(cr, p->points[0].x, p->points[0].y);
      for (std::size_t i = 1; i < p->points.size(); ++i) cairo_line_to(cr, p->points[i].x, p->points[i].y);
      cairo_close_path(cr);
      paint_path(cr, p->fill, p->stroke);
    } else if (const auto* c = std::get_if<Circle>(&e)) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, c->centre.x, c->centre.y, c->radius, 0, 2 * M_PI);
      paint_path(cr, c->fill, c->stroke);
    } else if (const auto* t = std::get_if<Text>(&e)) {
      cairo_set_font_size(cr, t->size);
      set_color(cr, t->color);
      // Anchored with the width layout measured, so drawing matches the Scene exactly; each
      // run advances the current point by its width, as the measurer added them up.
      cairo_move_to(cr, t->left(), t->pos.y);
      for (const FontSet::Run& run : fonts.runs(drawable_utf8(t->text), t->weight)) {
        cairo_set_font_face(cr, fonts.face(t->weight, run.face));
        cairo_show_text(cr, run.text.c_str());
      }
      cairo_new_path(cr);
    }
  }
}

void finish(cairo_surface_t* surface, cairo_t* cr, const char* what) {
  const cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t surface_status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS || surface_status != CAIRO_STATUS_SUCCESS)
    throw Error(std::string("render::render_bytes: cairo failed drawing ") + what + ": " +
                cairo_status_to_string(status != CAIRO_STATUS_SUCCESS ? status : surface_status));
}

// Cairo 1.16 names SVG groups "surfaceN" (and images "imageN") after a process-global
// counter, so a second render in one process differs. Renumber in document order.
std::string renumber_svg_ids(const std::string& svg) {
  static const std::regex id(R"((id="|#)(surface|image)(\d+))");
  std::map<std::string, int> numbers;
  std::string out;
  auto last = svg.cbegin();
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), id); it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    const std::string key = m[2].str() + m[3].str();
    const auto [pos, added] = numbers.emplace(key, static_cast<int>(numbers.size()) + 1);
    out.append(last, m[0].first);
    out += m[1].str() + m[2].str() + std::to_string(pos->second);
    last = m[0].second;
  }
  out.append(last, svg.cend());
  return out;
}

// PNG chunks carry a CRC-32 (ISO 3309, as zlib's crc32).
std::uint32_t crc32(const std::string& bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void put_u32(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

// A pHYs chunk after IHDR, so viewers and word processors know the PNG's physical size.
std::string with_resolution(const std::string& png, double dpi) {
  constexpr std::size_t kAfterIhdr = 8 + 4 + 4 + 13 + 4;  // signature, IHDR length/type/data/CRC
  if (png.size() < kAfterIhdr || png.compare(12, 4, "IHDR") != 0)
    throw Error("render::render_bytes: cairo wrote an unexpected PNG header");
  const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::string body = "pHYs";
  put_u32(body, per_metre);
  put_u32(body, per_metre);
  body += '\x01';  // unit: metre
  std::string chunk;
  put_u32(chunk, 9);
  chunk += body;
  put_u32(chunk, crc32(body));
  return png.substr(0, kAfterIhdr) + chunk + png.substr(kAfterIhdr);
}

// "2020-01-01T00:00:00Z" for cairo's PDF metadata (ISO 8601; cairo writes the PDF date).
std::string iso8601(long long epoch) {
  const std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::array<char, 32> buf{};
  std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf.data();
}

void check_page(const Scene& scene, const char* function) {
  if (!(scene.width > 0 && scene.height > 0))
    throw Error(std::string(function) + ": empty scene (" + core::format_plain(scene.width) + " x " +
                core::format_plain(scene.height) + " pt)");
}

std::string pdf_bytes(const std::vector<const Scene*>& pages, const WriteOptions& options, const FontSet& fonts,
                      const std::string& title) {
  std::string bytes;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append_bytes, &bytes, pages[0]->width, pages[0]->height);
  // Cairo 1.16 stamps the current time as CreationDate; an empty value removes it.
  const std::string date = options.source_date_epoch ? iso8601(*options.source_date_epoch) : "";
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  if (!title.empty()) cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, drawable_utf8(title).c_str());
  cairo_t* cr = cairo_create(s);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) {
      cairo_show_page(cr);
      cairo_pdf_surface_set_size(s, pages[i]->width, pages[i]->height);
    }
    draw(cr, *pages[i], fonts);
  }
  finish(s, cr, "PDF");
  return bytes;
}

}  // namespace

std::optional<Format> format_from_path(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".svg") return Format::Svg;
  if (ext == ".pdf") return Format::Pdf;
  if (ext == ".png") return Format::Png;
  return std::nullopt;
}

WriteOptions WriteOptions::from_environment() {
  WriteOptions o;
  if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s, &end, 10);
    if (errno == 0 && end && *end == '\0' && v >= 0) o.source_date_epoch = v;
  }
  return o;
}

std::string WriteOptions::validate() const {
  if (!(dpi >= 10 && dpi <= 2400)) return "dpi must be between 10 and 2400, got " + core::format_plain(dpi);
  return "";
}

std::string render_bytes(const Scene& scene, Format format, const WriteOptions& options) {
  if (const std::string problem = options.validate(); !problem.empty())
    throw Error("render::render_bytes: " + problem);
  check_page(scene, "render::render_bytes");
  const std::shared_ptr<const FontSet> fonts = options.fonts ? options.fonts : FontSet::standard();
  std::string bytes;
  switch (format) {
    case Format::Svg: {
      cairo_surface_t* s = cairo_svg_surface_create_for_stream(append_bytes, &bytes, scene.width, scene.height);
      cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
      cairo_t* cr = cairo_create(s);
      draw(cr, scene, *fonts);
      finish(s, cr, "SVG");
      return renumber_svg_ids(bytes);
    }
    case Format::Pdf: {
      if (scene.height <= kMaxPdfPage) return pdf_bytes({&scene}, options, *fonts, "");
      // Taller than a PDF page may be: pages as tall as an A4 page is for the figure's width.
      const std::vector<Scene> pages = paginate(scene, std::min(kMaxPdfPage, std::max(kA4Height, scene.width * M_SQRT2)));
      std::vector<const Scene*> list;
      for (const Scene& page : pages) list.push_back(&page);
      return pdf_bytes(list, options, *fonts, "");
    }
    case Format::Png: {
      const double scale = options.dpi / 72.0;
      const double pw = std::ceil(scene.width * scale), ph = std::ceil(scene.height * scale);
      if (!(pw <= kMaxPngSide && ph <= kMaxPngSide)) {
        const double fit = std::floor(kMaxPngSide * 72.0 / std::max(scene.width, scene.height));
        throw Error("render::render_bytes: a PNG of this figure would be " + core::format_count(pw) + " x " +
                    core::format_count(ph) + " pixels at " + core::format_plain(options.dpi) +
                    " dpi, more than the 32767 pixels a PNG may have on a side: draw it as SVG or PDF" +
                    (fit >= 10 ? ", or as PNG at " + core::format_count(fit) + " dpi or less" : ""));
      }
      const int w = static_cast<int>(pw), h = static_cast<int>(ph);
      cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
      cairo_t* cr = cairo_create(s);
      cairo_scale(cr, scale, scale);
      draw(cr, scene, *fonts);
      cairo_surface_flush(s);
      const cairo_status_t status = cairo_surface_write_to_png_stream(s, append_bytes, &bytes);
      finish(s, cr, "PNG");
      if (status != CAIRO_STATUS_SUCCESS)
        throw Error(std::string("render::render_bytes: cairo failed writing PNG: ") + cairo_status_to_string(status));
      return with_resolution(bytes, options.dpi);
    }
  }
  throw Error("render::render_bytes: unknown format");
}

std::string render_pdf_document(const std::vector<Scene>& pages, const WriteOptions& options, const std::string& title) {
  if (const std::string problem = options.validate(); !problem.empty())
    throw Error("render::render_pdf_document: " + problem);
  if (pages.empty()) throw Error("render::render_pdf_document: no pages");
  std::vector<const Scene*> list;
  for (const Scene& page : pages) {
    check_page(page, "render::render_pdf_document");
    list.push_back(&page);
  }
  return pdf_bytes(list, options, options.fonts ? *options.fonts : *FontSet::standard(), title);
}

void write_figure(const Scene& scene, const std::string& path, const WriteOptions& options) {
  const auto format = format_from_path(path);
  if (!format)
    throw Error("render::write_figure: cannot tell the format of '" + path + "': use a .svg, .pdf or .png file name");
  const std::string bytes = render_bytes(scene, *format, options);
  io::write_file_atomic(path, bytes, "render::write_figure");
}

}  // namespace metareview::render
