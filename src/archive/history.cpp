// Reading the archive back: the whole history for the conversation stage, and counts for people.
#include <unordered_map>

#include "archive/archive.h"
#include "archive/entry_json.h"

namespace confab {

std::vector<SourceHistory> Archive::history(bool include_removed) {
  std::vector<SourceHistory> histories;
  std::unordered_map<std::int64_t, std::size_t> index_of;
  SqliteStatement sources(db_,
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
  // Newest window first, in the order the feed listed it; older windows after, the same way.
  SqliteStatement entries(db_,
                          "SELECT e.source_id, e.post_id, e.data, r.started FROM entries e "
                          "LEFT JOIN runs r ON r.id = e.first_seen_run "
                          "WHERE e.removed_upstream = 0 OR ? "
                          "ORDER BY e.source_id, e.kind DESC, e.post_id, e.last_seen_run DESC, "
                          "e.position, e.id");
  entries.bind(1, include_removed ? 1 : 0);
  while (entries.step()) {
    SourceHistory& history = histories.at(index_of.at(entries.integer(0)));
    Entry entry;
    try {
      entry = entry_from_json(nlohmann::json::parse(entries.text(2)));
    } catch (const nlohmann::json::exception& error) {
      throw ArchiveError(file().string() + ": an entry of " + history.source.name +
                         " is unreadable: " + error.what());
    }
    entry.first_seen = entries.optional_integer(3);
    const std::string post_id = entries.text(1);
    if (post_id.empty()) {
      history.posts.push_back(std::move(entry));
    } else {
      history.comments[post_id].push_back(std::move(entry));
    }
  }
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
