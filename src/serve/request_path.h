// Maps a request's path to a file inside the served folder, refusing anything that could leave it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// The file `decoded_path` (an HTTP request path, percent-decoding already done) names under
/// `root`, or nullopt when it must not be served: a ".." segment, a backslash, a NUL or other
/// control character, a path not starting with '/', or one that resolves (through symlinks)
/// outside `root`. Empty and "." segments are skipped, so "//etc/passwd" stays inside `root`.
/// The file need not exist.
std::optional<std::filesystem::path> file_for_request(const std::filesystem::path& root,
                                                      std::string_view decoded_path);

/// Percent-encodes one path segment for a Location header (RFC 3986 unreserved kept as is).
std::string encode_path_segment(std::string_view segment);

}  // namespace confab
