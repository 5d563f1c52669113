#pragma once
// The journal supplement of a review (supplement.pdf): A4 portrait pages with a running
// header and page numbers. A title page (question, headline results, contents), then the
// statistical methods with every setting, per analysis a results table and its forest (and
// funnel) plot, the evidence-check findings, the characteristics of the included studies,
// the excluded studies with reasons, and the provenance of every input file.
#include <string>
#include <vector>

#include "render/cairo_writer.h"
#include "render/scene.h"
#include "report/context.h"
#include "report/document.h"
#include "report/figures.h"

namespace metareview::report {

/// The results table of an analysis, as the supplement prints it: study rows with their arm
/// data, weights and effect [CI] (findings under flagged rows), subgroup and overall pooled
/// rows, heterogeneity and test lines.
Table results_table(const AnalysisText& a);

/// The supplement's pages. `figures` are the analyses' figures in ReviewText order.
/// `review_figures`: the review's own figures (the PRISMA flow diagram, at the head of Results).
std::vector<render::Scene> supplement_pages(const ReviewText& review, const std::vector<AnalysisFigures>& figures,
                                            const render::TextMeasurer& measure,
                                            const ReviewFigures& review_figures = ReviewFigures{});

/// The supplement as PDF bytes (render::render_pdf_document with the review title).
std::string supplement_pdf(const ReviewText& review, const std::vector<AnalysisFigures>& figures,
                           const render::WriteOptions& options, const ReviewFigures& review_figures = ReviewFigures{});

}  // namespace metareview::report
