// The build's output, published whole and at once, at the cost of what changed: `output` is a
// symbolic link to one of two trees kept beside it, and a build brings the other tree up to date
// (writing only the files it does not hold yet), then turns the link to it.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/content_hash.h"
#include "build/site_file_error.h"
#include "render/render.h"

namespace confab {

/// How commit() puts the new output in place of a real folder (an output written by hand, or by
/// a confab from before the two trees). Turning the link from one tree to the other is always
/// one rename.
enum class SwapMethod {
  /// One renameat2(RENAME_EXCHANGE): `output` is the old folder, then the link, never missing.
  /// Falls back to two_renames where the file system cannot exchange (EINVAL: some network and
  /// overlay file systems).
  exchange,
  /// The old folder renamed aside, then the link into its place: a build killed between the
  /// two leaves no `output`, and the next build puts the old one back.
  two_renames,
};

/// The points of commit() a build can be killed between (for tests that kill it there).
enum class CommitStep {
  swapping,     ///< every file written and the tree listed, nothing moved yet
  moved_aside,  ///< two_renames only: the old folder renamed aside, the link not yet in
  swapped,      ///< the new output in place; a replaced folder beside it, still to delete
};

/// `output` absolute, normal, and without a trailing slash ("public/" is "public"): the output
/// as the build names it and makes it.
std::filesystem::path output_path(const std::filesystem::path& output);

/// Where the two trees of `output` live: `.<name>.confab/` beside it, holding a/ and b/, what
/// each holds (a.files, b.files: path, size and content hash of every file), the hash key, and
/// the lock that lets one build at a time write them.
std::filesystem::path output_trees_of(const std::filesystem::path& output);

/// A new output in the making. Files come from any thread and go into the tree `output` does not
/// point to; commit() turns the link. A file that tree already holds (the build before last wrote
/// the same bytes) costs no file system work at all; a file the published tree holds is
/// hard-linked from it, so it keeps its inode and modification time (rsync and HTTP caches see it
/// unchanged); only the others are written, each as a new file: made at its path when the path is
/// free, else renamed into place over what is there. Files the new output lacks are removed at
/// commit. A build that fails before commit() leaves the published tree untouched; the tree it
/// was writing is then rebuilt whole by the next build.
///
/// One build at a time: a second build of the same output waits for the first (flock). A build
/// killed at any point leaves either the old output or the new one in place.
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
  /// Takes the page at `path` from the published tree, as write() would take it with the same
  /// bytes, when the published tree's listing says it was made from `inputs` and the file is
  /// still as listed: true then, and the page needs no rendering (render's PageMemo::keep).
  /// Safe to call from several threads at once, as write() is.
  bool keep(const std::string& path, const ContentHash& inputs);
  /// keep() with the fingerprint the published tree's listing gives `path` (render's
  /// PageMemo::keep_as_made): for a render made from what the published pages were made from.
  bool keep_as_listed(const std::string& path);
  /// What the published tree's pages were made from as a whole (render's site_inputs), when its
  /// listing says.
  const std::optional<ContentHash>& published_site_inputs() const { return published_site_inputs_; }
  /// What the new output's pages are made from as a whole, for its listing: set it when every
  /// page written or kept was made from it.
  void set_site_inputs(const std::optional<ContentHash>& inputs) { site_inputs_ = inputs; }
  /// Opens `path` to be written in pieces (render's OutputStream), to write()'s outcome with the
  /// same bytes. While the pieces are what the published file holds nothing is written, so a
  /// large file that did not change costs reading it back, and is linked from there. Safe to
  /// call from several threads at once; each stream is used by one.
  /// `inputs` as OutputFile::inputs.
  std::unique_ptr<OutputStream> open_stream(const std::string& path,
                                            const std::optional<ContentHash>& inputs = {});
  /// The key of the trees' hashes, for fingerprints that go in their listings.
  std::uint64_t key() const { return key_; }
  /// Removes what the new output lacks, lists the tree, and points `output` at it.
  void commit();
  std::size_t files_written() const { return files_; }
  /// Of those, the files the previous output held byte for byte.
  std::size_t files_unchanged() const { return unchanged_; }
  /// Of those, the files the tree being updated already held: nothing was done for them.
  std::size_t files_kept() const { return kept_; }

  struct FileState {
    std::uint64_t size = 0;
    ContentHash hash;
    /// A page's fingerprint (OutputFile::inputs), none for other files.
    std::optional<ContentHash> inputs;
    bool same_bytes(const FileState& other) const {
      return size == other.size && hash == other.hash;
    }
  };
  using Listing = std::unordered_map<std::string, FileState>;

 private:
  class Stream;
  void open_trees();
  /// A file of `state` is part of the new output: true when the tree being updated holds those
  /// bytes already (then nothing is to be done for it).
  bool note_file(const std::string& path, const FileState& state);
  /// The counts, once a file is in place.
  void count_file(bool same_as_published, bool held);
  void make_folders_for(const std::string& path);
  /// Makes the file in the tree being updated, linked from the published tree when
  /// `same_as_published` and it is still as listed there (true), else written (false).
  bool put_in_place(const OutputFile& file, bool same_as_published);
  /// Links the published tree's file at `path` into place when it is still a regular file of
  /// `size` bytes; false (and nothing done) when not.
  bool link_published(const std::string& path, std::uint64_t size);
  /// A name of its own beside `path` in the tree being updated, for a file to rename there.
  std::string temporary_name(const std::string& path);
  /// Renames `temporary` to `path` in the tree being updated, replacing a folder there that
  /// this output has no file in.
  void rename_into_place(const std::string& temporary, const std::string& path);
  void remove_stale_files();
  void step(CommitStep reached) const;

  std::filesystem::path target_, trees_;
  std::string fresh_tree_;        ///< "a" or "b": the tree this build updates
  bool replaces_folder_ = false;  ///< `output` is a real folder, not yet a link to a tree
  std::uint64_t key_ = 0;         ///< the content hashes' key
  SwapMethod method_;
  std::function<void(CommitStep)> at_step_;
  int lock_fd_ = -1;
  int fresh_fd_ = -1;              ///< the tree being updated, open: files are made relative to it
  int published_fd_ = -1;          ///< the tree (or folder) `output` is now, when there is one
  bool published_listed_ = false;  ///< published_files_ is known (else: compared byte for byte)
  Listing published_files_;        ///< read-only once constructed
  std::optional<ContentHash> published_site_inputs_;
  std::optional<ContentHash> site_inputs_;  ///< the new output's
  std::mutex lock_;
  Listing fresh_files_;                      ///< what the tree being updated holds, as it goes
  std::unordered_set<std::string> written_;  ///< the paths of the new output
  std::unordered_set<std::string> folders_;  ///< known to be folders in the tree being updated
  bool listable_ = true;                     ///< false once a path cannot be listed
  std::atomic<std::size_t> files_{0};
  std::atomic<std::size_t> unchanged_{0};
  std::atomic<std::size_t> kept_{0};
  std::atomic<std::uint64_t> temporary_names_{0};
};

}  // namespace confab
