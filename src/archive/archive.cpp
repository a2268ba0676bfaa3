#include "archive/archive.h"

#include <set>
#include <unordered_map>

#include "archive/entry_json.h"
#include "archive/entry_links.h"
#include "archive/schema.h"

namespace confab {

namespace {

std::filesystem::path with_folder(const std::filesystem::path& file) {
  if (file.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
      throw ArchiveError(file.string() + ": cannot create its folder: " + error.message());
    }
  }
  return file;
}

}  // namespace

void write_entry_links(SqliteStatement& insert_link, std::int64_t row, const Entry& entry) {
  auto link = [&](const char* rel, const std::string& ref, const std::string& href) {
    insert_link.reset();
    insert_link.bind(1, row).bind(2, rel).bind(3, ref).bind(4, href).run();
  };
  for (const auto& reply : entry.in_reply_to) link("in-reply-to", reply.ref, reply.href);
  if (!entry.related.empty()) link("related", "", entry.related);
}

// Prepared once per open archive: a merge of many entries reuses them.
struct Archive::Statements {
  explicit Statements(SqliteDatabase& db)
      : find_source(db,
                    "SELECT id, slug, name, url, feed, role, status, error, last_success, "
                    "discovered_from FROM sources WHERE key = ?"),
        insert_source(
            db,
            "INSERT INTO sources (key, slug, name, url, feed, role, status, error, "
            "last_success, first_seen_run, discovered_from) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        update_source(db,
                      "UPDATE sources SET slug=?, name=?, url=?, feed=?, role=?, status=?, "
                      "error=?, last_success=?, discovered_from=? WHERE id=?"),
        find_entry(db,
                   "SELECT id, fingerprint, last_seen_run, position, removed_upstream "
                   "FROM entries WHERE source_id=? AND post_id=? AND entry_id=?"),
        insert_entry(db,
                     "INSERT INTO entries (source_id, kind, post_id, entry_id, title, link, "
                     "published, updated, fingerprint, data, first_seen_run, last_seen_run, "
                     "position) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        update_entry(db,
                     "UPDATE entries SET title=?, link=?, published=?, updated=?, fingerprint=?, "
                     "data=?, last_seen_run=?, position=?, removed_upstream=0 WHERE id=?"),
        mark_seen(db,
                  "UPDATE entries SET last_seen_run=?, position=?, removed_upstream=0 "
                  "WHERE id=?"),
        delete_links(db, "DELETE FROM links WHERE from_entry=?"),
        insert_link(db,
                    "INSERT OR IGNORE INTO links (from_entry, rel, ref, href) VALUES (?,?,?,?)"),
        visible_comments(db,
                         "SELECT id, entry_id, published FROM entries WHERE source_id=? AND "
                         "post_id=? AND kind='comment' AND removed_upstream=0"),
        mark_removed(db, "UPDATE entries SET removed_upstream=1 WHERE id=?"),
        find_fetch_state(db,
                         "SELECT etag, last_modified, body_hash, last_status, last_error, "
                         "last_success, consecutive_failures, redirect_to, body, body_type "
                         "FROM fetch_state WHERE url=?"),
        upsert_fetch_state(
            db,
            "INSERT INTO fetch_state (url, etag, last_modified, body_hash, last_status, "
            "last_error, last_success, consecutive_failures, redirect_to, body, body_type) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag=excluded.etag, "
            "last_modified=excluded.last_modified, body_hash=excluded.body_hash, "
            "last_status=excluded.last_status, last_error=excluded.last_error, "
            "last_success=excluded.last_success, "
            "consecutive_failures=excluded.consecutive_failures, "
            "redirect_to=excluded.redirect_to, body=excluded.body, "
            "body_type=excluded.body_type") {}

  SqliteStatement find_source, insert_source, update_source;
  SqliteStatement find_entry, insert_entry, update_entry, mark_seen;
  SqliteStatement delete_links, insert_link;
  SqliteStatement visible_comments, mark_removed;
  SqliteStatement find_fetch_state, upsert_fetch_state;
};

Archive::Archive(const std::filesystem::path& file) : db_(with_folder(file)) {
  // WAL: readers never block the build, and a killed writer leaves the last commit intact.
  db_.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
  migrate_archive(db_);
  statements_ = std::make_unique<Statements>(db_);
}

Archive::~Archive() = default;

const std::filesystem::path& Archive::file() const {
  return db_.file();
}

std::int64_t Archive::begin_run(UnixTime started, const std::string& mode) {
  SqliteStatement insert(db_, "INSERT INTO runs (started, mode) VALUES (?, ?)");
  insert.bind(1, started).bind(2, mode).run();
  return db_.last_insert_id();
}

void Archive::finish_run(std::int64_t run, UnixTime finished, const std::string& outcome) {
  SqliteStatement update(db_, "UPDATE runs SET finished=?, outcome=? WHERE id=?");
  update.bind(1, finished).bind(2, outcome).bind(3, run).run();
}

