#pragma once
// The PRISMA 2020 flow diagram of a review: the template for new systematic reviews which
// included searches of databases, registers and other sources (Page et al., BMJ 2021;372:n71,
// Figure 1), with its box wording. The databases-and-registers column is drawn when the
// review has that branch, the other-methods column when it has that one; grey side headers
// name the stages (Identification, Screening, Included). Text is horizontal (the template
// turns the side headers on their side; a Scene draws horizontal runs only).
#include "render/scene.h"
#include "render/theme.h"
#include "review/prisma.h"

namespace metareview::render {

/// Roles of the elements, for tests: "box" (Rect, index = box number in drawing order),
/// "box-text" (Text, index = its box), "arrow" (Line), "arrow-head" (Polygon),
/// "stage" (Rect) and "stage-label" (Text), "branch" (Rect) and "branch-label" (Text).
Scene prisma_layout(const review::Prisma& p, const TextMeasurer& measure, const Theme& theme = {});

}  // namespace metareview::render
