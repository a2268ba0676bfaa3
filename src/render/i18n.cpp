#include "render/i18n.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "base/toml_reader.h"

namespace confab {
namespace {

constexpr const char* kFallbackLanguage = "en";

std::string language_file(const std::string& language) {
  return "i18n/" + language + ".toml";
}

/// One file of theme strings: [section] tables of key = "string", as "section.key" -> string.
std::map<std::string, std::string> read_strings_file(const std::string& text,
                                                     const std::string& file) {
  TomlValue document;
  try {
    document = read_toml(text, file);
  } catch (const TomlError& error) {
    throw RenderError(error.what());
  }
  std::map<std::string, std::string> values;
  const auto add = [&](const std::string& key, const TomlValue& value) {
    if (value.kind != TomlValue::Kind::string) {
      throw RenderError(file + ":" + std::to_string(value.position.line) + ":" +
                        std::to_string(value.position.column) + ": '" + key +
                        "' must be a \"quoted string\", got " + std::string(value.kind_name()));
    }
    std::string& text = values[key] = value.string;
    // A \u0000 escape gives U+FFFD, as append_utf8 writes it: a NUL has no place in a page.
    for (std::size_t nul = text.find('\0'); nul != std::string::npos; nul = text.find('\0', nul)) {
      text.replace(nul, 1, "\xEF\xBF\xBD");
    }
  };
  for (const TomlEntry& entry : document.table) {
    if (!entry.value.is_table()) {
      add(entry.key, entry.value);
      continue;
    }
    for (const TomlEntry& string : entry.value.table)
      add(entry.key + "." + string.key, string.value);
  }
  return values;
}

}  // namespace

Strings Strings::load(const Theme& theme, const std::string& language) {
  Strings strings;
  strings.language_ = language.empty() ? kFallbackLanguage : language;
  std::string chosen = strings.language_;
  if (!theme.i18n.count(chosen)) chosen = chosen.substr(0, chosen.find('-'));
  const auto fallback = theme.i18n.find(kFallbackLanguage);
  const auto own = theme.i18n.find(chosen);
  if (own == theme.i18n.end() && fallback == theme.i18n.end()) {
    throw RenderError("theme has no strings for language '" + strings.language_ + "' (" +
                      language_file(chosen) + ") and no " + language_file(kFallbackLanguage));
  }
  // English first, then the language's own strings over it.
  const auto take = [&](const std::string& text, const std::string& file) {
    for (auto& [key, value] : read_strings_file(text, file))
      strings.values_[key] = std::move(value);
  };
  if (fallback != theme.i18n.end()) take(fallback->second, language_file(kFallbackLanguage));
  if (own != theme.i18n.end() && own != fallback) take(own->second, language_file(chosen));
  for (const auto& [key, value] : strings.values_) {
    if (key.starts_with("text.")) strings.text_table_[key.substr(5)] = value;
  }
  const auto separator = strings.values_.find("format.group_separator");
  strings.group_separator_ = separator == strings.values_.end() ? "," : separator->second;
  const auto date_pattern = strings.values_.find("format.date");
  strings.date_pattern_ =
      date_pattern == strings.values_.end() ? "{day} {month} {year}" : date_pattern->second;
  std::string months = strings.values_["format.months"];
  std::size_t pos = 0;
  for (std::string& name : strings.months_) {
    while (pos < months.size() && months[pos] == ' ') ++pos;
    const std::size_t end = std::min(months.find(' ', pos), months.size());
    name = months.substr(pos, end - pos);
    pos = end;
    if (name.empty()) {
      throw RenderError(language_file(chosen) + ": [format] months needs twelve names");
    }
  }
  return strings;
}

const std::string& Strings::text(const std::string& key) const {
  const auto found = values_.find("text." + key);
  if (found == values_.end()) {
    throw RenderError("theme strings: [text] " + key + " is missing from " +
                      language_file(language_));
  }
  return found->second;
}

std::string Strings::count(const std::string& noun, std::int64_t n) const {
  // French counts 0 and 1 as singular; English only 1.
  const bool one = language_.starts_with("fr") ? (n == 0 || n == 1) : n == 1;
  std::string key;
  key.reserve(12 + noun.size());
  key.append("count.").append(noun).append(one ? "_one" : "_other");
  const auto found = values_.find(key);
  if (found == values_.end()) {
    throw RenderError("theme strings: [count] " + key.substr(6) + " is missing from " +
                      language_file(language_));
  }
  const std::string digits = number(n);
  const std::pair<std::string_view, std::string_view> names[] = {{"n", digits}};
  return fill_names(found->second, names);
}

std::string Strings::number(std::int64_t n) const {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group_separator_;
    out += digits[i];
  }
  return out;
}

std::string Strings::format(const std::string& key) const {
  const auto found = values_.find("format." + key);
  return found == values_.end() ? "" : found->second;
}

const std::string& Strings::month(int month) const {
  return months_[(month - 1 + 12) % 12];
}

std::string Strings::date(UnixTime time) const {
  const CivilTime civil = civil_time(time);
  const std::string day = std::to_string(civil.day);
  const std::string year = format_year(civil.year);  // as in the RFC 3339 stamp
  const std::pair<std::string_view, std::string_view> names[] = {
      {"day", day}, {"month", month(civil.month)}, {"year", year}};
  return fill_names(date_pattern_, names);
}

std::string Strings::fill(std::string pattern, const std::map<std::string, std::string>& values) {
  std::vector<std::pair<std::string_view, std::string_view>> names(values.begin(), values.end());
  return fill_names(pattern, names);
}

std::string Strings::fill_names(
    std::string_view pattern,
    std::span<const std::pair<std::string_view, std::string_view>> values) {
  std::string out;
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    const std::size_t open = pattern.find('{', pos);
    const std::size_t close = open == std::string::npos ? open : pattern.find('}', open);
    if (close == std::string::npos) break;
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const auto value = std::find_if(values.begin(), values.end(),
                                    [&](const auto& entry) { return entry.first == name; });
    out.append(pattern, pos, open - pos);
    if (value == values.end()) {
      out.append(pattern, open, close - open + 1);
    } else {
      out += value->second;
    }
    pos = close + 1;
  }
  out.append(pattern, pos, std::string::npos);
  return out;
}

}  // namespace confab
