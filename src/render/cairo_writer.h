#pragma once
// Scene -> SVG, PDF or PNG through Cairo, one draw function for all three. Output is
// byte-reproducible: no creation date in PDFs (unless SOURCE_DATE_EPOCH gives one), SVG
// ids renumbered in document order (Cairo 1.16 numbers surfaces with a process-global
// counter), PNGs without timestamps. Files are written to a temporary name in the target
// directory and renamed, so an interrupted run never leaves a half-written figure.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/font.h"
#include "render/scene.h"

namespace metareview::render {

enum class Format { Svg, Pdf, Png };

/// The format named by a file's extension (".svg", ".pdf", ".png", any case); nullopt otherwise.
std::optional<Format> format_from_path(const std::string& path);

struct WriteOptions {
  double dpi = 300;  ///< PNG resolution (pixels per inch); SVG and PDF are vector
  /// PDF CreationDate, seconds since 1970 UTC; none by default.
  std::optional<long long> source_date_epoch;
  std::shared_ptr<const FontSet> fonts;  ///< null: FontSet::standard() (DejaVu Sans, Noto Sans CJK SC)

  /// Defaults, with source_date_epoch from the SOURCE_DATE_EPOCH environment variable
  /// (reproducible-builds.org convention) when it is a valid integer.
  static WriteOptions from_environment();
  /// Empty when valid; otherwise a message naming the bad option.
  std::string validate() const;
};

/// The figure as the bytes of a file of `format`. A PDF of a figure taller than 14,400 pt
/// (the largest PDF page) has several pages, cut between rows of text (render/slice.h). A
/// PNG is at most 32767 pixels on a side: a larger one throws metareview::Error saying to
/// draw SVG or PDF, or at which dpi a PNG fits.
std::string render_bytes(const Scene& scene, Format format, const WriteOptions& options = {});

/// A document of several pages, one Scene each (each its own page size), as the bytes of one
/// PDF drawn exactly as render_bytes draws a figure, with the same rules for CreationDate.
/// `title` goes into the document information (empty: none). Throws metareview::Error for
/// no pages or an empty page.
std::string render_pdf_document(const std::vector<Scene>& pages, const WriteOptions& options = {},
                                const std::string& title = "");

/// Writes the figure to `path` in the format its extension names. Throws metareview::Error
/// for an unknown extension or a file that cannot be written.
void write_figure(const Scene& scene, const std::string& path, const WriteOptions& options = {});

}  // namespace metareview::render
