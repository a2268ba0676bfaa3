// The archive's schema and its forward migrations, one step per version (PRAGMA user_version).
#pragma once

#include "archive/sqlite_db.h"

namespace confab {

/// Brings `db` from its user_version up to `target` (default: the current version), each step
/// in its own transaction. A file newer than this confab throws ArchiveError rather than guess.
void migrate_archive(SqliteDatabase& db, int target = 0);

}  // namespace confab
