#include "base/time.h"

#include <cstdio>

namespace confab {

// Howard Hinnant's days_from_civil algorithm, written out from its published description.
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t year_of_era = y - era * 400;
  const std::int64_t day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

static bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::optional<UnixTime> make_utc_time(int year, int month, int day, int hour, int minute,
                                      int second) {
  static const int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60) {
    return std::nullopt;
  }
  const int month_days = kDaysInMonth[month - 1] + (month == 2 && is_leap(year) ? 1 : 0);
  if (day > month_days) return std::nullopt;
  if (second == 60) second = 59;  // a leap second is the last second of its minute to us
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

CivilTime civil_time(UnixTime t) {
  std::int64_t days = t / 86400;
  std::int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    days -= 1;
  }
  // civil_from_days, the inverse of days_from_civil.
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {y,
          static_cast<int>(m),
          static_cast<int>(d),
          static_cast<int>(secs / 3600),
          static_cast<int>(secs / 60 % 60),
          static_cast<int>(secs % 60)};
}

namespace {

/// Appends `value` (0-99) as two digits.
void append_two_digits(std::string& out, int value) {
  out += static_cast<char>('0' + value / 10);
  out += static_cast<char>('0' + value % 10);
}

}  // namespace

std::string format_year(std::int64_t year) {
  if (year >= 0 && year <= 9999) {
    // Written by hand: every node on every page shows a date, and snprintf is slow.
    const int y = static_cast<int>(year);
    std::string out;
    append_two_digits(out, y / 100);
    append_two_digits(out, y % 100);
    return out;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld", static_cast<long long>(year));
  return buffer;
}

std::string format_rfc3339(UnixTime t) {
  const CivilTime time = civil_time(t);
  std::string out = format_year(time.year);
  out.reserve(out.size() + 16);
  out += '-';
  append_two_digits(out, time.month);
  out += '-';
  append_two_digits(out, time.day);
  out += 'T';
  append_two_digits(out, time.hour);
  out += ':';
  append_two_digits(out, time.minute);
  out += ':';
  append_two_digits(out, time.second);
  out += 'Z';
  return out;
}

std::optional<UnixTime> parse_rfc3339(const std::string& text) {
  int year, month, day, hour, minute, second, consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return std::nullopt;
  }
  auto base = make_utc_time(year, month, day, hour, minute, second);
  if (!base) return std::nullopt;
  std::size_t pos = static_cast<std::size_t>(consumed);
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
  }
  const std::string zone = text.substr(pos);
  if (zone == "Z" || zone == "z") return base;
  int zone_hours, zone_minutes;
  char sign;
  if (zone.size() == 6 &&
      std::sscanf(zone.c_str(), "%c%2d:%2d", &sign, &zone_hours, &zone_minutes) == 3 &&
      (sign == '+' || sign == '-')) {
    const int offset = (zone_hours * 60 + zone_minutes) * 60;
    return sign == '+' ? *base - offset : *base + offset;
  }
  return std::nullopt;
}

}  // namespace confab
