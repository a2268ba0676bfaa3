// The default theme, embedded in the binary at build time (cmake/embed_theme.cmake), so
// `confab init` can give a new site a theme wherever confab is installed.
#pragma once

#include <string_view>
#include <vector>

namespace confab {

struct EmbeddedFile {
  std::string_view path;  ///< relative to themes/default/, e.g. "templates/index.html"
  std::string_view bytes;
};

/// Every file of themes/default/, sorted by path.
std::vector<EmbeddedFile> default_theme_files();

}  // namespace confab
