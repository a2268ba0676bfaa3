// A theme's manifest, theme.toml: what the theme is and the oldest confab it works with.
#pragma once

#include <string>
#include <string_view>

namespace confab {

struct ThemeManifest {
  std::string name;                ///< "" when the manifest gives none
  std::string description;         ///< one line, for people choosing a theme
  std::string min_confab_version;  ///< "0.1.0"; "" when any confab will do
};

/// Parses theme.toml text; `file` names it in errors. Keys other than these three (author,
/// license, homepage…) are allowed and ignored. Throws ConfigError ("FILE:LINE:COL: message") on
/// a syntax error, a value that is not a string, or a min_confab_version that is not a version
/// ("1", "0.2", "0.1.0").
ThemeManifest read_theme_manifest(std::string_view text, const std::string& file);

}  // namespace confab
