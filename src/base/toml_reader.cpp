// The one file that includes toml++: it is slow to compile, so it stays behind toml_reader.h.
#include "base/toml_reader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace confab {
namespace {

TomlPosition position_of(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

TomlDateTime date_time_of(const toml::date* date, const toml::time* time,
                          const std::optional<toml::time_offset>& offset) {
  TomlDateTime out;
  if (date) {
    out.year = date->year;
    out.month = date->month;
    out.day = date->day;
  }
  if (time) {
    out.hour = time->hour;
    out.minute = time->minute;
    out.second = time->second;
    out.nanosecond = time->nanosecond;
  }
  if (offset) {
    out.has_offset = true;
    out.offset_minutes = offset->minutes;
  }
  return out;
}

TomlValue value_of(const toml::node& node) {
  TomlValue value;
  value.position = position_of(node.source());
  switch (node.type()) {
    case toml::node_type::string:
      value.kind = TomlValue::Kind::string;
      value.string = node.as_string()->get();
      break;
    case toml::node_type::integer:
      value.kind = TomlValue::Kind::integer;
      value.integer = node.as_integer()->get();
      break;
    case toml::node_type::floating_point:
      value.kind = TomlValue::Kind::floating_point;
      value.floating_point = node.as_floating_point()->get();
      break;
    case toml::node_type::boolean:
      value.kind = TomlValue::Kind::boolean;
      value.boolean = node.as_boolean()->get();
      break;
    case toml::node_type::date:
      value.kind = TomlValue::Kind::date;
      value.date_time = date_time_of(&node.as_date()->get(), nullptr, std::nullopt);
      break;
    case toml::node_type::time:
      value.kind = TomlValue::Kind::time;
      value.date_time = date_time_of(nullptr, &node.as_time()->get(), std::nullopt);
      break;
    case toml::node_type::date_time: {
      value.kind = TomlValue::Kind::date_time;
      const toml::date_time& stamp = node.as_date_time()->get();
      value.date_time = date_time_of(&stamp.date, &stamp.time, stamp.offset);
      break;
    }
    case toml::node_type::array:
      value.kind = TomlValue::Kind::array;
      for (const toml::node& element : *node.as_array()) value.array.push_back(value_of(element));
      break;
    case toml::node_type::table: {
      value.kind = TomlValue::Kind::table;
      // toml++ keeps a table's keys sorted by name; put them back in the order of the text.
      std::vector<std::pair<const toml::key*, const toml::node*>> entries;
      for (const auto& [key, child] : *node.as_table()) entries.emplace_back(&key, &child);
      std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        const auto& pa = a.first->source().begin;
        const auto& pb = b.first->source().begin;
        return std::pair(pa.line, pa.column) < std::pair(pb.line, pb.column);
      });
      for (const auto& [key, child] : entries) {
        value.table.push_back(
            {std::string(key->str()), position_of(key->source()), value_of(*child)});
      }
      break;
    }
    case toml::node_type::none:
      break;
  }
  return value;
}

// The byte at a 1-based (line, column) of `text`, columns counted in code points as toml++ does;
// nullopt when the position is at or past the end of its line.
std::optional<char> char_at(std::string_view text, std::uint32_t line, std::uint32_t column) {
  std::size_t offset = 0;
  for (std::uint32_t current = 1; current < line; ++current) {
    offset = text.find('\n', offset);
    if (offset == std::string_view::npos) return std::nullopt;
    ++offset;
  }
  for (std::uint32_t current = 1; current < column; ++current) {
    if (offset >= text.size() || text[offset] == '\n') return std::nullopt;
    ++offset;
    while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
      ++offset;  // skip UTF-8 continuation bytes
    }
  }
  if (offset >= text.size() || text[offset] == '\n' || text[offset] == '\r') return std::nullopt;
  return text[offset];
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// toml++ says "Error while parsing string: encountered end-of-file"; turn that into a message a
// site author can act on, without raw newlines in it.
std::string describe_syntax_error(const toml::parse_error& error, std::string_view text) {
  std::string description(error.description());
  std::string context;
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (description.starts_with(kPrefix)) {
    const auto colon = description.find(": ", kPrefix.size());
    if (colon != std::string::npos) {
      context = description.substr(kPrefix.size(), colon - kPrefix.size());
      description.erase(0, colon + 2);
    }
  }
  const auto& at = error.source().begin;
  const bool at_line_end = !char_at(text, at.line, at.column).has_value();
  if (context.find("string") != std::string::npos &&
      (description.find("end-of-file") != std::string::npos ||
       (description.find("control characters") != std::string::npos && at_line_end))) {
    return "syntax error: unterminated " + context + " (missing closing quote)";
  }
  replace_all(description, "end-of-file", "end of file");
  replace_all(description, "saw '\n'", "saw end of line");
  replace_all(description, "saw '\r'", "saw end of line");
  replace_all(description, "saw '\\n'", "saw end of line");  // toml++ sometimes escapes it
  replace_all(description, "saw '\\r'", "saw end of line");
  replace_all(description, "\n", "\\n");
  replace_all(description, "\r", "\\r");
  if (context.empty() || context == "root table") return "syntax error: " + description;
  return "syntax error in " + context + ": " + description;
}

}  // namespace

bool TomlValue::is_array_of_tables() const {
  return kind == Kind::array && !array.empty() &&
         std::all_of(array.begin(), array.end(), [](const TomlValue& v) { return v.is_table(); });
}

const TomlValue* TomlValue::find(std::string_view key) const {
  for (const TomlEntry& entry : table) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

std::string_view TomlValue::kind_name() const {
  switch (kind) {
    case Kind::string:
      return "string";
    case Kind::integer:
      return "integer";
    case Kind::floating_point:
      return "float";
    case Kind::boolean:
      return "boolean";
    case Kind::date:
      return "date";
    case Kind::time:
      return "time";
    case Kind::date_time:
      return "date-time";
    case Kind::array:
      return "array";
    case Kind::table:
      return "table";
  }
  return "nothing";
}

TomlError::TomlError(std::string source_name, int line_number, int column_number, std::string text)
    : std::runtime_error(source_name + ":" + std::to_string(line_number) + ":" +
                         std::to_string(column_number) + ": " + text),
      source(std::move(source_name)),
      line(line_number),
      column(column_number),
      message(std::move(text)) {}

TomlValue read_toml(std::string_view text, std::string_view source_name) {
  toml::table document;
  try {
    document = toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    const auto& at = error.source().begin;
    throw TomlError(std::string(source_name), std::max(1, static_cast<int>(at.line)),
                    std::max(1, static_cast<int>(at.column)), describe_syntax_error(error, text));
  }
  return value_of(document);
}

}  // namespace confab
