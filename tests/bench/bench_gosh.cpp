// Benchmark (a program, not a test): exhaustive GOSH with REML at k = 16 (65,535 fits) and
// k = 20 (1,048,575 fits), next to metafor's gosh() on the k = 16 data (a random sample of
// its subsets, timed by tests/bench/gosh_metafor.R when Rscript is on PATH).
// Data: yi ~ N(0.3, vi + 0.05), vi ~ U(0.01, 0.5), from std::mt19937_64 with a fixed seed.
// Usage: bench_gosh [metafor_subsets]  (default 2000; 0 skips R)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>

#include <unistd.h>

#include "bench_data.h"
#include "effect/effect_table.h"
#include "methods/gosh.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace methods = metareview::methods;
namespace model = metareview::model;

using metareview::bench::simulate;

// metafor's seconds per fit on the same data, or a negative number when R is not run.
double metafor_per_fit(const metareview::effect::EffectTable& t, long subsets) {
  if (subsets <= 0 || std::system("Rscript --version > /dev/null 2>&1") != 0) return -1;
  const auto dir = std::filesystem::temp_directory_path() / ("metareview_bench_gosh_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto csv = (dir / "data.csv").string(), out = (dir / "r.txt").string();
  {
    std::ofstream f(csv);
    f.precision(17);
    f << "yi,vi\n";
    for (std::size_t i = 0; i < t.yi.size(); ++i) f << t.yi[i] << ',' << t.vi[i] << '\n';
  }
  const std::string cmd = "Rscript '" METAREVIEW_SOURCE_DIR "/tests/bench/gosh_metafor.R' '" + csv + "' REML " +
                          std::to_string(subsets) + " > '" + out + "'";
  double per_fit = -1;
  if (std::system(cmd.c_str()) == 0) {
    std::ifstream in(out);
    std::string word;
    long fits = 0;
    double seconds = 0;
    in >> word >> fits >> word >> seconds >> word >> per_fit;
    std::printf("metafor 3.8-1 gosh(): %ld random subsets of k = %zu in %.3f s\n", fits, t.yi.size(), seconds);
  }
  std::filesystem::remove_all(dir);
  return per_fit;
}

}  // namespace

int main(int argc, char** argv) {
  const long r_subsets = argc > 1 ? std::atol(argv[1]) : 2000;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const double r_per_fit = metafor_per_fit(simulate(16), r_subsets);

  std::printf("\nGOSH, REML, every non-empty subset (ours: methods::gosh)\n");
  std::printf("%4s %9s %8s %10s %14s %14s %12s\n", "k", "fits", "threads", "wall_s", "per_fit_us",
              "metafor_us", "speedup");
  for (const std::size_t k : {16u, 20u}) {
    const auto table = simulate(k);
    model::ModelSpec spec;  // REML, metareview's default control
    for (const unsigned threads : {1u, cores}) {
      methods::GoshOptions o;
      o.threads = threads;
      const auto t0 = Clock::now();
      const methods::Gosh g = methods::gosh(table, spec, o);
      const double s = std::chrono::duration<double>(Clock::now() - t0).count();
      const double fits = static_cast<double>(methods::summarize(g).fits);
      const double per_fit = s / fits;
      if (r_per_fit > 0)
        std::printf("%4zu %9.0f %8u %10.3f %14.3f %14.1f %11.0fx\n", k, fits, threads, s, per_fit * 1e6,
                    r_per_fit * 1e6, r_per_fit / per_fit);
      else
        std::printf("%4zu %9.0f %8u %10.3f %14.3f %14s %12s\n", k, fits, threads, s, per_fit * 1e6, "-", "-");
      if (threads == cores) break;
    }
  }
  return 0;
}
