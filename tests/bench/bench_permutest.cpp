// Benchmark (a program, not a test): permutest with 1,000 random permutations of ablat in
// the dat.bcg meta-regression (REML, k = 13), next to metafor's permutest() on the same
// model (timed by tests/bench/permutest_metafor.R when Rscript is on PATH).
// Usage: bench_permutest [iter]  (default 1000; the same number for metafor)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <unistd.h>

#include "core/diagnostics.h"
#include "effect/effect_csv.h"
#include "effect/escalc.h"
#include "methods/permutest.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace methods = metareview::methods;
namespace model = metareview::model;
namespace effect = metareview::effect;

const std::string kBcg = METAREVIEW_SOURCE_DIR "/tests/golden/metareg/bcg.csv";

// metafor's seconds for `iter` permutations, or a negative number when R is not run.
double metafor_seconds(long iter) {
  if (std::system("Rscript --version > /dev/null 2>&1") != 0) return -1;
  const auto out = std::filesystem::temp_directory_path() / ("metareview_bench_permutest_" + std::to_string(::getpid()));
  const std::string cmd = "Rscript '" METAREVIEW_SOURCE_DIR "/tests/bench/permutest_metafor.R' '" + kBcg + "' REML " +
                          std::to_string(iter) + " > '" + out.string() + "'";
  double seconds = -1;
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream in(out);
    std::string word, qmp;
    long n = 0;
    in >> word >> n >> word >> seconds >> word >> qmp;
    std::printf("metafor 3.8-1 permutest(): %ld permutations in %.3f s (QMp %s)\n", n, seconds, qmp.c_str());
  }
  std::filesystem::remove(out);
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  const long iter = argc > 1 ? std::atol(argv[1]) : 1000;
  metareview::core::Diagnostics diags;
  effect::ExtraColumns extra;
  extra.names = {"ablat"};
  const auto rows = effect::read_effect_csv(kBcg, metareview::core::Measure::GEN, diags,
                                           effect::MissingValues::Error, &extra);
  const effect::EffectTable es = effect::escalc(metareview::core::Measure::GEN, rows, {});
  const model::Design design = model::make_design({{"ablat", extra.values[0], extra.header[0], {}, false}},
                                                  std::vector<bool>(es.k(), true), true, diags);
  if (diags.has_errors()) {
    std::fputs(diags.to_string().c_str(), stderr);
    return 1;
  }
  const double r_seconds = metafor_seconds(iter);
  std::printf("\npermutest, REML, mods = ~ ablat, k = 13 (ours: methods::permutest)\n");
  std::printf("%8s %8s %10s %12s %10s %10s\n", "iter", "threads", "wall_s", "metafor_s", "speedup", "QM_p");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (const unsigned threads : {1u, cores}) {
    methods::PermutestOptions o;
    o.iter = static_cast<std::uint64_t>(iter);
    o.threads = threads;
    const auto t0 = Clock::now();
    const methods::Permutest t = methods::permutest(es, design, model::ModelSpec{}, o);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    if (r_seconds > 0)
      std::printf("%8ld %8u %10.4f %12.3f %9.0fx %10.4f\n", iter, threads, s, r_seconds, r_seconds / s, t.QM_p);
    else
      std::printf("%8ld %8u %10.4f %12s %10s %10.4f\n", iter, threads, s, "-", "-", t.QM_p);
    if (threads == cores) break;
  }
  return 0;
}
