// The build's file I/O: reading the theme and content a site has, writing the output atomically.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <vector>

#include "config/config.h"
#include "render/render.h"

namespace confab {

/// A file the build could not read or write; what() names it.
struct SiteFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The theme named in site.toml (themes/NAME/templates and static), with the site's layouts/
/// folder overriding templates of the same name, Hugo- and Zola-style.
Theme load_theme(const SiteConfig& config);

/// Every content/*.md (recursively) with its path relative to content/, sorted by path.
std::vector<ContentFile> load_content(const SiteConfig& config);

/// Writes the files into a fresh temporary folder beside `output`, then swaps it in, so a
/// failed build leaves the previous output untouched. Refuses paths that would leave `output`.
void write_output_atomically(const std::filesystem::path& output,
                             const std::vector<OutputFile>& files);

}  // namespace confab
