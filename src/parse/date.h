// Dates as feeds write them: RFC 822 and its real-world variants, RFC 3339, W3CDTF, ISO 8601.
#pragma once

#include <optional>
#include <string_view>

#include "base/time.h"

namespace confab {

/// Parses a feed date liberally: RFC 822/1123/850 (optional day name, two-digit years, missing
/// seconds, named zones, "GMT+2", numeric offsets), asctime, RFC 3339/W3CDTF (fractions,
/// date-only, year-month, year) and ISO 8601 variants (space for 'T', offsets without colon).
/// A date without a zone is taken as UTC. nullopt when the text is not a date we understand.
std::optional<UnixTime> parse_date(std::string_view text);

}  // namespace confab
