// Reading the archive back: the whole history for the conversation stage, and counts for people.
#include <unordered_map>

#include "archive/archive.h"
#include "archive/entry_json.h"
#include "base/parallel_for.h"

namespace confab {

namespace {

/// Every source, in first-seen order, without entries; `index_of` maps a source's row id to its
/// place.
std::vector<SourceHistory> read_sources(SqliteDatabase& db,
                                        std::unordered_map<std::int64_t, std::size_t>& index_of) {
  std::vector<SourceHistory> histories;
  SqliteStatement sources(db,
                          "SELECT id, key, slug, name, url, feed, role, status, error, "
                          "last_success, discovered_from FROM sources ORDER BY id");
  while (sources.step()) {
    SourceHistory history;
    ArchivedSource& source = history.source;
    source.key = sources.text(1);
    source.id = sources.text(2);
    source.name = sources.text(3);
    source.url = sources.text(4);
    source.feed = sources.text(5);
    source.role = sources.text(6);
    source.status = sources.text(7);
    source.error = sources.text(8);
    source.last_success = sources.optional_integer(9);
    source.discovered_from = sources.text(10);
    index_of[sources.integer(0)] = histories.size();
    histories.push_back(std::move(history));
  }
  return histories;
}

// Newest window first, in the order the feed listed it; older windows after, the same way.
constexpr const char* kEntryOrder =
    " ORDER BY e.source_id, e.kind DESC, e.post_id, e.last_seen_run DESC, e.position, e.id";
constexpr const char* kEntryColumns =
    "SELECT e.source_id, e.post_id, e.data, r.started FROM entries e "
    "LEFT JOIN runs r ON r.id = e.first_seen_run ";

/// Reads the entry rows `entries` gives (source id, post id, data, first seen) into their
/// sources' histories. Rows are read in batches and each batch's JSON is parsed on every core:
/// reading is cheap, parsing is most of the time. Batches keep a few thousand texts alive.
/// `rows` gets each source's rows as read, for SourceHistory::rows.
void read_entries(SqliteStatement& entries, std::vector<SourceHistory>& histories,
                  const std::unordered_map<std::int64_t, std::size_t>& index_of,
                  const std::filesystem::path& file, std::vector<ContentHasher>& rows) {
  struct Row {
    std::size_t history = 0;
    std::string post_id, data;
    std::optional<UnixTime> first_seen;
    Entry entry;
  };
  constexpr std::size_t kBatch = 4096;
  std::vector<Row> batch;
  batch.reserve(kBatch);
  const std::size_t workers = worker_count_for(kBatch, 1024);
  std::vector<EntryJsonReader> readers(workers);  // each worker keeps its own buffers
  auto flush = [&] {
    parallel_for(batch.size(), workers, [&](std::size_t worker, std::size_t at) {
      Row& row = batch[at];
      try {
        row.entry = readers.at(worker).read(row.data);
      } catch (const EntryJsonError& error) {
        throw ArchiveError(file.string() + ": an entry of " + histories[row.history].source.name +
                           " is unreadable: " + error.what());
      }
      row.entry.first_seen = row.first_seen;
    });
    for (Row& row : batch) {
      SourceHistory& history = histories[row.history];
      if (row.post_id.empty()) {
        history.posts.push_back(std::move(row.entry));
      } else {
        history.comments[row.post_id].push_back(std::move(row.entry));
      }
    }
    batch.clear();
  };
  while (entries.step()) {
    Row& row = batch.emplace_back();
    row.history = index_of.at(entries.integer(0));
    row.post_id = entries.text(1);
    row.data = entries.text(2);
    row.first_seen = entries.optional_integer(3);
    ContentHasher& hasher = rows[row.history];
    hasher.add_text(row.post_id);
    hasher.add_text(row.data);
    hasher.add_number(row.first_seen ? 1 : 0);
    hasher.add_number(static_cast<std::uint64_t>(row.first_seen.value_or(0)));
    if (batch.size() == kBatch) flush();
  }
  flush();
}

/// One hasher per history, under `key`.
std::vector<ContentHasher> row_hashers(std::size_t count, std::uint64_t key) {
  return std::vector<ContentHasher>(count, ContentHasher(key));
}

void finish_rows(std::vector<SourceHistory>& histories, std::vector<ContentHasher>& rows) {
  for (std::size_t i = 0; i < histories.size(); ++i) histories[i].rows = rows[i].finish();
}

}  // namespace

std::vector<SourceHistory> Archive::history(bool include_removed, std::uint64_t rows_key) {
  std::unordered_map<std::int64_t, std::size_t> index_of;
  std::vector<SourceHistory> histories = read_sources(db_, index_of);
  std::vector<ContentHasher> rows = row_hashers(histories.size(), rows_key);
  SqliteStatement entries(
      db_, std::string(kEntryColumns) + "WHERE e.removed_upstream = 0 OR ?" + kEntryOrder);
  entries.bind(1, include_removed ? 1 : 0);
  read_entries(entries, histories, index_of, file(), rows);
  finish_rows(histories, rows);
  return histories;
}

std::vector<SourceHistory> Archive::history_of(
    const std::function<bool(const std::string& key)>& wanted, std::uint64_t rows_key) {
  std::unordered_map<std::int64_t, std::size_t> index_of;
  std::vector<SourceHistory> histories = read_sources(db_, index_of);
  std::vector<ContentHasher> rows = row_hashers(histories.size(), rows_key);
  SqliteStatement entries(db_, std::string(kEntryColumns) +
                                   "WHERE e.source_id = ? AND e.removed_upstream = 0" +
                                   kEntryOrder);
  for (const auto& [row_id, at] : index_of) {
    if (!wanted(histories[at].source.key)) continue;
    entries.reset();
    entries.bind(1, row_id);
    read_entries(entries, histories, index_of, file(), rows);
  }
  finish_rows(histories, rows);
  return histories;
}

std::optional<UnixTime> Archive::previous_build(std::int64_t run) {
  // Measured from the last online build up to `run`: an offline rebuild keeps its marks.
  SqliteStatement runs(db_,
                       "SELECT max(started) FROM runs WHERE mode = 'online' AND outcome = 'ok' "
                       "AND id < (SELECT coalesce(max(id), ?) FROM runs "
                       "WHERE mode = 'online' AND id <= ?)");
  runs.bind(1, run);
  runs.bind(2, run);
  return runs.step() ? runs.optional_integer(0) : std::nullopt;
}

ArchiveStats Archive::stats() {
  ArchiveStats stats;
  stats.schema_version = static_cast<int>(db_.integer_pragma("user_version"));
  SqliteStatement rows(db_,
                       "SELECT s.name, s.key, e.kind, count(e.id), "
                       "coalesce(sum(e.removed_upstream), 0), s.last_success, s.status "
                       "FROM sources s LEFT JOIN entries e ON e.source_id = s.id "
                       "GROUP BY s.id, e.kind ORDER BY s.id, e.kind DESC");
  while (rows.step()) {
    ArchiveStatsRow row;
    row.source = rows.text(0);
    row.key = rows.text(1);
    row.kind = rows.is_null(2) ? "post" : rows.text(2);
    row.entries = rows.integer(3);
    row.removed_upstream = rows.integer(4);
    row.last_success = rows.optional_integer(5);
    row.status = rows.text(6);
    stats.rows.push_back(std::move(row));
  }
  SqliteStatement runs(db_, "SELECT count(*) FROM runs");
  stats.runs = runs.step() ? runs.integer(0) : 0;
  SqliteStatement states(db_, "SELECT count(*) FROM fetch_state");
  stats.fetch_states = states.step() ? states.integer(0) : 0;
  return stats;
}

}  // namespace confab
