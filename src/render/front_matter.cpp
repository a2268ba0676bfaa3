// A hand-written reader for the few TOML forms front matter uses. toml++ belongs to the config
// stage; a page's title, date, draft flag and weight do not need a full TOML implementation.
#include "render/front_matter.h"

#include <cctype>
#include <cstdlib>
#include <set>
#include <string_view>
#include <vector>

#include "base/strings.h"
#include "render/render.h"

namespace confab {
namespace {

constexpr std::string_view kDelimiter = "+++";

/// A front matter value of the subset.
struct Value {
  enum class Type { string, number, boolean, datetime, array };
  Type type = Type::string;
  std::string text;  ///< string value, or the date as written
  double number = 0;
  bool flag = false;
  std::optional<UnixTime> time;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return false;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

/// "1979-05-27", "1979-05-27T07:32:00", "1979-05-27 07:32:00.5+02:00", "...Z". A date or a
/// date-time without an offset is taken as UTC: a page date only orders and labels pages.
std::optional<UnixTime> parse_date(std::string_view text) {
  if (!digits_at(text, 0, 4) || text.size() < 10 || text[4] != '-' || !digits_at(text, 5, 2) ||
      text[7] != '-' || !digits_at(text, 8, 2)) {
    return std::nullopt;
  }
  const int year = std::atoi(std::string(text.substr(0, 4)).c_str());
  const int month = std::atoi(std::string(text.substr(5, 2)).c_str());
  const int day = std::atoi(std::string(text.substr(8, 2)).c_str());
  if (text.size() == 10) return make_utc_time(year, month, day, 0, 0, 0);
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  std::string stamp(text);
  stamp[10] = 'T';
  const std::size_t zone_start = stamp.find_first_of("Zz+-", 11);
  if (zone_start == std::string::npos) stamp += 'Z';
  return parse_rfc3339(stamp);
}

/// Reads one value from `line` at `pos`, leaving `pos` just past it.
class ValueReader {
 public:
  ValueReader(std::string_view line, const std::string& where) : line_(line), where_(where) {}

  Value read(std::size_t& pos) {
    skip_spaces(pos);
    if (pos >= line_.size()) fail("a value is missing");
    const char first = line_[pos];
    if (first == '"') return string_value(read_basic_string(pos));
    if (first == '\'') return string_value(read_literal_string(pos));
    if (first == '[') return read_array(pos);
    return read_bare(pos);
  }

  void skip_spaces(std::size_t& pos) const {
    while (pos < line_.size() && (line_[pos] == ' ' || line_[pos] == '\t')) ++pos;
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw RenderError(where_ + ": " + message);
  }

 private:
  static Value string_value(std::string text) {
    Value value;
    value.type = Value::Type::string;
    value.text = std::move(text);
    return value;
  }

