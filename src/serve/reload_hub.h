// The state shared by the rebuild loop and the open event streams: which build is current and
// whether it failed. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace confab {

class ReloadHub {
 public:
  struct State {
    std::uint64_t generation = 0;      ///< 1 after the first build, +1 per build, failed or not
    std::optional<std::string> error;  ///< why the latest build failed
  };

  void publish_success();
  void publish_failure(std::string message);
  State state() const;

  /// Waits until a build newer than `seen` is published (returns its state), `timeout`
  /// passes (returns the current state, unchanged generation) or shutdown() (returns nullopt).
  std::optional<State> wait_for_newer(std::uint64_t seen, std::chrono::milliseconds timeout);

  /// Ends every wait, now and later.
  void shutdown();

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  State state_;
  bool shut_down_ = false;
};

}  // namespace confab
