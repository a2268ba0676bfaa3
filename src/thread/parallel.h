// Running independent per-item work (reading and judging 100,000 comments) on every core.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace confab {

/// Calls work(i) for every i in [0, count), spread over the machine's cores in contiguous
/// chunks; inline when the job is too small to be worth a thread. `work` must only write to
/// what index i owns. Results are the same as a plain loop: order does not matter by contract.
template <typename Work>
void parallel_for(std::size_t count, Work&& work) {
  constexpr std::size_t kMinimumPerThread = 2048;
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>({cores, 8, count / kMinimumPerThread});
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) work(i);
    return;
  }
  std::vector<std::jthread> workers;
  workers.reserve(threads - 1);
  const std::size_t chunk = (count + threads - 1) / threads;
  for (std::size_t t = 1; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (std::size_t i = t * chunk; i < std::min(count, (t + 1) * chunk); ++i) work(i);
    });
  }
  for (std::size_t i = 0; i < std::min(count, chunk); ++i) work(i);
}  // the jthreads join here

}  // namespace confab
