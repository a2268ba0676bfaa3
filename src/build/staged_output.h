// The build's output: every file written into a staging folder, swapped in whole at the end.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>

#include "build/site_file_error.h"
#include "render/render.h"

namespace confab {

/// How commit() puts the new output in place.
enum class SwapMethod {
  /// One renameat2(RENAME_EXCHANGE): `output` is the old site, then the new one, never missing.
  /// Falls back to two_renames where the file system cannot exchange (EINVAL: some network and
  /// overlay file systems).
  exchange,
  /// The old output renamed aside, then the new one into its place: a build killed between the
  /// two leaves no `output`, and the next build puts the old one back.
  two_renames,
};

/// The points of commit() a build can be killed between (for tests that kill it there).
enum class CommitStep {
  swapping,     ///< every file written, nothing moved yet
  moved_aside,  ///< two_renames only: the old output renamed aside, the new one not yet in
  swapped,      ///< the new output in place; the old one beside it, still to delete
};

/// A new output folder in the making: files go into a staging folder beside `output` as they
/// come, from any thread, and commit() swaps it in. A file whose bytes the current output
/// already holds at the same path is hard-linked from it instead of written: it keeps its inode
/// and modification time, so deploys by rsync and HTTP caches (Last-Modified) see it unchanged. A
/// build that fails before commit() leaves the previous output untouched (the staging folder goes
/// with this object).
///
/// A build killed at any point leaves either the old output or the new one in place, and a
/// folder beside it that the next build removes: each staging folder is held with a lock
/// (flock) while its build lives, so the next one can tell a dead build's folder from a running
/// one's.
class StagedOutput {
 public:
  explicit StagedOutput(const std::filesystem::path& output,
                        SwapMethod method = SwapMethod::exchange,
                        std::function<void(CommitStep)> at_step = {});
  ~StagedOutput();
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  /// Writes one file, making its folders. Safe to call from several threads at once; refuses
  /// paths that would leave the output. Errors name the file as it will be in `output`.
  void write(const OutputFile& file);
  /// Puts the staged folder in place of `output` (see SwapMethod), then removes the old one.
  void commit();
  std::size_t files_written() const { return files_; }
  /// Of those, the files the previous output held byte for byte (linked, not written).
  std::size_t files_unchanged() const { return unchanged_; }

 private:
  void make_folders_for(const std::string& path);
  bool link_if_unchanged(const OutputFile& file);
  void step(CommitStep reached) const;

  std::filesystem::path target_, staging_, previous_;
  SwapMethod method_;
  std::function<void(CommitStep)> at_step_;
  int staging_fd_ = -1;  ///< the staging folder, open: files are made relative to it
  int current_fd_ = -1;  ///< the output being replaced, open, when there is one
  std::mutex lock_;
  std::unordered_set<std::string> folders_;  ///< made so far, relative to the staging folder
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> unchanged_{0};
  bool committed_ = false;
};

}  // namespace confab
