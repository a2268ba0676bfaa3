#include "serve/file_watcher.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace confab {

namespace fs = std::filesystem;

namespace {

bool is_ignored(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.empty() || name.front() == '.' || name.back() == '~';
}

}  // namespace

FileWatcher::FileWatcher(std::vector<fs::path> watched)
    : watched_(std::move(watched)), stamps_(scan()) {}

std::map<fs::path, FileWatcher::Stamp> FileWatcher::scan() const {
  std::map<fs::path, Stamp> stamps;
  // Files come and go while we look (editors save by rename): errors just skip that file.
  const auto record = [&](const fs::path& path) {
    std::error_code error;
    const auto modified = fs::last_write_time(path, error);
    if (error) return;
    const auto size = fs::file_size(path, error);
    if (error) return;
    stamps[path] = {modified, size};
  };
  for (const auto& root : watched_) {
    std::error_code error;
    if (fs::is_regular_file(root, error)) {
      record(root);
      continue;
    }
    if (!fs::is_directory(root, error)) continue;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (is_ignored(it->path())) {
        if (it->is_directory(error)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(error)) record(it->path());
    }
  }
  return stamps;
}

std::vector<fs::path> FileWatcher::poll() {
  auto current = scan();
  std::vector<fs::path> changed;
  for (const auto& [path, stamp] : current) {
    const auto before = stamps_.find(path);
    if (before == stamps_.end() || !(before->second == stamp)) changed.push_back(path);
  }
  for (const auto& [path, stamp] : stamps_) {
    if (!current.count(path)) changed.push_back(path);
  }
  std::sort(changed.begin(), changed.end());
  stamps_ = std::move(current);
  return changed;
}

}  // namespace confab
