// What a build reads of the site itself: the theme, with the site's overrides, and the content
// pages. Render does no I/O; these hand it the files.
#pragma once

#include <vector>

#include "build/site_file_error.h"
#include "config/config.h"
#include "render/render.h"

namespace confab {

/// The theme compiled into confab (themes/default/ of its source), used when a site names it
/// and has no themes/default/ of its own.
inline constexpr const char* kBuiltInTheme = "default";

/// The theme named in site.toml: the site's themes/NAME/ (templates/, static/, i18n/), else for
/// "default" the built-in theme. The site's own templates/, static/ and i18n/ override the
/// theme's files of the same name, Hugo- and Zola-style. Throws SiteFileError when the theme is
/// missing, when its theme.toml is malformed (FILE:LINE:COL) or asks for a newer confab, or when
/// the site still has a layouts/ folder (the old name of its templates/).
Theme load_theme(const SiteConfig& config);

/// Every content/*.md (recursively) with its path relative to content/, sorted by path.
std::vector<ContentFile> load_content(const SiteConfig& config);

}  // namespace confab
