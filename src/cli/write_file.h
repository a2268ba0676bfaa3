// Writing a new site's files (init, theme eject).
#pragma once

#include <filesystem>
#include <string_view>

namespace confab {

/// Writes `bytes` to `path`, creating its folders, replacing a file already there. Throws
/// std::runtime_error naming the file when it cannot.
void write_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace confab
