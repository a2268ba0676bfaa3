// Replay snapshots: recorded HTTP responses on disk, so builds and tests never need the network.
//
// Layout: DIR/index.tsv maps each URL to a file ("URL<TAB>FILE", '#' comments); each FILE is a raw
// response: status line, header lines, an empty line, then the body bytes verbatim.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "fetch/fetch.h"

namespace confab {

/// Parses one recorded response (status line, headers, blank line, body). Throws
/// std::runtime_error naming `origin` when the status line is malformed.
FetchResult parse_recorded_response(const std::string& bytes, const std::string& origin);

/// Serialises a response in the recorded form parse_recorded_response reads.
std::string format_recorded_response(const FetchResult& result);

/// Reads DIR/index.tsv: URL -> file path (absolute). Throws std::runtime_error naming the line of
/// a malformed entry; a missing index is an empty snapshot.
std::map<std::string, std::filesystem::path> read_snapshot_index(const std::filesystem::path& dir);

/// A file name for a URL inside a snapshot: "<host>/<readable path>-<hash>.http".
std::string snapshot_file_name(const std::string& url);

}  // namespace confab
