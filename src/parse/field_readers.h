// Small readers shared by the RSS, Atom and JSON Feed parsers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/feed.h"

namespace confab {

/// Problems found while reading one entry, reported once the entry can be named.
struct EntryProblems {
  std::vector<std::string> messages;
};

/// parse_date, recording `text` as a problem when it is not empty and not a date.
std::optional<UnixTime> read_date(std::string_view text, std::string_view field,
                                  EntryProblems& problems);

/// An RSS person: "bob@example.com (Bob Smith)", "Bob Smith (bob@example.com)",
/// "Bob Smith <bob@example.com>", "Bob Smith", a bare address or a mailto: link, split into
/// name and email.
Author parse_rss_person(std::string_view text);

/// A language tag as BCP 47 writes it: "en_US" and "EN-us" become "en-US"; "" stays "".
std::string normalize_language(std::string_view tag);

/// Gives the entry its id (see assign_entry_id) and turns its problems into warnings that
/// name it.
void finish_entry(Entry& entry, const EntryProblems& problems, std::vector<std::string>& warnings);

/// Parses a decimal count ("12", " 3 "); nullopt for anything else.
std::optional<int> parse_count(std::string_view text);

/// parse_count for a size in bytes (an enclosure's length), which may pass 2 GB.
std::optional<long long> parse_byte_count(std::string_view text);

}  // namespace confab
