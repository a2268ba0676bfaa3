// Shared by the build stage's tests: temporary folders, files, and fetchers that watch.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fetch/fetch.h"

namespace confab::testing {

/// A fresh, empty temporary folder named for the test.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("confab-build-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

/// Passes every request to `inner` and remembers the URLs asked for, in order.
class WatchingFetcher : public Fetcher {
 public:
  explicit WatchingFetcher(Fetcher& inner) : inner_(inner) {}

  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls) override {
    asked.insert(asked.end(), urls.begin(), urls.end());
    return inner_.fetch_all(urls);
  }
  std::vector<FetchResult> fetch_requests(const std::vector<FetchRequest>& requests,
                                          const FetchProgressCallback& progress = {}) override {
    for (const auto& request : requests) asked.push_back(request.url);
    return inner_.fetch_requests(requests, progress);
  }

  bool was_asked(const std::string& url) const {
    for (const auto& one : asked) {
      if (one == url) return true;
    }
    return false;
  }

  std::vector<std::string> asked;

 private:
  Fetcher& inner_;
};

}  // namespace confab::testing