std::map<std::string, FetchState> Archive::fetch_states(const std::vector<std::string>& urls) {
  std::map<std::string, FetchState> states;
  auto& find = statements_->find_fetch_state;
  for (const auto& url : urls) {
    find.reset();
    find.bind(1, url);
    if (find.step()) {
      FetchState state;
      state.url = url;
      state.etag = find.text(0);
      state.last_modified = find.text(1);
      state.body_hash = find.text(2);
      state.last_status = static_cast<int>(find.integer(3));
      state.last_error = find.text(4);
      state.last_success = find.optional_integer(5);
      state.consecutive_failures = static_cast<int>(find.integer(6));
      state.redirect_to = find.text(7);
      state.body = find.text(8);
      state.body_type = find.text(9);
      states.emplace(url, std::move(state));
    }
    find.reset();
  }
  return states;
}

void Archive::record_fetch_states(const std::vector<FetchState>& states) {
  if (states.empty()) return;
  SqliteTransaction transaction(db_);
  for (const auto& state : states) upsert_fetch_state(state);
  transaction.commit();
}

void Archive::upsert_fetch_state(const FetchState& state) {
  auto& upsert = statements_->upsert_fetch_state;
  upsert.reset();
  upsert.bind(1, state.url)
      .bind(2, state.etag)
      .bind(3, state.last_modified)
      .bind(4, state.body_hash)
      .bind(5, state.last_status)
      .bind(6, state.last_error)
      .bind(7, state.last_success)
      .bind(8, state.consecutive_failures)
      .bind(9, state.redirect_to)
      .bind_blob(10, state.body)
      .bind(11, state.body_type);
  upsert.run();
}

std::optional<ArchivedSource> Archive::source(const std::string& key) {
  auto& find = statements_->find_source;
  find.reset();
  find.bind(1, key);
  if (!find.step()) {
    find.reset();
    return std::nullopt;
  }
  ArchivedSource source;
  source.key = key;
  source.id = find.text(1);
  source.name = find.text(2);
  source.url = find.text(3);
  source.feed = find.text(4);
  source.role = find.text(5);
  source.status = find.text(6);
  source.error = find.text(7);
  source.last_success = find.optional_integer(8);
  source.discovered_from = find.text(9);
  find.reset();
  return source;
}

namespace {

/// Merges the entries of one feed read; `statements` belong to the open transaction's database.
class FeedMerger {
 public:
  FeedMerger(SqliteDatabase& db, std::int64_t source_id, std::int64_t run, SqliteStatement& find,
             SqliteStatement& insert, SqliteStatement& update, SqliteStatement& mark_seen,
             SqliteStatement& delete_links, SqliteStatement& insert_link, MergeCounts& counts)
      : db_(db),
        source_id_(source_id),
        run_(run),
        find_(find),
        insert_(insert),
        update_(update),
        mark_seen_(mark_seen),
        delete_links_(delete_links),
        insert_link_(insert_link),
        counts_(counts) {}

  void merge(const FeedRead& read) {
    const char* kind = read.post_id.empty() ? "post" : "comment";
    std::set<std::string> listed;
    std::int64_t position = 0;
    for (const auto& entry : read.entries) {
      // A feed listing one id twice keeps its first copy, as a reader would see it first.
      if (!listed.insert(entry.id).second) continue;
      merge_entry(kind, read.post_id, entry, position++);
    }
  }

 private:
  void merge_entry(const char* kind, const std::string& post_id, const Entry& entry,
                   std::int64_t position) {
    const std::string fingerprint = entry_fingerprint(entry);
    find_.reset();
    find_.bind(1, source_id_).bind(2, post_id).bind(3, entry.id);
    if (!find_.step()) {
      find_.reset();
      const std::string data = dump_json(entry_to_json(entry));
      insert_.reset();
      insert_.bind(1, source_id_)
          .bind(2, kind)
          .bind(3, post_id)
          .bind(4, entry.id)
          .bind(5, entry.title)
          .bind(6, entry.link)
          .bind(7, entry.published)
          .bind(8, entry.updated)
          .bind(9, fingerprint)
          .bind(10, data)
          .bind(11, run_)
          .bind(12, run_)
          .bind(13, position);
      insert_.run();
      write_links(db_.last_insert_id(), entry);
      ++counts_.inserted;
      return;
    }
    const std::int64_t row = find_.integer(0);
    const bool same = find_.text(1) == fingerprint;
    const bool placed = find_.integer(2) == run_ && find_.integer(3) == position;
    const bool removed = find_.integer(4) != 0;
    find_.reset();
    if (!same) {
      const std::string data = dump_json(entry_to_json(entry));
      update_.reset();
      update_.bind(1, entry.title)
          .bind(2, entry.link)
          .bind(3, entry.published)
          .bind(4, entry.updated)
          .bind(5, fingerprint)
          .bind(6, data)
          .bind(7, run_)
          .bind(8, position)
          .bind(9, row);
      update_.run();
      delete_links_.reset();
      delete_links_.bind(1, row).run();
      write_links(row, entry);
      ++counts_.updated;
      return;
    }
    ++counts_.unchanged;
    if (placed && !removed) return;  // nothing to write
    mark_seen_.reset();
    mark_seen_.bind(1, run_).bind(2, position).bind(3, row).run();
  }

