#include "serve/reload_hub.h"

#include <utility>

namespace confab {

void ReloadHub::publish_success() {
  {
    std::lock_guard lock(mutex_);
    ++state_.generation;
    state_.error.reset();
  }
  changed_.notify_all();
}

void ReloadHub::publish_failure(std::string message) {
  {
    std::lock_guard lock(mutex_);
    ++state_.generation;
    state_.error = std::move(message);
  }
  changed_.notify_all();
}

ReloadHub::State ReloadHub::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::optional<ReloadHub::State> ReloadHub::wait_for_newer(std::uint64_t seen,
                                                          std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return shut_down_ || state_.generation > seen; });
  if (shut_down_) return std::nullopt;
  return state_;
}

void ReloadHub::shutdown() {
  {
    std::lock_guard lock(mutex_);
    shut_down_ = true;
  }
  changed_.notify_all();
}

}  // namespace confab
