#include "base/parallel_for.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace confab {

std::size_t default_worker_count() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

std::size_t worker_count_for(std::size_t count, std::size_t minimum_per_worker) {
  const std::size_t enough = count / std::max<std::size_t>(minimum_per_worker, 1);
  return std::clamp<std::size_t>(enough, 1, default_worker_count());
}

void parallel_for(std::size_t count, std::size_t workers,
                  const std::function<void(std::size_t worker, std::size_t index)>& work) {
  workers = std::clamp<std::size_t>(workers, 1, std::max<std::size_t>(count, 1));
  if (workers == 1) {
    for (std::size_t index = 0; index < count; ++index) work(0, index);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_lock;
  const auto run = [&](std::size_t worker) {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
      if (index >= count) return;
      try {
        work(worker, index);
      } catch (...) {
        const std::lock_guard<std::mutex> hold(error_lock);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t worker = 1; worker < workers; ++worker) threads.emplace_back(run, worker);
  run(0);
  for (std::thread& thread : threads) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace confab
