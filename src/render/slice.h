#pragma once
// Cutting a Scene across pages: the PDF supplement pours a tall figure onto several pages,
// and the PDF writer draws a figure taller than a PDF page can be as several pages.
#include <vector>

#include "render/scene.h"

namespace metareview::render {

/// The part of `scene` between y0 and y1 (scene coordinates), scaled by `scale` and moved so
/// that (0, y0) lands on `at`: lines and polygons are clipped, texts and circles kept when
/// their baseline or centre lies in [y0, y1).
std::vector<Element> place(const Scene& scene, double y0, double y1, double scale, Point at);

/// The largest y <= limit (and > from) at which `scene` can be cut without cutting through a
/// text, a circle or a small shape; `limit` itself when there is none.
double safe_cut(const Scene& scene, double from, double limit);

/// `scene` as pages of its width, each `page_height` tall (the last one shorter), cut at
/// safe_cut so that no row of text is split. One page when the scene is not taller.
std::vector<Scene> paginate(const Scene& scene, double page_height);

}  // namespace metareview::render
