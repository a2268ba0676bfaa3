#include "parse/field_readers.h"

#include <charconv>
#include <utility>

#include "base/ascii.h"

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

namespace {

bool is_email_local_char(char c) {
  return is_alnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

bool is_email_domain_char(char c) {
  return is_alnum(c) || c == '.' || c == '-' || c == '[' || c == ']';
}

/// The first address in `text` ("mailto:" before it counted as part of it), as [begin, end).
std::optional<std::pair<std::size_t, std::size_t>> find_email(std::string_view text) {
  for (std::size_t at = text.find('@'); at != std::string_view::npos; at = text.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && is_email_local_char(text[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < text.size() && is_email_domain_char(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    if (begin == at || domain.find('.') == std::string_view::npos) continue;
    if (begin >= 7 && iequals(text.substr(begin - 7, 7), "mailto:")) begin -= 7;
    return std::pair{begin, end};
  }
  return std::nullopt;
}

}  // namespace

Author parse_rss_person(std::string_view text) {
  text = trim_ascii(text);
  Author author;
  const auto email = find_email(text);
  if (!email) {
    author.name = text;
    return author;
  }
  std::string_view address = text.substr(email->first, email->second - email->first);
  if (address.size() > 7 && iequals(address.substr(0, 7), "mailto:")) address.remove_prefix(7);
  author.email = address;
  // The name is what is left around the address once its brackets are gone:
  // "a@b.example (Ann)", "Ann (a@b.example)", "Ann <a@b.example>".
  std::string name =
      std::string(text.substr(0, email->first)) + std::string(text.substr(email->second));
  for (std::string_view empty_pair : {"()", "<>", "[]"}) {
    for (std::size_t at = name.find(empty_pair); at != std::string::npos;
         at = name.find(empty_pair)) {
      name.erase(at, 2);
    }
  }
  std::string_view trimmed = trim_ascii(name);
  if (trimmed.starts_with('(') && trimmed.ends_with(')')) {
    trimmed = trim_ascii(trimmed.substr(1, trimmed.size() - 2));
  }
  // "a@b.example (a@b.example)" names no one.
  if (trimmed != author.email) author.name = trimmed;
  return author;
}

std::string normalize_language(std::string_view tag) {
  tag = trim_ascii(tag);
  std::string out;
  out.reserve(tag.size());
  std::size_t subtag = 0, start = 0;
  for (std::size_t i = 0; i <= tag.size(); ++i) {
    if (i < tag.size() && tag[i] != '_' && tag[i] != '-') continue;
    std::string part(tag.substr(start, i - start));
    // BCP 47 case conventions: "en", "Latn", "US"; other subtags lower case.
    for (char& c : part) c = lower(c);
    if (subtag > 0 && part.size() == 2) {
      for (char& c : part) c = upper(c);
    } else if (subtag > 0 && part.size() == 4 && !part.empty()) {
      part[0] = upper(part[0]);
    }
    if (!part.empty()) {
      if (!out.empty()) out += '-';
      out += part;
      ++subtag;
    }
    start = i + 1;
  }
  return out;
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
