// The archive stage's face: the hub's memory. Every build merges what it fetched into one SQLite
// file, and the conversation is threaded from everything ever seen, not only from what feeds
// show today. Sits between parse and thread: it knows parse's Entry, nothing later.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "archive/sqlite_db.h"
#include "base/content_hash.h"
#include "base/time.h"
#include "parse/feed.h"

namespace confab {

/// A blog as the archive remembers it. `key` is its identity across builds: a configured
/// source's `url`, a discovered blog's feed URL. `role` is "campaign", "blog" or "discovered";
/// `status` is "ok", "unchanged", "error" or "gone" (the words of conversation.json).
struct ArchivedSource {
  std::string key;
  std::string id;  ///< the slug the hub shows (SourceReport::id)
  std::string name;
  std::string url;
  std::string feed;
  std::string role = "blog";
  std::string status = "ok";
  std::string error;
  std::optional<UnixTime> last_success;
  std::string discovered_from;  ///< a discovered blog: the conversation post that led to it
};

/// The entries one feed gave this build: the source's own feed (`post_id` empty) or the comment
/// feed of one of its posts (`post_id` = that post's Entry::id).
struct FeedRead {
  std::string post_id;
  bool unchanged = false;  ///< 304 or the same bytes as last time: nothing to merge
  std::vector<Entry> entries;
  /// The feed came whole (Feed::complete): only then may a comment it no longer lists be
  /// judged moderated away.
  bool whole = true;
};

/// One source as this build saw it: its identity and status, and the feeds read successfully
/// (none when it failed: its archived entries then stay as they are).
struct SourceFetch {
  ArchivedSource source;
  std::vector<FeedRead> reads;
};

/// What a merge changed, for reports and tests.
struct MergeCounts {
  std::size_t inserted = 0;
  std::size_t updated = 0;           ///< content changed (title, content, dates...)
  std::size_t unchanged = 0;         ///< listed again, identical
  std::size_t removed_upstream = 0;  ///< comments newly found moderated away
};

/// Everything ever seen from one source: posts newest window first, comments by post id.
struct SourceHistory {
  ArchivedSource source;
  std::vector<Entry> posts;
  std::map<std::string, std::vector<Entry>> comments;
  /// The entry rows they were read from (post id, data, first seen, in order), hashed under the
  /// key the read was given: equal hashes, equal posts and comments.
  ContentHash rows;
};

/// Conditional-GET state of one URL, remembered between builds.
struct FetchState {
  std::string url;
  std::string etag;
  std::string last_modified;
  std::string body_hash;
  int last_status = 0;  ///< HTTP status of the last answer, 0 when none came
  std::string last_error;
  std::optional<UnixTime> last_success;
  int consecutive_failures = 0;
  std::string redirect_to;  ///< target of a permanent redirect: ask there from now on
  std::string body;         ///< the last body, kept when the server gave validators (for 304s)
  std::string body_type;    ///< its Content-Type
};

/// Counts per source and kind, for `confab archive stats`.
struct ArchiveStatsRow {
  std::string source;  ///< name
  std::string key;
  std::string kind;  ///< "post" or "comment"
  std::int64_t entries = 0;
  std::int64_t removed_upstream = 0;
  std::optional<UnixTime> last_success;
  std::string status;
};

struct ArchiveStats {
  std::vector<ArchiveStatsRow> rows;
  std::int64_t runs = 0;
  std::int64_t fetch_states = 0;
  int schema_version = 0;
};

/// The schema version this build of confab writes (PRAGMA user_version).
int archive_schema_version();

/// One archive file, open. WAL mode, one transaction per merge: a build killed at any point
/// leaves the last committed state, readable. Throws ArchiveError with the file's name.
class Archive {
 public:
  /// Opens (creating the file and its folder if needed) and migrates to the current schema.
  explicit Archive(const std::filesystem::path& file);
  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  const std::filesystem::path& file() const;

  /// Records the start of a build; the id marks entries' first and last seen build.
  std::int64_t begin_run(UnixTime started, const std::string& mode);
  void finish_run(std::int64_t run, UnixTime finished, const std::string& outcome);

  /// Remembered state of each URL asked for (absent ones are simply left out).
  std::map<std::string, FetchState> fetch_states(const std::vector<std::string>& urls);
  /// Stores the state of URLs fetched this build, in one transaction.
  void record_fetch_states(const std::vector<FetchState>& states);

  /// Merges one source in one transaction: new entries inserted, changed ones updated, listed
  /// ones marked seen, comments missing from a whole comment feed that still lists older ones
  /// marked removed_upstream. Nothing is ever deleted. A failed source keeps its last_success.
  MergeCounts merge_source(std::int64_t run, const SourceFetch& fetch);

  /// One source's archived record, if the archive knows its key.
  std::optional<ArchivedSource> source(const std::string& key);

  /// Every source and entry, sources in first-seen order. Comments removed upstream are left
  /// out unless `include_removed`. SourceHistory::rows are hashed under `rows_key`.
  std::vector<SourceHistory> history(bool include_removed = false, std::uint64_t rows_key = 0);
  /// Every source, but only those whose key `wanted` accepts with their entries (removed ones
  /// left out): what a build reads again after merging into a few sources, taking the others'
  /// entries from its first read.
  std::vector<SourceHistory> history_of(const std::function<bool(const std::string& key)>& wanted,
                                        std::uint64_t rows_key = 0);

  /// When the online build before the last one up to `run` started (builds that finished
  /// well): what "new" is measured against, so an offline rebuild keeps the marks of the fetch
  /// it republishes. None before a second online build.
  std::optional<UnixTime> previous_build(std::int64_t run);

  ArchiveStats stats();

  /// JSON Lines, one record a line, in a stable order (runs, sources, fetch states, entries by
  /// id): for backups and diffs. Importing it into an empty archive restores it exactly.
  void export_jsonl(std::ostream& out);
  /// Reads an export into this archive, which must be empty. Throws ArchiveError naming the line.
  void import_jsonl(std::istream& in);

 private:
  std::size_t mark_moderated_comments(std::int64_t source_id, const FeedRead& read);
  void upsert_fetch_state(const FetchState& state);

  struct Statements;
  SqliteDatabase db_;
  std::unique_ptr<Statements> statements_;
};

}  // namespace confab
