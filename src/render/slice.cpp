#include "render/slice.h"

#include <algorithm>
#include <utility>

#include "render/funnel_layout.h"  // clip_polygon

namespace metareview::render {
namespace {

constexpr double kCutShape = 40;  ///< shapes at least this tall may be cut (axis lines, shading)

Point map(Point p, double scale, Point at, double y0) { return {at.x + p.x * scale, at.y + (p.y - y0) * scale}; }

Stroke scaled(Stroke s, double scale) {
  s.width *= scale;
  for (double& d : s.dash) d *= scale;
  return s;
}

}  // namespace

std::vector<Element> place(const Scene& scene, double y0, double y1, double scale, Point at) {
  std::vector<Element> out;
  const double big = 1e9;
  for (const auto& e : scene.elements) {
    if (const auto* l = std::get_if<Line>(&e)) {
      Line c = *l;
      const double lo = std::min(c.a.y, c.b.y), hi = std::max(c.a.y, c.b.y);
      if (hi < y0 || lo > y1 || (lo == hi && lo == y1)) continue;
      auto clip = [&](Point& p, const Point& q) {
        const double y = std::clamp(p.y, y0, y1);
        if (y != p.y) p = {p.x + (q.x - p.x) * (y - p.y) / (q.y - p.y), y};
      };
      const Point a = c.a;
      clip(c.a, c.b);
      clip(c.b, a);
      c.a = map(c.a, scale, at, y0);
      c.b = map(c.b, scale, at, y0);
      c.stroke = scaled(c.stroke, scale);
      out.emplace_back(std::move(c));
    } else if (const auto* r = std::get_if<Rect>(&e)) {
      const double top = std::max(r->y, y0), end = std::min(r->y + r->h, y1);
      if (end <= top) continue;
      Rect c = *r;
      const Point p = map({r->x, top}, scale, at, y0);
      c.x = p.x, c.y = p.y, c.w = r->w * scale, c.h = (end - top) * scale;
      if (c.stroke) c.stroke = scaled(*c.stroke, scale);
      out.emplace_back(std::move(c));
    } else if (const auto* g = std::get_if<Polygon>(&e)) {
      Polygon c = *g;
      c.points = clip_polygon(g->points, -big, y0, big, y1);
      if (c.points.size() < 3) continue;
      for (auto& p : c.points) p = map(p, scale, at, y0);
      if (c.stroke) c.stroke = scaled(*c.stroke, scale);
      out.emplace_back(std::move(c));
    } else if (const auto* ci = std::get_if<Circle>(&e)) {
      if (ci->centre.y < y0 || ci->centre.y >= y1) continue;
      Circle c = *ci;
      c.centre = map(c.centre, scale, at, y0);
      c.radius *= scale;
      if (c.stroke) c.stroke = scaled(*c.stroke, scale);
      out.emplace_back(std::move(c));
    } else if (const auto* t = std::get_if<Text>(&e)) {
      if (t->pos.y < y0 || t->pos.y >= y1) continue;
      Text c = *t;
      c.pos = map(c.pos, scale, at, y0);
      c.size *= scale, c.width *= scale, c.ascent *= scale, c.descent *= scale;
      out.emplace_back(std::move(c));
    }
  }
  return out;
}

double safe_cut(const Scene& scene, double from, double limit) {
  std::vector<std::pair<double, double>> keep;  // spans no cut may fall inside
  for (const auto& e : scene.elements) {
    if (const auto* t = std::get_if<Text>(&e)) {
      const Rect b = t->box();
      keep.emplace_back(b.y, b.y + b.h);
    } else if (const auto* c = std::get_if<Circle>(&e)) {
      keep.emplace_back(c->centre.y - c->radius, c->centre.y + c->radius);
    } else if (const auto* r = std::get_if<Rect>(&e)) {
      if (r->h < kCutShape) keep.emplace_back(r->y, r->y + r->h);
    } else if (const auto* p = std::get_if<Polygon>(&e)) {
      if (p->points.empty()) continue;
      double lo = p->points[0].y, hi = lo;
      for (const auto& q : p->points) lo = std::min(lo, q.y), hi = std::max(hi, q.y);
      if (hi - lo < kCutShape) keep.emplace_back(lo, hi);
    }
  }
  double y = limit;
  for (bool moved = true; moved;) {
    moved = false;
    for (const auto& [a, b] : keep)
      if (a < y && y < b) y = a, moved = true;
  }
  return y > from + 1 ? y : limit;
}

std::vector<Scene> paginate(const Scene& scene, double page_height) {
  std::vector<Scene> pages;
  for (double y0 = 0; y0 < scene.height;) {
    const bool last = y0 + page_height >= scene.height;
    const double cut = last ? scene.height : safe_cut(scene, y0, y0 + page_height);
    Scene page;
    page.width = scene.width;
    page.height = last ? scene.height - y0 : page_height;
    page.elements = place(scene, y0, last ? scene.height + 1 : cut, 1, {0, 0});
    pages.push_back(std::move(page));
    y0 = cut;
  }
  return pages;
}

}  // namespace metareview::render
