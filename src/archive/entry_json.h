// parse's Entry as compact JSON, the form the archive stores and exports. Lossless both ways.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "parse/feed.h"

namespace confab {

nlohmann::json entry_to_json(const Entry& entry);
/// Throws nlohmann::json::exception on a malformed value.
Entry entry_from_json(const nlohmann::json& json);

/// A stable hash of every field of the entry (hex): equal entries, equal fingerprints. Cheaper
/// than serialising, so a merge compares an unchanged entry without building its JSON.
std::string entry_fingerprint(const Entry& entry);

/// Serialises JSON the same way everywhere (invalid UTF-8 replaced, never thrown).
std::string dump_json(const nlohmann::json& json);

}  // namespace confab
