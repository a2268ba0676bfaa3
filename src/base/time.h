// Points in time as the whole pipeline carries them: seconds since the Unix epoch, UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace confab {

/// Seconds since 1970-01-01T00:00:00Z. Feeds rarely carry sub-second precision that matters to
/// a conversation, so whole seconds keep comparisons and sorting exact.
using UnixTime = std::int64_t;

/// Builds a UnixTime from calendar fields given in UTC; nullopt if a field is out of range.
std::optional<UnixTime> make_utc_time(int year, int month, int day, int hour, int minute,
                                      int second);

/// A UnixTime's calendar fields in UTC (proleptic Gregorian).
struct CivilTime {
  std::int64_t year;
  int month, day, hour, minute, second;
};
CivilTime civil_time(UnixTime t);

/// The year as format_rfc3339 writes it: at least four digits, "-" before a negative one.
std::string format_year(std::int64_t year);

/// "2009-05-06T19:30:00Z": RFC 3339 in UTC, the form every output of confab uses.
std::string format_rfc3339(UnixTime t);

/// Parses exactly the RFC 3339 form format_rfc3339 writes (and offsets like +02:00).
std::optional<UnixTime> parse_rfc3339(const std::string& text);

}  // namespace confab
