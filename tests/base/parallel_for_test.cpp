#include "base/parallel_for.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace confab {
namespace {

TEST(ParallelFor, CallsEveryIndexOnce) {
  for (std::size_t workers : {1u, 2u, 4u, 16u}) {
    std::vector<std::atomic<int>> calls(1000);
    parallel_for(calls.size(), workers, [&](std::size_t, std::size_t index) { ++calls[index]; });
    for (const auto& count : calls) EXPECT_EQ(count.load(), 1) << workers << " workers";
  }
}

TEST(ParallelFor, WorkerNumbersStayBelowTheWorkerCount) {
  std::vector<std::atomic<int>> used(3);
  parallel_for(500, 3, [&](std::size_t worker, std::size_t) { ++used.at(worker); });
  int total = 0;
  for (const auto& count : used) total += count.load();
  EXPECT_EQ(total, 500);
}

TEST(ParallelFor, NothingToDoCallsNothing) {
  int calls = 0;
  parallel_for(0, 4, [&](std::size_t, std::size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, OneWorkerRunsInOrderOnTheCallingThread) {
  std::vector<std::size_t> order;
  parallel_for(5, 1, [&](std::size_t worker, std::size_t index) {
    EXPECT_EQ(worker, 0u);
    order.push_back(index);
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(ParallelFor, RethrowsTheFirstErrorAndStopsHandingOutWork) {
  std::atomic<int> calls{0};
  EXPECT_THROW(parallel_for(100000, 2,
                            [&](std::size_t, std::size_t index) {
                              ++calls;
                              if (index == 10) throw std::runtime_error("item 10 failed");
                              // Items take a little time, as real ones do, so the other worker
                              // cannot finish them all before the error is seen on a busy
                              // machine (2 s of work if nothing stopped it).
                              if (index > 10) {
                                std::this_thread::sleep_for(std::chrono::microseconds(20));
                              }
                            }),
               std::runtime_error);
  EXPECT_LT(calls.load(), 100000);
}

TEST(ParallelFor, DefaultWorkerCountIsAtLeastOne) {
  EXPECT_GE(default_worker_count(), 1u);
}

}  // namespace
}  // namespace confab
