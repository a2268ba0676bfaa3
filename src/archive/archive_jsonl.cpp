// `confab archive export|import`: the whole archive as JSON Lines, in a stable order, so two
// exports diff line by line and an import restores the same rows (same ids) exactly.
#include <cstring>
#include <istream>
#include <ostream>

#include "archive/archive.h"
#include "archive/entry_json.h"
#include "archive/entry_links.h"

#include "base/strings.h"

namespace confab {

namespace {

using nlohmann::json;

// Stored bodies are raw bytes in any encoding; JSON strings must be UTF-8: bodies travel as
// base64.
std::string stored_body(std::string_view base64) {
  std::optional<std::string> bytes = from_base64(base64);
  if (!bytes) throw ArchiveError("invalid base64");
  return std::move(*bytes);
}

json optional_json(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json();
}

std::optional<std::int64_t> optional_of(const json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<std::int64_t>();
}

}  // namespace

void Archive::export_jsonl(std::ostream& out) {
  auto line = [&](const json& record) { out << dump_json(record) << '\n'; };
  line({{"record", "archive"}, {"schema", archive_schema_version()}});
  SqliteStatement runs(db_, "SELECT id, started, finished, mode, outcome FROM runs ORDER BY id");
  while (runs.step()) {
    line({{"record", "run"},
          {"id", runs.integer(0)},
          {"started", runs.integer(1)},
          {"finished", optional_json(runs.optional_integer(2))},
          {"mode", runs.text(3)},
          {"outcome", runs.text(4)}});
  }
  SqliteStatement sources(db_,
                          "SELECT id, key, slug, name, url, feed, role, status, error, "
                          "last_success, first_seen_run, discovered_from FROM sources ORDER BY id");
  while (sources.step()) {
    line({{"record", "source"},
          {"id", sources.integer(0)},
          {"key", sources.text(1)},
          {"slug", sources.text(2)},
          {"name", sources.text(3)},
          {"url", sources.text(4)},
          {"feed", sources.text(5)},
          {"role", sources.text(6)},
          {"status", sources.text(7)},
          {"error", sources.text(8)},
          {"last_success", optional_json(sources.optional_integer(9))},
          {"first_seen_run", sources.integer(10)},
          {"discovered_from", sources.text(11)}});
  }
  SqliteStatement states(db_,
                         "SELECT url, etag, last_modified, body_hash, last_status, last_error, "
                         "last_success, consecutive_failures, redirect_to, body, body_type "
                         "FROM fetch_state ORDER BY url");
  while (states.step()) {
    line({{"record", "fetch"},
          {"url", states.text(0)},
          {"etag", states.text(1)},
          {"last_modified", states.text(2)},
          {"body_hash", states.text(3)},
          {"last_status", states.integer(4)},
          {"last_error", states.text(5)},
          {"last_success", optional_json(states.optional_integer(6))},
          {"consecutive_failures", states.integer(7)},
          {"redirect_to", states.text(8)},
          {"body_base64", states.is_null(9) ? json() : json(to_base64(states.text(9)))},
          {"body_type", states.text(10)}});
  }
  SqliteStatement entries(db_,
                          "SELECT id, source_id, kind, post_id, first_seen_run, last_seen_run, "
                          "position, removed_upstream, data FROM entries ORDER BY id");
  while (entries.step()) {
    line({{"record", "entry"},
          {"id", entries.integer(0)},
          {"source", entries.integer(1)},
          {"kind", entries.text(2)},
          {"post_id", entries.text(3)},
          {"first_seen_run", entries.integer(4)},
          {"last_seen_run", entries.integer(5)},
          {"position", entries.integer(6)},
          {"removed_upstream", entries.integer(7) != 0},
          {"entry", json::parse(entries.text(8))}});
  }
}

void Archive::import_jsonl(std::istream& in) {
  SqliteTransaction transaction(db_);
  {
    SqliteStatement used(db_,
                         "SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM sources) + "
                         "(SELECT count(*) FROM entries) + (SELECT count(*) FROM fetch_state)");
    if (used.step() && used.integer(0) > 0) {
      throw ArchiveError(file().string() + ": import needs an empty archive (this one has data)");
    }
  }
  SqliteStatement run(db_,
                      "INSERT INTO runs (id, started, finished, mode, outcome) VALUES (?,?,?,?,?)");
  SqliteStatement source(db_,
                         "INSERT INTO sources (id, key, slug, name, url, feed, role, status, "
                         "error, last_success, first_seen_run, discovered_from) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
  SqliteStatement entry(db_,
                        "INSERT INTO entries (id, source_id, kind, post_id, entry_id, title, "
                        "link, published, updated, fingerprint, data, first_seen_run, "
                        "last_seen_run, position, removed_upstream) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  SqliteStatement link(db_,
                       "INSERT OR IGNORE INTO links (from_entry, rel, ref, href) VALUES (?,?,?,?)");
  std::vector<FetchState> states;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (text.empty()) continue;
    try {
      const json record = json::parse(text);
      const std::string kind = record.at("record").get<std::string>();
      if (kind == "archive") {
        if (record.at("schema").get<int>() > archive_schema_version()) {
          throw ArchiveError("written by a newer confab (schema " +
                             std::to_string(record.at("schema").get<int>()) + ")");
        }
      } else if (kind == "run") {
        run.reset();
        run.bind(1, record.at("id").get<std::int64_t>())
            .bind(2, record.at("started").get<std::int64_t>())
            .bind(3, optional_of(record.at("finished")))
            .bind(4, record.at("mode").get<std::string>())
            .bind(5, record.at("outcome").get<std::string>());
        run.run();
      } else if (kind == "source") {
        source.reset();
        source.bind(1, record.at("id").get<std::int64_t>())
            .bind(2, record.at("key").get<std::string>())
            .bind(3, record.at("slug").get<std::string>())
            .bind(4, record.at("name").get<std::string>())
            .bind(5, record.at("url").get<std::string>())
            .bind(6, record.at("feed").get<std::string>())
            .bind(7, record.at("role").get<std::string>())
            .bind(8, record.at("status").get<std::string>())
            .bind(9, record.at("error").get<std::string>())
            .bind(10, optional_of(record.at("last_success")))
            .bind(11, record.at("first_seen_run").get<std::int64_t>())
            .bind(12, record.at("discovered_from").get<std::string>());
        source.run();
      } else if (kind == "fetch") {
        FetchState state;
        state.url = record.at("url").get<std::string>();
        state.etag = record.at("etag").get<std::string>();
        state.last_modified = record.at("last_modified").get<std::string>();
        state.body_hash = record.at("body_hash").get<std::string>();
        state.last_status = record.at("last_status").get<int>();
        state.last_error = record.at("last_error").get<std::string>();
        state.last_success = optional_of(record.at("last_success"));
        state.consecutive_failures = record.at("consecutive_failures").get<int>();
        state.redirect_to = record.at("redirect_to").get<std::string>();
        if (!record.at("body_base64").is_null()) {
          state.body = stored_body(record.at("body_base64").get<std::string>());
        }
        state.body_type = record.at("body_type").get<std::string>();
        states.push_back(std::move(state));
      } else if (kind == "entry") {
        const json& data = record.at("entry");
        // Read back as Archive::history will read it: what it cannot read is refused here.
        const std::string text_data = dump_json(data);
        const Entry parsed = entry_from_json_text(text_data);
        const std::int64_t id = record.at("id").get<std::int64_t>();
        entry.reset();
        entry.bind(1, id)
            .bind(2, record.at("source").get<std::int64_t>())
            .bind(3, record.at("kind").get<std::string>())
            .bind(4, record.at("post_id").get<std::string>())
            .bind(5, parsed.id)
            .bind(6, parsed.title)
            .bind(7, parsed.link)
            .bind(8, parsed.published)
            .bind(9, parsed.updated)
            .bind(10, entry_fingerprint(parsed))
            .bind(11, text_data)
            .bind(12, record.at("first_seen_run").get<std::int64_t>())
            .bind(13, record.at("last_seen_run").get<std::int64_t>())
            .bind(14, record.at("position").get<std::int64_t>())
            .bind(15, record.at("removed_upstream").get<bool>() ? 1 : 0);
        entry.run();
        write_entry_links(link, id, parsed);
      } else {
        throw ArchiveError("unknown record '" + kind + "'");
      }
    } catch (const std::exception& error) {
      throw ArchiveError("line " + std::to_string(number) + ": " + error.what());
    }
  }
  for (const auto& state : states) upsert_fetch_state(state);
  transaction.commit();
}

}  // namespace confab
