// The links an entry declares to other entries, as the archive's links table holds them.
#pragma once

#include <cstdint>

#include "archive/sqlite_db.h"
#include "parse/feed.h"

namespace confab {

/// Inserts the entry's parent links (thr:in-reply-to, Blogger's related) with `insert_link`,
/// a prepared "INSERT OR IGNORE INTO links (from_entry, rel, ref, href) VALUES (?,?,?,?)".
void write_entry_links(SqliteStatement& insert_link, std::int64_t row, const Entry& entry);

}  // namespace confab
