// Front matter is TOML: base/toml_reader parses it, and this file finds it in the page and reads
// the four keys a page has.
#include "render/front_matter.h"

#include <string_view>

#include "base/strings.h"
#include "base/toml_reader.h"
#include "parse/date.h"
#include "render/render.h"

namespace confab {
namespace {

constexpr std::string_view kDelimiter = "+++";

/// The front matter's first line is the file's second: TOML's positions are shifted by one.
constexpr int kFirstLine = 2;

/// Reports a problem at a position of the front matter as "<path>:<line>:<column>: ...".
[[noreturn]] void fail(const std::string& path, TomlPosition at, const std::string& message) {
  throw RenderError(path + ":" + std::to_string(at.line + kFirstLine - 1) + ":" +
                    std::to_string(at.column) + ": " + message);
}

/// A TOML date or date-time as a UnixTime; one without an offset is taken as UTC (a page date
/// only orders and labels pages).
std::optional<UnixTime> time_of(const TomlDateTime& stamp) {
  const auto utc =
      make_utc_time(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second);
  if (!utc) return std::nullopt;
  return *utc - stamp.offset_minutes * 60;
}

/// Front matter keeps to keys and values: a table (a [header], an inline table or a dotted key)
/// would be settings no page reads.
void reject_tables(const TomlValue& value, const std::string& path) {
  for (const TomlValue& element : value.array) {
    if (element.is_table())
      fail(path, element.position, "tables are not supported in front matter");
    reject_tables(element, path);
  }
}

void apply(const TomlEntry& entry, FrontMatter& front_matter, const std::string& path) {
  const TomlValue& value = entry.value;
  if (value.is_table()) fail(path, entry.key_position, "tables are not supported in front matter");
  reject_tables(value, path);
  using Kind = TomlValue::Kind;
  if (entry.key == "title") {
    if (value.kind != Kind::string) fail(path, value.position, "title must be a string");
    front_matter.title = value.string;
  } else if (entry.key == "date") {
    std::optional<UnixTime> date;
    if (value.kind == Kind::date || value.kind == Kind::date_time) {
      date = time_of(value.date_time);
    } else if (value.kind == Kind::string) {
      date = parse_date(value.string);
    }
    if (!date) {
      fail(path, value.position, "date must be a date like 2008-11-12 or 2008-11-12T09:30:00Z");
    }
    front_matter.date = date;
  } else if (entry.key == "draft") {
    if (value.kind != Kind::boolean) fail(path, value.position, "draft must be true or false");
    front_matter.draft = value.boolean;
  } else if (entry.key == "weight") {
    if (value.kind == Kind::integer) {
      front_matter.weight = static_cast<double>(value.integer);
    } else if (value.kind == Kind::floating_point) {
      front_matter.weight = value.floating_point;
    } else {
      fail(path, value.position, "weight must be a number");
    }
  }
}

/// The offset just past the line that starts at `start` ("\n" included); npos at the end.
std::size_t next_line(std::string_view text, std::size_t start) {
  const std::size_t newline = text.find('\n', start);
  return newline == std::string_view::npos ? newline : newline + 1;
}

/// A line without its "\n" and a trailing "\r".
std::string_view line_at(std::string_view text, std::size_t start) {
  std::string_view line = text.substr(start, text.find('\n', start) - start);
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

}  // namespace

ContentDocument read_content_document(const std::string& text, const std::string& path) {
  std::string_view rest = text;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a UTF-8 byte order mark
  ContentDocument document;
  if (trim_space(line_at(rest, 0)) != kDelimiter) {
    document.body = std::string(rest);
    return document;
  }
  const std::size_t front_start = next_line(rest, 0);
  for (std::size_t line = front_start; line != std::string_view::npos;
       line = next_line(rest, line)) {
    if (trim_space(line_at(rest, line)) != kDelimiter) continue;
    TomlValue front;
    try {
      front = read_toml(rest.substr(front_start, line - front_start), path);
    } catch (const TomlError& error) {
      fail(path, {error.line, error.column}, error.message);
    }
    for (const TomlEntry& entry : front.table) apply(entry, document.front_matter, path);
    // The body starts after the closing line.
    const std::size_t body = next_line(rest, line);
    if (body != std::string_view::npos) document.body = std::string(rest.substr(body));
    return document;
  }
  throw RenderError(path + ":1: front matter opened with +++ is never closed");
}

}  // namespace confab
