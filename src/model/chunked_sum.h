#pragma once
// Deterministic parallel sums for the O(k) fits: the index range is cut into fixed-size
// chunks, each chunk is summed in index order into its own slot, and the slots are added in
// chunk order. The cut never depends on the thread count, so the result is bit-identical
// whether one thread or many did the work.
#include <algorithm>
#include <array>
#include <cstddef>
#include <thread>
#include <vector>

namespace metareview::model::detail {

inline constexpr std::size_t kChunk = 4096;
/// Below this many rows a single thread is faster than starting workers.
inline constexpr std::size_t kParallelMin = std::size_t{1} << 15;

/// Threads to use for n rows when `requested` were asked for (0: one per core).
inline unsigned worker_count(unsigned requested, std::size_t n) {
  if (n < kParallelMin) return 1;
  unsigned t = requested != 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  return static_cast<unsigned>(std::min<std::size_t>(t, chunks));
}

/// Sums N quantities over [0, n): body(begin, end, acc) adds rows [begin, end) into acc.
template <std::size_t N, class Body>
std::array<double, N> chunked_sum(std::size_t n, unsigned threads, const Body& body) {
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::array<double, N>> partial(chunks, std::array<double, N>{});
  const auto run = [&](std::size_t c0, std::size_t c1) {
    for (std::size_t c = c0; c < c1; ++c) body(c * kChunk, std::min(n, (c + 1) * kChunk), partial[c]);
  };
  const unsigned workers = worker_count(threads, n);
  if (workers <= 1) {
    run(0, chunks);
  } else {
    std::vector<std::thread> pool;
    pool.reserve(workers - 1);
    const std::size_t per = (chunks + workers - 1) / workers;
    for (unsigned t = 1; t < workers; ++t) {
      const std::size_t c0 = std::min(chunks, t * per), c1 = std::min(chunks, (t + 1) * per);
      pool.emplace_back(run, c0, c1);
    }
    run(0, std::min(chunks, per));
    for (auto& th : pool) th.join();
  }
  std::array<double, N> total{};
  for (const auto& part : partial)
    for (std::size_t j = 0; j < N; ++j) total[j] += part[j];
  return total;
}

}  // namespace metareview::model::detail
