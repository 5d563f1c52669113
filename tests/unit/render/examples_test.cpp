// Example figures for looking at (hidden: run with
//   metareview_tests "[.render-examples]"   # writes to $METAREVIEW_EXAMPLES_DIR or /tmp/render-examples
// ). They go through the same library path as the CLI: escalc() -> fit() -> layout -> writer.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "effect/escalc.h"
#include "model/fit.h"
#include "model/subgroups.h"
#include "render/cairo_writer.h"
#include "render/font.h"
#include "render/forest_layout.h"
#include "render/funnel_layout.h"
#include "render_fixture.h"

using namespace render_test;

namespace {

std::string out_dir() {
  const char* d = std::getenv("METAREVIEW_EXAMPLES_DIR");
  const std::string dir = d ? d : "/tmp/render-examples";
  std::filesystem::create_directories(dir);
  return dir;
}

void write_all(const r::Scene& s, const std::string& stem) {
  for (const char* ext : {".png", ".pdf", ".svg"}) r::write_figure(s, out_dir() + "/" + stem + ext);
}

metareview::model::ModelSpec spec(Method m) {
  metareview::model::ModelSpec s;
  s.method = m;
  return s;
}

}  // namespace

TEST_CASE("examples: anti-CD38 PFS, MYRE vs EuLITE, funnel", "[.render-examples]") {
  namespace model = metareview::model;
  const r::FontMeasurer fonts;

  // Anti-CD38 PFS hazard ratios, subgroups by partner drug, random effects (REML).
  {
    const std::vector<StudyInput> rows = anti_cd38_rows();
    const EffectTable es = metareview::effect::escalc(Measure::HR, rows);
    p::ViewOptions o;
    o.label_experimental = "Anti-CD38 triplet";
    o.label_control = "Doublet";
    o.flags = {"", "\xE2\x80\xA0", "", "", "", ""};
    o.footnotes = {"\xE2\x80\xA0 IKEMA reported a 99% CI; its standard error is derived from that interval."};
    // Overall, per partner drug (rows of the same table) and meta's Q.b.random.
    const p::AnalysisView in = p::analysis_view(es, model::fit_subgroups(es, std::nullopt, spec(Method::REML)), o);
    write_all(r::forest_layout(in, fonts), "anti-cd38-pfs-forest");
  }

  // MYRE vs EuLITE: dialysis independence at 3 months, high cut-off vs conventional dialysis.
  {
    std::vector<StudyInput> rows(2);
    rows[0].study = "MYRE", rows[0].year = 2017, rows[0].ai = 19, rows[0].n1i = 46, rows[0].ci = 16, rows[0].n2i = 48;
    rows[1].study = "EuLITE", rows[1].year = 2019, rows[1].ai = 24, rows[1].n1i = 43, rows[1].ci = 24, rows[1].n2i = 47;
    const EffectTable es = metareview::effect::escalc(Measure::RR, rows);
    const Fit fe = model::fit(es, spec(Method::MH));
    const Fit re = model::fit(es, spec(Method::DL));
    p::ViewOptions o;
    o.label_experimental = "High cut-off HD";
    o.label_control = "Conventional HD";
    o.favours_left = "Favours conventional HD";
    o.favours_right = "Favours high cut-off HD";
    write_all(r::forest_layout(p::analysis_view(es, &fe, &re, o), fonts), "myre-eulite-forest");
  }

  // Funnel of dat.bcg, contour-enhanced, and the BCG forest plot with both models.
  {
    const Golden g = read_bcg();
    const EffectTable es = bcg_table(g);
    const Fit fe = bcg_fit(g, "fe"), re = bcg_fit(g, "re");
    write_all(r::funnel_layout(r::funnel_input(es, fe, {true}), fonts), "bcg-funnel-contour");
    write_all(r::funnel_layout(r::funnel_input(es, fe, {false}), fonts), "bcg-funnel");
    p::ViewOptions o;
    o.label_experimental = "Vaccinated";
    o.label_control = "Not vaccinated";
    o.sort = p::SortOrder::Year;
    write_all(r::forest_layout(p::analysis_view(es, &fe, &re, o), fonts), "bcg-forest");
  }
}