  void write_links(std::int64_t row, const Entry& entry) {
    write_entry_links(insert_link_, row, entry);
  }

  SqliteDatabase& db_;
  std::int64_t source_id_;
  std::int64_t run_;
  SqliteStatement& find_;
  SqliteStatement& insert_;
  SqliteStatement& update_;
  SqliteStatement& mark_seen_;
  SqliteStatement& delete_links_;
  SqliteStatement& insert_link_;
  MergeCounts& counts_;
};

}  // namespace

MergeCounts Archive::merge_source(std::int64_t run, const SourceFetch& fetch) {
  MergeCounts counts;
  auto& s = *statements_;
  SqliteTransaction transaction(db_);
  ArchivedSource wanted = fetch.source;
  // "unchanged" is how this build went, not a state to remember: the source answered.
  if (wanted.status == "unchanged") wanted.status = "ok";
  const auto known = source(wanted.key);
  const bool failed = wanted.status == "error" || wanted.status == "gone";
  if (failed && known && !wanted.last_success) wanted.last_success = known->last_success;
  std::int64_t source_id = 0;
  if (!known) {
    s.insert_source.reset();
    s.insert_source.bind(1, wanted.key)
        .bind(2, wanted.id)
        .bind(3, wanted.name)
        .bind(4, wanted.url)
        .bind(5, wanted.feed)
        .bind(6, wanted.role)
        .bind(7, wanted.status)
        .bind(8, wanted.error)
        .bind(9, wanted.last_success)
        .bind(10, run)
        .bind(11, wanted.discovered_from);
    s.insert_source.run();
    source_id = db_.last_insert_id();
  } else {
    s.find_source.reset();
    s.find_source.bind(1, wanted.key);
    s.find_source.step();
    source_id = s.find_source.integer(0);
    s.find_source.reset();
    // A failed fetch does not forget the feed the source was last read from.
    if (failed && wanted.feed.empty()) wanted.feed = known->feed;
    if (wanted.discovered_from.empty()) wanted.discovered_from = known->discovered_from;
    const bool same = known->id == wanted.id && known->name == wanted.name &&
                      known->url == wanted.url && known->feed == wanted.feed &&
                      known->role == wanted.role && known->status == wanted.status &&
                      known->error == wanted.error && known->last_success == wanted.last_success &&
                      known->discovered_from == wanted.discovered_from;
    if (!same) {
      s.update_source.reset();
      s.update_source.bind(1, wanted.id)
          .bind(2, wanted.name)
          .bind(3, wanted.url)
          .bind(4, wanted.feed)
          .bind(5, wanted.role)
          .bind(6, wanted.status)
          .bind(7, wanted.error)
          .bind(8, wanted.last_success)
          .bind(9, wanted.discovered_from)
          .bind(10, source_id);
      s.update_source.run();
    }
  }
  FeedMerger merger(db_, source_id, run, s.find_entry, s.insert_entry, s.update_entry, s.mark_seen,
                    s.delete_links, s.insert_link, counts);
  for (const auto& read : fetch.reads) {
    if (read.unchanged) continue;
    merger.merge(read);
    // A repaired (cut-off) comment feed lists what survived, not what the blog shows.
    if (!read.post_id.empty() && read.whole) {
      counts.removed_upstream += mark_moderated_comments(source_id, read);
    }
  }
  transaction.commit();
  return counts;
}

std::size_t Archive::mark_moderated_comments(std::int64_t source_id, const FeedRead& read) {
  // A comment feed lists the newest N comments. One seen before, absent now, yet newer than the
  // oldest comment still listed cannot have scrolled out: it was moderated away. Older ones
  // scrolled out of the window and stay visible. An empty feed proves nothing either way.
  std::optional<UnixTime> oldest;
  std::set<std::string> listed;
  for (const auto& entry : read.entries) {
    listed.insert(entry.id);
    if (entry.published && (!oldest || *entry.published < *oldest)) oldest = entry.published;
  }
  if (!oldest) return 0;
  auto& visible = statements_->visible_comments;
  std::vector<std::int64_t> removed;
  visible.reset();
  visible.bind(1, source_id).bind(2, read.post_id);
  while (visible.step()) {
    const auto published = visible.optional_integer(2);
    if (published && *published > *oldest && !listed.count(visible.text(1))) {
      removed.push_back(visible.integer(0));
    }
  }
  visible.reset();
  for (const auto row : removed) {
    statements_->mark_removed.reset();
    statements_->mark_removed.bind(1, row).run();
  }
  return removed.size();
}

}  // namespace confab
