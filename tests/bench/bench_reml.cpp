// Benchmark (a program, not a test): REML fits at k = 10, 10^4 and 10^6, in process and
// through `metareview pool` as a subprocess (CSV writing excluded, CSV parsing included),
// plus effect::read_effect_csv alone (csv_read_s).
// Data: yi ~ N(0.3, vi + 0.05), vi ~ U(0.01, 0.5), from std::mt19937_64 with a fixed seed.
// Usage: bench_reml [path/to/metareview]  (default: the metareview next to this program)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "core/diagnostics.h"
#include "bench_data.h"
#include "effect/effect_table.h"
#include "effect/effect_csv.h"
#include "model/fit.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace model = metareview::model;

using metareview::bench::simulate;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Best of `reps` runs, so that one cold start does not decide the figure.
template <class F>
double best_of(int reps, F&& f) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, seconds_since(t0));
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path self = std::filesystem::absolute(argv[0]);
  const std::string binary = argc > 1 ? argv[1] : (self.parent_path() / "metareview").string();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::vector<std::size_t> ks{10, 10000, 1000000};

  std::printf("REML in process (fit() only; Q-profile CI and prediction interval included)\n");
  std::printf("%10s %8s %12s %11s %12s\n", "k", "threads", "wall_s", "iterations", "tau2");
  for (std::size_t k : ks) {
    const auto table = simulate(k);
    for (unsigned threads : {1u, cores}) {
      model::ModelSpec spec;
      spec.control.threads = threads;
      model::Fit f;
      const double s = best_of(k >= 1000000 ? 3 : 20, [&] { f = model::fit(table, spec); });
      std::printf("%10zu %8u %12.6f %11d %12.8f\n", k, threads, s, f.iterations, *f.tau2);
      if (threads == cores) break;
    }
  }

  const auto dir = std::filesystem::temp_directory_path() / ("metareview_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::printf("\n`metareview pool --measure GEN --method REML` as a subprocess (%s)\n", binary.c_str());
  std::printf("%10s %8s %12s %12s %12s\n", "k", "threads", "csv_read_s", "table_s", "json_s");
  for (std::size_t k : ks) {
    const auto table = simulate(k);
    std::string name = "k";  // appended, not "k" + temporary: GCC 12 warns falsely (-Wrestrict)
    name += std::to_string(k);
    name += ".csv";
    const auto csv = (dir / name).string();
    {
      std::ofstream out(csv);
      out.precision(17);
      out << "study,yi,vi\n";
      for (std::size_t i = 0; i < k; ++i) out << 's' << i << ',' << table.yi[i] << ',' << table.vi[i] << '\n';
    }
    const double read_s = best_of(k >= 1000000 ? 3 : 10, [&] {
      metareview::core::Diagnostics diags;
      if (metareview::effect::read_effect_csv(csv, metareview::core::Measure::GEN, diags).size() != k) std::abort();
    });
    const std::string cmd = "'" + binary + "' pool --data '" + csv + "' --measure GEN --method REML";
    int status = 0;
    const double table_s = best_of(k >= 1000000 ? 2 : 5, [&] { status |= std::system((cmd + " > /dev/null").c_str()); });
    const double json_s =
        best_of(k >= 1000000 ? 2 : 5, [&] { status |= std::system((cmd + " --json > /dev/null").c_str()); });
    if (status != 0) {
      std::fprintf(stderr, "bench_reml: `%s` failed\n", cmd.c_str());
      std::filesystem::remove_all(dir);
      return 1;
    }
    std::printf("%10zu %8u %12.6f %12.6f %12.6f\n", k, cores, read_s, table_s, json_s);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
