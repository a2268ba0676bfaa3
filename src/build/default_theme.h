// The default theme, embedded in the binary at build time (cmake/embed_theme.cmake), so a site
// with no theme of its own renders wherever confab is installed, and `confab theme eject` can
// write it out.
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
