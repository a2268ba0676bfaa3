#include "parse/date.h"

#include <array>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/strings.h"

namespace confab {
namespace {

/// Reads exactly `count` digits at `pos`; advances `pos` on success.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

std::optional<UnixTime> assemble(int year, int month, int day, int hour, int minute, int second,
                                 int offset_seconds) {
  const auto utc = make_utc_time(year, month, day, hour, minute, second);
  if (!utc) return std::nullopt;
  return *utc - offset_seconds;
}

/// "+0200", "-05:00", "+02", "-5" after the sign has been seen; seconds east of UTC.
std::optional<int> parse_numeric_offset(std::string_view text) {
  if (text.empty() || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int sign = text[0] == '-' ? -1 : 1;
  std::string digits;
  for (char c : text.substr(1)) {
    if (is_digit(c)) {
      digits.push_back(c);
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  int hours = 0, minutes = 0;
  if (digits.size() == 1 || digits.size() == 2) {
    hours = std::stoi(digits);
  } else if (digits.size() == 3 || digits.size() == 4) {
    hours = std::stoi(digits.substr(0, digits.size() - 2));
    minutes = std::stoi(digits.substr(digits.size() - 2));
  } else {
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

struct NamedZone {
  std::string_view name;
  int hours;
};

// North American zones from RFC 822, plus the European ones feeds use in practice.
constexpr std::array<NamedZone, 21> kNamedZones = {{
    {"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},    {"EST", -5}, {"EDT", -4}, {"CST", -6},
    {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {"CET", 1},  {"CEST", 2},
    {"MET", 1},  {"MEST", 2}, {"BST", 1},  {"WET", 0},  {"WEST", 1}, {"EET", 2},  {"EEST", 3},
}};

/// A zone token: named ("EST"), numeric ("+0100"), or named with an offset ("GMT+2").
std::optional<int> parse_zone(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (token[0] == '+' || token[0] == '-') return parse_numeric_offset(token);
  std::size_t letters = 0;
  while (letters < token.size() && is_alpha(token[letters])) ++letters;
  if (letters == 0) return std::nullopt;
  const std::string_view name = token.substr(0, letters);
  int base = 0;
  bool known = false;
  for (const auto& zone : kNamedZones) {
    if (iequals(zone.name, name)) {
      base = zone.hours * 3600;
      known = true;
      break;
    }
  }
  // Other military letters and unknown abbreviations carry no reliable offset (RFC 2822
  // section 4.3 says to treat them as UTC); accept them as UTC rather than lose the date.
  if (!known && letters > 5) return std::nullopt;
  if (letters == token.size()) return base;
  const auto offset = parse_numeric_offset(token.substr(letters));
  if (!offset) return std::nullopt;
  return base + *offset;
}

/// RFC 3339, W3CDTF and ISO 8601 (extended and basic forms).
std::optional<UnixTime> parse_iso(std::string_view text) {
  std::size_t pos = 0;
  const auto year = read_digits(text, pos, 4);
  if (!year) return std::nullopt;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
  if (pos == text.size()) return assemble(*year, 1, 1, 0, 0, 0, 0);
  if (text[pos] == '/') {
    // "2020/1/10 14:33:00": year first, so unambiguous; one- or two-digit fields.
    const auto read_short = [&](int& field) {
      ++pos;
      const std::size_t start = pos;
      field = 0;
      while (pos < text.size() && is_digit(text[pos]) && pos - start < 2) {
        field = field * 10 + (text[pos++] - '0');
      }
      return pos > start;
    };
    if (!read_short(month) || pos >= text.size() || text[pos] != '/' || !read_short(day)) {
      return std::nullopt;
    }
  } else if (text[pos] == '-') {
    ++pos;
    const auto m = read_digits(text, pos, 2);
    if (!m) return std::nullopt;
    month = *m;
    if (pos < text.size() && text[pos] == '-') {
      ++pos;
      const auto d = read_digits(text, pos, 2);
      if (!d) return std::nullopt;
      day = *d;
    } else if (pos == text.size()) {
      return assemble(*year, month, 1, 0, 0, 0, 0);
    } else {
      return std::nullopt;
    }
  } else {
    const auto m = read_digits(text, pos, 2);
    const auto d = read_digits(text, pos, 2);
    if (!m || !d) return std::nullopt;
    month = *m;
    day = *d;
  }
  if (pos == text.size()) return assemble(*year, month, day, 0, 0, 0, 0);
  const char separator = text[pos];
  if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
  ++pos;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const auto h = read_digits(text, pos, 2);
  if (!h) return std::nullopt;
  hour = *h;
  const bool colon = pos < text.size() && text[pos] == ':';
  if (colon) ++pos;
  const auto mi = read_digits(text, pos, 2);
  if (!mi) return std::nullopt;
  minute = *mi;
  if (pos < text.size() && (text[pos] == ':' || (!colon && is_digit(text[pos])))) {
    if (text[pos] == ':') ++pos;
    const auto s = read_digits(text, pos, 2);
    if (!s) return std::nullopt;
    second = *s;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      while (pos < text.size() && is_digit(text[pos])) ++pos;
    }
  }
  const std::string_view zone = trim_space(text.substr(pos));
  if (!zone.empty()) {
    const auto parsed = parse_zone(zone);
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  return assemble(*year, month, day, hour, minute, second, offset);
}

std::optional<int> month_from_name(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr std::array<std::string_view, 12> kFullMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (iequals(token, kMonths[i]) || iequals(token, kFullMonths[i]) ||
        (token.size() == 4 && i == 8 && iequals(token, "sept"))) {
      return static_cast<int>(i) + 1;
    }
  }
  return std::nullopt;
}

bool is_day_name(std::string_view token) {
  static constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu",
                                                            "fri", "sat", "sun"};
  static constexpr std::array<std::string_view, 7> kFullDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::size_t i = 0; i < kDays.size(); ++i) {
    if (iequals(token, kDays[i]) || iequals(token, kFullDays[i])) return true;
  }
  return iequals(token, "tues") || iequals(token, "thur") || iequals(token, "thurs");
}

bool all_digits(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token) {
    if (!is_digit(c)) return false;
  }
  return true;
}

/// "19:30", "19:30:00", "7:30:00"; seconds default to 0.
bool parse_clock(std::string_view token, int& hour, int& minute, int& second) {
  int parts[3] = {0, 0, 0};
  int count = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t end = token.find(':', start);
    if (end == std::string_view::npos) end = token.size();
    const std::string_view field = token.substr(start, end - start);
    if (count == 3 || !all_digits(field) || field.size() > 2) return false;
    parts[count++] = std::stoi(std::string(field));
    if (end == token.size()) break;
    start = end + 1;
  }
  if (count < 2) return false;
  hour = parts[0];
  minute = parts[1];
  second = parts[2];
  return true;
}

int expand_two_digit_year(int year) {
  // RFC 2822 section 4.3: 00-49 are 2000-2049, 50-99 are 1950-1999.
  return year < 50 ? 2000 + year : 1900 + year;
}

/// RFC 822/1123/850, asctime and the looser forms feeds produce, read token by token.
std::optional<UnixTime> parse_rfc822(std::string_view text) {
  // A leading day name in another language ("mer, 16 nov 2022"): skip any word before a comma.
  if (const std::size_t comma = text.find(','); comma != std::string_view::npos && comma <= 12) {
    bool word = comma > 0;
    for (std::size_t i = 0; i < comma; ++i) word = word && is_alpha(text[i]);
    if (word) text.remove_prefix(comma + 1);
  }
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  int parentheses = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') {
      flush();
      ++parentheses;
    } else if (c == ')') {
      if (parentheses > 0) --parentheses;
    } else if (parentheses > 0) {
      continue;  // "(PST)": a comment repeating the zone
    } else if (c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else if (c == '-' && !current.empty() && current.find(':') == std::string::npos &&
               !(current == "GMT" || current == "UTC" || current == "UT")) {
      flush();  // RFC 850 "06-May-09"; a '-' after a clock or zone name starts an offset
    } else if ((c == '+' || c == '-') && !current.empty() &&
               current.find(':') != std::string::npos) {
      flush();  // "19:30:00+0200"
      current.push_back(c);
    } else {
      current.push_back(c);
    }
  }
  flush();

  int day = -1, month = -1, year = -1, hour = 0, minute = 0, second = 0, offset = 0;
  bool have_clock = false, have_zone = false, pm = false, am = false;
  for (const std::string& token : tokens) {
    if (is_day_name(token)) continue;
    if (const auto m = month_from_name(token); m && month < 0) {
      month = *m;
    } else if (token.find(':') != std::string::npos && !have_clock && token[0] != '+' &&
               token[0] != '-') {
      std::string clock = token;
      if (!clock.empty() && (clock.back() == 'Z' || clock.back() == 'z')) {
        clock.pop_back();
        have_zone = true;
      }
      if (!parse_clock(clock, hour, minute, second)) return std::nullopt;
      have_clock = true;
    } else if (all_digits(token)) {
      const int value = std::stoi(token.substr(0, 9));
      if (token.size() >= 3) {
        if (year >= 0) return std::nullopt;
        year = value;
      } else if (day < 0) {
        day = value;
      } else if (year < 0) {
        year = expand_two_digit_year(value);
      } else {
        return std::nullopt;
      }
    } else if (iequals(token, "am") || iequals(token, "pm")) {
      (iequals(token, "pm") ? pm : am) = true;
    } else if (!have_zone && (have_clock || year >= 0)) {
      const auto zone = parse_zone(token);
      if (!zone) return std::nullopt;
      offset = *zone;
      have_zone = true;
    } else {
      return std::nullopt;
    }
  }
  if (day < 0 || month < 0 || year < 0) return std::nullopt;
  if (pm && hour < 12) hour += 12;
  if (am && hour == 12) hour = 0;
  return assemble(year, month, day, hour, minute, second, offset);
}

/// The form nearly every RSS feed writes, "Tue, 03 Mar 2026 10:15:00 +0000" (or GMT/UT/UTC/Z),
/// read in one pass; nullopt sends anything else to parse_rfc822, which reads the same values
/// from it, only slower.
std::optional<UnixTime> parse_canonical_rfc822(std::string_view text) {
  std::size_t pos = 0;
  if (text.size() > 5 && is_alpha(text[0]) && is_alpha(text[1]) && is_alpha(text[2]) &&
      text[3] == ',' && text[4] == ' ') {
    pos = 5;
  }
  int day = 0;
  if (const auto two = read_digits(text, pos, 2)) {
    day = *two;
  } else if (const auto one = read_digits(text, pos, 1)) {
    day = *one;
  } else {
    return std::nullopt;
  }
  if (pos + 5 > text.size() || text[pos] != ' ' || text[pos + 4] != ' ') return std::nullopt;
  const auto month = month_from_name(text.substr(pos + 1, 3));
  if (!month) return std::nullopt;
  pos += 5;
  const auto year = read_digits(text, pos, 4);
  if (!year || pos >= text.size() || text[pos++] != ' ') return std::nullopt;
  const auto hour = read_digits(text, pos, 2);
  if (!hour || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto minute = read_digits(text, pos, 2);
  if (!minute || pos >= text.size() || text[pos++] != ':') return std::nullopt;
  const auto second = read_digits(text, pos, 2);
  if (!second || pos >= text.size() || text[pos++] != ' ') return std::nullopt;
  const std::string_view zone = text.substr(pos);
  int offset = 0;
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    std::size_t at = 1;
    const auto hours = read_digits(zone, at, 2);
    const auto minutes = read_digits(zone, at, 2);
    if (!hours || !minutes || *hours > 14 || *minutes > 59) return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * (*hours * 3600 + *minutes * 60);
  } else if (zone != "GMT" && zone != "UT" && zone != "UTC" && zone != "Z") {
    return std::nullopt;
  }
  return assemble(*year, *month, day, *hour, *minute, *second, offset);
}

}  // namespace

std::optional<UnixTime> parse_date(std::string_view text) {
  text = trim_space(text);
  if (text.empty()) return std::nullopt;
  if (text.size() >= 4 && is_digit(text[0]) && is_digit(text[1]) && is_digit(text[2]) &&
      is_digit(text[3])) {
    if (auto iso = parse_iso(text)) return iso;
  }
  if (auto canonical = parse_canonical_rfc822(text)) return canonical;
  return parse_rfc822(text);
}

}  // namespace confab
