#include "archive/schema.h"

#include <array>
#include <string>

#include "archive/archive.h"

namespace confab {
namespace {

// Step N takes a version N database to version N+1. Never edit a released step: add one.
constexpr std::array<const char*, 2> kMigrations = {
    // 0 -> 1: sources, per-URL fetch state, entries, build runs.
    R"sql(
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started INTEGER NOT NULL,
  finished INTEGER,
  mode TEXT NOT NULL,
  outcome TEXT NOT NULL DEFAULT 'running'
);
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  feed TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  last_success INTEGER,
  first_seen_run INTEGER NOT NULL
);
CREATE TABLE fetch_state (
  url TEXT PRIMARY KEY,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  body_hash TEXT NOT NULL DEFAULT '',
  last_status INTEGER NOT NULL DEFAULT 0,
  last_success INTEGER,
  consecutive_failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  kind TEXT NOT NULL,
  post_id TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  title TEXT NOT NULL,
  link TEXT NOT NULL,
  published INTEGER,
  updated INTEGER,
  fingerprint TEXT NOT NULL,
  data TEXT NOT NULL,
  first_seen_run INTEGER NOT NULL,
  last_seen_run INTEGER NOT NULL,
  position INTEGER NOT NULL,
  UNIQUE (source_id, post_id, entry_id)
);
)sql",
    // 1 -> 2: moderated comments, permanent redirects, the stored body behind validators (a 304
    // then re-reads it), errors per URL, and links between entries.
    R"sql(
ALTER TABLE entries ADD COLUMN removed_upstream INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN discovered_from TEXT NOT NULL DEFAULT '';
ALTER TABLE fetch_state ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE fetch_state ADD COLUMN redirect_to TEXT NOT NULL DEFAULT '';
ALTER TABLE fetch_state ADD COLUMN body BLOB;
ALTER TABLE fetch_state ADD COLUMN body_type TEXT NOT NULL DEFAULT '';
CREATE TABLE links (
  from_entry INTEGER NOT NULL REFERENCES entries(id),
  rel TEXT NOT NULL,
  ref TEXT NOT NULL,
  href TEXT NOT NULL,
  PRIMARY KEY (from_entry, rel, ref, href)
) WITHOUT ROWID;
CREATE INDEX links_by_ref ON links(ref);
)sql",
};

}  // namespace

int archive_schema_version() {
  return static_cast<int>(kMigrations.size());
}

void migrate_archive(SqliteDatabase& db, int target) {
  if (target <= 0) target = archive_schema_version();
  const int version = static_cast<int>(db.integer_pragma("user_version"));
  if (version > archive_schema_version()) {
    throw ArchiveError(db.file().string() + ": archive schema version " + std::to_string(version) +
                       " is newer than this confab understands (" +
                       std::to_string(archive_schema_version()) + "); upgrade confab");
  }
  for (int step = version; step < target; ++step) {
    SqliteTransaction transaction(db);
    // Another confab may have migrated meanwhile: the version read under the lock decides.
    const int current = static_cast<int>(db.integer_pragma("user_version"));
    if (current >= target) break;
    if (current > step) step = current;
    db.execute(kMigrations[step]);
    db.execute("PRAGMA user_version = " + std::to_string(step + 1));
    transaction.commit();
  }
}

}  // namespace confab
