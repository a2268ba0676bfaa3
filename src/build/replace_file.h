// Replacing a file whole: what the build keeps between runs (the output's listings and key, the
// kept conversation) is written aside and renamed over the old file, so a reader sees the old
// file or the new one, never half of either.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>

namespace confab {

/// Replaces `file` with what `write` puts in it, written to "<file>.tmp" then renamed (one name:
/// a build killed meanwhile leaves one stale file, which the next write overwrites). Throws
/// SiteFileError naming the file when it cannot be written, std::filesystem::filesystem_error
/// when it cannot be renamed.
void replace_file(const std::filesystem::path& file,
                  const std::function<void(std::ostream&)>& write);

}  // namespace confab
