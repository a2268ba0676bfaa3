// The build's output: every file written into a staging folder, swapped in whole at the end.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <string>
#include <unordered_set>

#include "build/site_file_error.h"
#include "render/render.h"

namespace confab {

/// A new output folder in the making: files go into a staging folder beside `output` as they
/// come, from any thread, and commit() swaps it in. A build that fails before commit() leaves
/// the previous output untouched (the staging folder goes with this object).
class StagedOutput {
 public:
  explicit StagedOutput(const std::filesystem::path& output);
  ~StagedOutput();
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  /// Writes one file, making its folders. Safe to call from several threads at once; refuses
  /// paths that would leave the output. Errors name the file as it will be in `output`.
  void write(const OutputFile& file);
  /// Puts the staged folder in place of `output` (two renames), then removes the old one.
  void commit();
  std::size_t files_written() const { return files_; }

 private:
  void make_folders_for(const std::string& path);

  std::filesystem::path target_, staging_, previous_;
  int staging_fd_ = -1;  ///< the staging folder, open: files are made relative to it
  std::mutex lock_;
  std::unordered_set<std::string> folders_;  ///< made so far, relative to the staging folder
  std::atomic<std::size_t> files_{0};
  bool committed_ = false;
};

}  // namespace confab
