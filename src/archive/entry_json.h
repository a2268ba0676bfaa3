// parse's Entry as compact JSON, the form the archive stores and exports. Lossless both ways.
#pragma once

#include <memory>
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

/// Reads entries back from what entry_to_json wrote, with simdjson, straight into Entry fields:
/// the archive reads every entry back on each build (and an import reads each the same way),
/// and simdjson reads them about eight times as fast as nlohmann's parser did (BENCHMARKS.md).
/// A reader keeps its buffers from one entry to the next: give each thread its own.
class EntryJsonReader {
 public:
  EntryJsonReader();
  ~EntryJsonReader();
  EntryJsonReader(EntryJsonReader&&) noexcept;
  EntryJsonReader& operator=(EntryJsonReader&&) noexcept;

  /// The Entry in `text`. Keys it does not know are skipped whatever they hold; null leaves a
  /// field empty. Throws EntryJsonError on malformed JSON or a value of the wrong shape.
  Entry read(std::string_view text);

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

/// EntryJsonReader::read with a reader of its own.
Entry entry_from_json_text(std::string_view text);

/// A stable hash of every field of the entry (hex): equal entries, equal fingerprints. Cheaper
/// than serialising, so a merge compares an unchanged entry without building its JSON.
std::string entry_fingerprint(const Entry& entry);

/// Serialises JSON the same way everywhere (invalid UTF-8 replaced, never thrown).
std::string dump_json(const nlohmann::json& json);

}  // namespace confab
