// Spreading independent pieces of work over the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace confab {

/// How many threads parallel_for should use here: the cores the machine reports, at least 1.
std::size_t default_worker_count();

/// Workers for `count` items that each cost little: one per core, but only as many as have
/// `minimum_per_worker` items each (a thread costs more than a few thousand cheap items), at
/// least 1.
std::size_t worker_count_for(std::size_t count, std::size_t minimum_per_worker);

/// Calls work(worker, index) once for every index in [0, count), on `workers` threads (the
/// calling thread is worker 0; others are numbered 1..workers-1, so each can keep its own
/// scratch state). Indexes are handed out one at a time, so items of uneven cost balance.
/// The first exception thrown stops the handing out; it is rethrown here once every thread has
/// stopped. With one worker (or one item) everything runs on the calling thread, in order.
void parallel_for(std::size_t count, std::size_t workers,
                  const std::function<void(std::size_t worker, std::size_t index)>& work);

}  // namespace confab
