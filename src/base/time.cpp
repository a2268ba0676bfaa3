#include "base/time.h"

#include <chrono>
#include <cstdio>

namespace confab {

namespace {

namespace chrono = std::chrono;

constexpr std::int64_t kSecondsPerDay = 86400;

// chrono's calendar spans the years -32767..32767. The Gregorian calendar repeats itself every
// 400 years, which are 146,097 days, so a date outside that span is moved by whole cycles into
// it and back: every UnixTime keeps its calendar fields, however far out.
constexpr int kCycleYears = 400;
constexpr std::int64_t kCycleDays = 146097;
constexpr std::int64_t kFirstDay =
    chrono::sys_days{chrono::year::min() / 1 / 1}.time_since_epoch().count();
constexpr std::int64_t kLastDay =
    chrono::sys_days{chrono::year::max() / 12 / 31}.time_since_epoch().count();

/// How many whole cycles to take off `value` to bring it into [0, cycle).
constexpr std::int64_t cycles_in(std::int64_t value, std::int64_t cycle) {
  return value / cycle - (value % cycle < 0 ? 1 : 0);
}

}  // namespace

std::optional<UnixTime> make_utc_time(int year, int month, int day, int hour, int minute,
                                      int second) {
  // chrono's month and day hold a byte: out-of-range numbers must not reach them.
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::int64_t cycles = 0;
  if (year < static_cast<int>(chrono::year::min()) ||
      year > static_cast<int>(chrono::year::max())) {
    cycles = cycles_in(year, kCycleYears);
  }
  const chrono::year_month_day date{chrono::year{static_cast<int>(year - cycles * kCycleYears)},
                                    chrono::month{static_cast<unsigned>(month)},
                                    chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;  // the 31st of a short month, February 29th of 2009
  if (second == 60) second = 59;        // a leap second is the last second of its minute to us
  const std::int64_t days = chrono::sys_days{date}.time_since_epoch().count() + cycles * kCycleDays;
  return days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
}

CivilTime civil_time(UnixTime t) {
  // The day and the second in it, split without multiplying back (no overflow at any t).
  std::int64_t days = t / kSecondsPerDay;
  std::int64_t seconds = t % kSecondsPerDay;
  if (seconds < 0) {
    seconds += kSecondsPerDay;
    days -= 1;
  }
  std::int64_t cycles = 0;
  if (days < kFirstDay || days > kLastDay) {
    cycles = cycles_in(days, kCycleDays);
    days -= cycles * kCycleDays;
  }
  const chrono::year_month_day date{chrono::sys_days{chrono::days{days}}};
  return {static_cast<int>(date.year()) + cycles * kCycleYears,
          static_cast<int>(static_cast<unsigned>(date.month())),
          static_cast<int>(static_cast<unsigned>(date.day())),
          static_cast<int>(seconds / 3600),
          static_cast<int>(seconds / 60 % 60),
          static_cast<int>(seconds % 60)};
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
