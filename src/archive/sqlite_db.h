// Thin RAII wrappers over the SQLite C API: a connection, a prepared statement, a transaction.
// Only the archive uses SQLite; every error becomes an ArchiveError naming the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace confab {

/// Anything the archive could not read or write: what() names the file and SQLite's reason.
struct ArchiveError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SqliteDatabase;

/// A prepared statement. Bind parameters are 1-based, columns 0-based (as in SQLite).
class SqliteStatement {
 public:
  SqliteStatement(SqliteDatabase& db, std::string_view sql);
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind(int index, const std::optional<std::int64_t>& value);
  SqliteStatement& bind_null(int index);
  /// Binds bytes as a BLOB (NULL when empty).
  SqliteStatement& bind_blob(int index, std::string_view bytes);

  /// Runs one step: true while a row is available.
  bool step();
  /// Runs a statement that returns no rows, then resets it for the next use.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  std::optional<std::int64_t> optional_integer(int column) const;
  std::string text(int column) const;

 private:
  SqliteDatabase& db_;
  sqlite3_stmt* statement_ = nullptr;
};

/// An open connection. Closes on destruction.
class SqliteDatabase {
 public:
  explicit SqliteDatabase(const std::filesystem::path& file);
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  /// Runs SQL text that returns no rows (several statements allowed).
  void execute(std::string_view sql);
  std::int64_t last_insert_id() const;
  std::int64_t integer_pragma(std::string_view pragma);
  int changes() const;

  sqlite3* handle() const { return db_; }
  const std::filesystem::path& file() const { return file_; }
  /// Throws ArchiveError for a failed SQLite call, with the connection's message.
  [[noreturn]] void fail(std::string_view what) const;

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless commit() was called, so an
/// exception (or a kill) leaves the previous state.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteDatabase& db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteDatabase& db_;
  bool done_ = false;
};

}  // namespace confab