  std::string read_basic_string(std::size_t& pos) {
    std::string out;
    for (++pos; pos < line_.size(); ++pos) {
      const char c = line_[pos];
      if (c == '"') {
        ++pos;
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (++pos >= line_.size()) break;
      switch (line_[pos]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'u':
          append_code_point(pos, out);
          break;
        default:
          fail(std::string("unsupported escape \\") + line_[pos] + " in a string");
      }
    }
    fail("a string is not closed on its line (multi-line strings are not supported)");
  }

  // \uXXXX: four hex digits, written out as UTF-8.
  void append_code_point(std::size_t& pos, std::string& out) {
    if (pos + 4 >= line_.size()) fail("\\u needs four hex digits");
    const std::string hex(line_.substr(pos + 1, 4));
    char* end = nullptr;
    const unsigned long code = std::strtoul(hex.c_str(), &end, 16);
    if (end != hex.c_str() + 4 || (code >= 0xD800 && code <= 0xDFFF)) {
      fail("\\u needs four hex digits naming a character");
    }
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
    pos += 4;
  }

  std::string read_literal_string(std::size_t& pos) {
    const std::size_t close = line_.find('\'', pos + 1);
    if (close == std::string_view::npos) fail("a literal string is not closed on its line");
    std::string out(line_.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    return out;
  }

  Value read_array(std::size_t& pos) {
    Value array;
    array.type = Value::Type::array;
    ++pos;
    for (;;) {
      skip_spaces(pos);
      if (pos >= line_.size()) fail("an array is not closed on its line");
      if (line_[pos] == ']') {
        ++pos;
        return array;
      }
      read(pos);  // array items are checked but no key we use takes an array
      skip_spaces(pos);
      if (pos < line_.size() && line_[pos] == ',')
        ++pos;
      else if (pos >= line_.size() || line_[pos] != ']')
        fail("expected ',' or ']' in an array");
    }
  }

  Value read_bare(std::size_t& pos) {
    std::size_t end = pos;
    while (end < line_.size() && line_[end] != ',' && line_[end] != ']' && line_[end] != '#' &&
           line_[end] != '\t') {
      // A date-time may hold one space between date and time; other spaces end the value.
      if (line_[end] == ' ' && !(end == pos + 10 && digits_at(line_, end + 1, 2))) break;
      ++end;
    }
    const std::string_view token = line_.substr(pos, end - pos);
    pos = end;
    Value value;
    if (token == "true" || token == "false") {
      value.type = Value::Type::boolean;
      value.flag = token == "true";
      return value;
    }
    if (auto time = parse_date(token)) {
      value.type = Value::Type::datetime;
      value.text = std::string(token);
      value.time = time;
      return value;
    }
    std::string number;
    for (char c : token) {
      if (c != '_') number += c;
    }
    char* number_end = nullptr;
    value.number = std::strtod(number.c_str(), &number_end);
    if (number.empty() || number_end != number.c_str() + number.size() ||
        !(is_digit(number[0]) || number[0] == '+' || number[0] == '-')) {
      fail("'" + std::string(token) +
           "' is not a value front matter understands (quote strings: \"...\")");
    }
    value.type = Value::Type::number;
    return value;
  }

  std::string_view line_;
  const std::string& where_;
};

std::string read_key(std::string_view line, std::size_t& pos, const ValueReader& reader) {
  if (pos < line.size() && line[pos] == '"') {
    const std::size_t close = line.find('"', pos + 1);
    if (close == std::string_view::npos) reader.fail("a quoted key is not closed");
    std::string key(line.substr(pos + 1, close - pos - 1));
    pos = close + 1;
    return key;
  }
  const std::size_t start = pos;
  while (pos < line.size() && (std::isalnum(static_cast<unsigned char>(line[pos])) ||
                               line[pos] == '_' || line[pos] == '-')) {
    ++pos;
  }
  if (pos == start) reader.fail("expected 'key = value'");
  return std::string(line.substr(start, pos - start));
}

void apply(const std::string& key, const Value& value, FrontMatter& front_matter,
           const ValueReader& reader) {
  if (key == "title") {
    if (value.type != Value::Type::string) reader.fail("title must be a string");
    front_matter.title = value.text;
  } else if (key == "date") {
    if (value.type == Value::Type::datetime) {
      front_matter.date = value.time;
    } else if (value.type == Value::Type::string && parse_date(value.text)) {
      front_matter.date = parse_date(value.text);
    } else {
      reader.fail("date must be a date like 2008-11-12 or 2008-11-12T09:30:00Z");
    }
  } else if (key == "draft") {
    if (value.type != Value::Type::boolean) reader.fail("draft must be true or false");
    front_matter.draft = value.flag;
  } else if (key == "weight") {
    if (value.type != Value::Type::number) reader.fail("weight must be a number");
    front_matter.weight = value.number;
  }
}

/// Splits text into lines, dropping "\n" and a trailing "\r".
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace

ContentDocument read_content_document(const std::string& text, const std::string& path) {
  std::string_view rest = text;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // a UTF-8 byte order mark
  ContentDocument document;
  const std::size_t first_end = rest.find('\n');
  if (trim_space(rest.substr(0, first_end)) != kDelimiter) {
    document.body = std::string(rest);
    return document;
  }
  const std::vector<std::string_view> lines = split_lines(rest);
  std::set<std::string> seen_keys;
  for (std::size_t index = 1; index < lines.size(); ++index) {
    const std::string where = path + ":" + std::to_string(index + 1);
    const std::string_view line = trim_space(lines[index]);
    if (line == kDelimiter) {
      // The body starts after the closing line.
      std::size_t offset = 0;
      for (std::size_t i = 0; i <= index; ++i) {
        offset = rest.find('\n', offset);
        if (offset == std::string_view::npos) break;
        ++offset;
      }
      document.body = offset == std::string_view::npos ? "" : std::string(rest.substr(offset));
      return document;
    }
    if (line.empty() || line.front() == '#') continue;
    ValueReader reader(line, where);
    if (line.front() == '[') reader.fail("tables are not supported in front matter");
    std::size_t pos = 0;
    const std::string key = read_key(line, pos, reader);
    reader.skip_spaces(pos);
    if (pos >= line.size() || line[pos] != '=') reader.fail("expected '=' after '" + key + "'");
    ++pos;
    const Value value = reader.read(pos);
    reader.skip_spaces(pos);
    if (pos < line.size() && line[pos] != '#') {
      reader.fail("unexpected text after the value of '" + key + "'");
    }
    if (!seen_keys.insert(key).second) reader.fail("'" + key + "' is set twice");
    apply(key, value, document.front_matter, reader);
  }
  throw RenderError(path + ":1: front matter opened with +++ is never closed");
}

}  // namespace confab
