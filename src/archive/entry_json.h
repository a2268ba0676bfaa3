// parse's Entry as compact JSON, the form the archive stores and exports. Lossless both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "parse/feed.h"

namespace confab {

nlohmann::json entry_to_json(const Entry& entry);

/// An archived entry's JSON text that cannot be read back.
class EntryJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The Entry that entry_to_json wrote as `text`, read straight from the parser's events without
/// a JSON tree (three times faster: the archive reads every entry back on each build, and an
/// import reads each the same way). Keys it does not know are skipped. Throws EntryJsonError on
/// malformed JSON or a value of the wrong shape.
Entry entry_from_json_text(std::string_view text);

/// A stable hash of every field of the entry (hex): equal entries, equal fingerprints. Cheaper
/// than serialising, so a merge compares an unchanged entry without building its JSON.
std::string entry_fingerprint(const Entry& entry);

/// Serialises JSON the same way everywhere (invalid UTF-8 replaced, never thrown).
std::string dump_json(const nlohmann::json& json);

}  // namespace confab
