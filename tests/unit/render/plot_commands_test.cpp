// The forest and funnel commands end to end, and byte reproducibility across processes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include "../../support/cli_runner.h"
#include "cli/commands.h"
#include "effect/escalc.h"
#include "model/spec.h"
#include "render/font.h"
#include "model/subgroups.h"
#include "present/analysis_view.h"
#include "render/forest_layout.h"
#include "render_fixture.h"

using namespace render_test;
using metareview::test::run_cli;

namespace {

const std::string kAntiCd38 = golden_path("anticd38_pfs.csv");
const std::string kMyre = golden_path("myre_eulite.csv");

}  // namespace

TEST_CASE("the forest command's fits (model::fit_subgroups) draw what metafor's fits do", "[render]") {
  // escalc() and fit() on the trials of anticd38_fit.R draw exactly what metafor's fits do.
  const EffectTable es = metareview::effect::escalc(Measure::HR, anti_cd38_rows());
  metareview::model::ModelSpec reml;
  reml.method = Method::REML;
  const r::FontMeasurer fonts;
  const r::Scene fitted = r::forest_layout(p::analysis_view(es, metareview::model::fit_subgroups(es, std::nullopt, reml)), fonts);
  const r::Scene golden = r::forest_layout(anti_cd38_input({}), fonts);
  // Every text (estimates, tau2, Q, p, the subgroup test) agrees; positions agree to
  // 0.01 pt (REML converges to 1e-10 here and in metafor, not to the same last bits).
  std::vector<std::string> a, b;
  for (const auto* t : fitted.all<r::Text>()) a.push_back(t->role + ": " + t->text);
  for (const auto* t : golden.all<r::Text>()) b.push_back(t->role + ": " + t->text);
  CHECK(a == b);
  const auto pa = fitted.all<r::Polygon>(), pb = golden.all<r::Polygon>();
  REQUIRE(pa.size() == pb.size());
  for (std::size_t i = 0; i < pa.size(); ++i)
    for (std::size_t j = 0; j < pa[i]->points.size(); ++j) CHECK(pa[i]->points[j].x == Approx(pb[i]->points[j].x).margin(0.01));
  const auto ra = fitted.all<r::Rect>(), rb = golden.all<r::Rect>();
  REQUIRE(ra.size() == rb.size());
  for (std::size_t i = 0; i < ra.size(); ++i) {
    CHECK(ra[i]->x == Approx(rb[i]->x).margin(0.01));
    CHECK(ra[i]->w == Approx(rb[i]->w).margin(0.01));
  }
  REQUIRE_THROWS_WITH(metareview::model::fit_subgroups(es, std::nullopt, std::nullopt),
                      "no model given to pool the subgroups with (need a common-effect or random-effects spec)");
}

TEST_CASE("forest and funnel commands write the figure the -o extension names", "[render]") {
  const auto dir = temp_dir("metareview-plot-cmd");
  const std::string svg = (dir / "forest.svg").string();
  auto r1 = run_cli({"forest", "--data", kAntiCd38, "--measure", "HR", "--method", "REML", "--sort", "effect",
                 "--label-experimental", "Anti-CD38 triplet", "--label-control", "Doublet", "-o", svg});
  CHECK(r1.err == "");
  CHECK(r1.status == 0);
  CHECK(r1.out.rfind("wrote " + svg + " (", 0) == 0);
  const std::string text = slurp(svg);
  CHECK(text.rfind("<?xml", 0) == 0);
  const std::string png = (dir / "funnel.png").string();
  auto r2 = run_cli({"funnel", "--data", kMyre, "--measure", "RR", "--method", "MH", "--contour", "--dpi", "150",
                 "-o", png});
  CHECK(r2.status == 0);
  CHECK(slurp(png).compare(1, 3, "PNG") == 0);

  auto bad_sort = run_cli({"forest", "--data", kMyre, "--measure", "RR", "--sort", "size", "-o", svg});
  CHECK(bad_sort.status == metareview::cli::kExitUsage);
  CHECK(bad_sort.err == "metareview forest: --sort: unknown value 'size'; valid values: given, effect, weight, year\n");
  auto bad_ext = run_cli({"funnel", "--data", kMyre, "--measure", "RR", "-o", "funnel.jpg"});
  CHECK(bad_ext.status == metareview::cli::kExitUsage);
  CHECK(bad_ext.err == "metareview funnel: -o: cannot tell the format of 'funnel.jpg': use a .svg, .pdf or .png file name\n");
  auto bad_measure = run_cli({"forest", "--data", kMyre, "--measure", "RRR", "-o", svg});
  CHECK(bad_measure.err ==
        "metareview forest: --measure: unknown value 'RRR'; valid values: GEN, HR, OR, RR, RD, PR, PLO, PAS, PFT, MD, SMD\n");
  auto bad_dpi = run_cli({"forest", "--data", kMyre, "--measure", "RR", "--dpi", "0", "-o", svg});
  CHECK(bad_dpi.err == "metareview forest: --dpi: dpi must be between 10 and 2400, got 0\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("two runs of the binary give identical bytes in every format", "[render]") {
  const auto dir = temp_dir("metareview-plot-bytes");
  for (const char* ext : {"svg", "pdf", "png"}) {
    std::string outputs[2];
    for (int run_no = 0; run_no < 2; ++run_no) {
      const std::string out = (dir / ("forest" + std::to_string(run_no) + "." + ext)).string();
      const std::string cmd = std::string("'") + METAREVIEW_BINARY + "' forest --data '" + kAntiCd38 +
                              "' --measure HR --method REML -o '" + out + "' > /dev/null";
      REQUIRE(std::system(cmd.c_str()) == 0);
      outputs[run_no] = slurp(out);
    }
    INFO(ext);
    CHECK(outputs[0].size() > 1000);
    CHECK(outputs[0] == outputs[1]);
  }
  std::filesystem::remove_all(dir);
}
