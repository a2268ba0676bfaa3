// What `confab init` writes: a new campaign site that builds as it is.
#pragma once

#include <string>
#include <vector>

namespace confab {

struct TemplateFile {
  std::string path;  ///< relative to the new site's folder
  std::string text;
};

/// site.toml with `title` set and every other key shown, commented out, with its default and
/// what it does. Lines "# key = value" and "# [table]" are valid TOML once uncommented.
std::string init_site_toml(const std::string& title);

/// The GitHub Actions workflow publishing the hub on Pages (.github/workflows/confab.yml). The
/// same file publishes confab's own demo: it builds confab from this repository when it is
/// confab's source, else from a clone.
std::string init_workflow();

/// Every file of a new site except the theme: site.toml, content/_index.md, .gitignore and the
/// workflow.
std::vector<TemplateFile> init_site_files(const std::string& title);

}  // namespace confab
