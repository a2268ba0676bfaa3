// TOML documents as a plain tree. site.toml, the front matter of content pages and a theme's
// strings are all TOML; toml++ reads them, and only toml_reader.cpp includes its header (slow
// to compile, and a vocabulary the rest of confab need not speak).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace confab {

/// Where a value or key starts: 1-based line and column (columns count code points). Line 0 is
/// a table the document implies without writing it (the "a" of `[a.b]`).
struct TomlPosition {
  int line = 0;
  int column = 0;
};

/// A TOML date, time of day, or both, with the offset when the text gives one.
struct TomlDateTime {
  int year = 0, month = 0, day = 0;  ///< 0 for a time of day alone
  int hour = 0, minute = 0, second = 0;
  std::uint32_t nanosecond = 0;
  bool has_offset = false;
  int offset_minutes = 0;  ///< east of UTC
};

struct TomlEntry;

/// One TOML value. Only the member of its kind is meaningful; a table keeps its entries in the
/// order they appear in the text, so the first problem a reader reports is the first one a
/// person meets.
struct TomlValue {
  enum class Kind { string, integer, floating_point, boolean, date, time, date_time, array, table };

  Kind kind = Kind::table;
  TomlPosition position;
  std::string string;
  std::int64_t integer = 0;
  double floating_point = 0;
  bool boolean = false;
  TomlDateTime date_time;        ///< date, time and date_time
  std::vector<TomlValue> array;  ///< in order
  std::vector<TomlEntry> table;  ///< in text order

  bool is_table() const { return kind == Kind::table; }
  bool is_array() const { return kind == Kind::array; }
  /// An array whose every element is a table (a [[header]] array among them).
  bool is_array_of_tables() const;
  /// A table's value for `key`; nullptr when it has none (or this is not a table).
  const TomlValue* find(std::string_view key) const;
  /// "string", "integer", "float", "boolean", "date", "time", "date-time", "array", "table".
  std::string_view kind_name() const;
};

/// A key of a table with its value.
struct TomlEntry {
  std::string key;
  TomlPosition key_position;
  TomlValue value;
};

/// Text that is not TOML, located: what() is "SOURCE:LINE:COLUMN: message", where the message
/// says what is wrong in words a site's author can act on ("syntax error: unterminated string
/// (missing closing quote)").
struct TomlError : std::runtime_error {
  TomlError(std::string source, int line, int column, std::string message);
  std::string source;
  int line;
  int column;
  std::string message;
};

/// Parses a whole TOML document into its root table; `source_name` names it in errors.
/// Throws TomlError.
TomlValue read_toml(std::string_view text, std::string_view source_name);

}  // namespace confab
