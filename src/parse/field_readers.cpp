#include "parse/field_readers.h"

#include <charconv>

#include "parse/date.h"
#include "parse/entry_id.h"
#include "parse/xml_text.h"

namespace confab {
namespace {

/// A decimal number of T at least 0, white space around it allowed; nullopt for anything else.
template <typename T>
std::optional<T> parse_non_negative(std::string_view text) {
  text = trim_ascii(text);
  T value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::optional<UnixTime> read_date(std::string_view text, std::string_view field,
                                  EntryProblems& problems) {
  text = trim_ascii(text);
  if (text.empty()) return std::nullopt;
  auto parsed = parse_date(text);
  if (!parsed) {
    problems.messages.push_back("unparseable date \"" + std::string(text.substr(0, 80)) +
                                "\" in <" + std::string(field) + ">");
  }
  return parsed;
}

Author parse_rss_person(std::string_view text) {
  text = trim_ascii(text);
  Author author;
  const std::size_t open = text.find('(');
  const std::size_t close = text.rfind(')');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open &&
      text.substr(0, open).find('@') != std::string_view::npos) {
    author.email = trim_ascii(text.substr(0, open));
    author.name = trim_ascii(text.substr(open + 1, close - open - 1));
    return author;
  }
  const std::size_t lt = text.find('<');
  const std::size_t gt = text.rfind('>');
  if (lt != std::string_view::npos && gt != std::string_view::npos && gt > lt &&
      text.substr(lt, gt - lt).find('@') != std::string_view::npos) {
    author.name = trim_ascii(text.substr(0, lt));
    author.email = trim_ascii(text.substr(lt + 1, gt - lt - 1));
    return author;
  }
  if (text.find('@') != std::string_view::npos && text.find(' ') == std::string_view::npos) {
    author.email = text;
  } else {
    author.name = text;
  }
  return author;
}

void finish_entry(Entry& entry, const EntryProblems& problems, std::vector<std::string>& warnings) {
  assign_entry_id(entry);
  for (const std::string& message : problems.messages) {
    std::string name = entry.title.empty() ? std::string() : "\"" + entry.title + "\" ";
    warnings.push_back("entry " + name + "(" + entry.id + "): " + message);
  }
}

std::optional<int> parse_count(std::string_view text) {
  return parse_non_negative<int>(text);
}

std::optional<long long> parse_byte_count(std::string_view text) {
  return parse_non_negative<long long>(text);
}

}  // namespace confab
