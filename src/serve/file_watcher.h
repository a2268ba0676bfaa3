// Notices changed files by polling their modification times and sizes: portable, and cheap
// for a site's few hundred files.
#pragma once

#include <filesystem>
#include <map>
#include <vector>

namespace confab {

class FileWatcher {
 public:
  /// Watches each path: a folder recursively, a file by itself. Paths may not exist yet.
  explicit FileWatcher(std::vector<std::filesystem::path> watched);

  /// The files added, removed or modified since the previous call (or construction), sorted.
  /// Hidden files and editor backups ("name~") are ignored.
  std::vector<std::filesystem::path> poll();

 private:
  struct Stamp {
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    friend bool operator==(const Stamp&, const Stamp&) = default;
  };
  std::map<std::filesystem::path, Stamp> scan() const;

  std::vector<std::filesystem::path> watched_;
  std::map<std::filesystem::path, Stamp> stamps_;
};

}  // namespace confab
