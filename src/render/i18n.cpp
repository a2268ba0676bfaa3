// A hand-written reader for the one TOML form the theme's string files use; toml++ belongs to
// the config stage, and key = "string" in sections needs no more.
#include "render/i18n.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "base/strings.h"

namespace confab {
namespace {

constexpr const char* kFallbackLanguage = "en";

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

/// The value of a "basic string" that is all of `text`, escapes decoded.
std::string read_basic_string(std::string_view text, const std::string& where) {
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') {
    throw RenderError(where + ": expected a \"quoted string\"");
  }
  text = text.substr(1, text.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') throw RenderError(where + ": unescaped '\"' inside a string");
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= text.size()) throw RenderError(where + ": a string ends with '\\'");
    switch (text[i]) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u': {
        const std::string hex(text.substr(i + 1, 4));
        if (hex.size() != 4 ||
            hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
          throw RenderError(where + ": \\u needs four hex digits");
        }
        append_utf8(out, static_cast<char32_t>(std::stoul(hex, nullptr, 16)));
        i += 4;
        break;
      }
      default:
        throw RenderError(where + ": unknown escape '\\" + std::string(1, text[i]) + "'");
    }
  }
  return out;
}

std::string language_file(const std::string& language) {
  return "i18n/" + language + ".toml";
}

}  // namespace

std::map<std::string, std::string> Strings::parse(const std::string& text,
                                                  const std::string& file) {
  std::map<std::string, std::string> values;
  std::string section;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line = trim_space(std::string_view(text).substr(start, end - start));
    start = end + 1;
    ++line_number;
    const std::string where = file + ":" + std::to_string(line_number);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      if (line.back() != ']') throw RenderError(where + ": a section header ends with ']'");
      section = std::string(trim_space(line.substr(1, line.size() - 2)));
      if (section.empty() || !std::all_of(section.begin(), section.end(), is_key_char)) {
        throw RenderError(where + ": bad section name");
      }
      continue;
    }
    const std::size_t equals = line.find('=');
    if (equals == std::string_view::npos) throw RenderError(where + ": expected key = \"value\"");
    const std::string key(trim_space(line.substr(0, equals)));
    if (key.empty() || !std::all_of(key.begin(), key.end(), is_key_char)) {
      throw RenderError(where + ": bad key '" + key + "'");
    }
    const std::string full_key = section.empty() ? key : section + "." + key;
    if (values.count(full_key)) throw RenderError(where + ": '" + full_key + "' is set twice");
    values[full_key] = read_basic_string(trim_space(line.substr(equals + 1)), where);
  }
  return values;
}

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
  if (fallback != theme.i18n.end()) {
    strings.values_ = parse(fallback->second, language_file(kFallbackLanguage));
  }
  if (own != theme.i18n.end() && own != fallback) {
    for (auto& [key, value] : parse(own->second, language_file(chosen))) {
      strings.values_[key] = std::move(value);
    }
  }
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
  const std::string key = "count." + noun + (one ? "_one" : "_other");
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
