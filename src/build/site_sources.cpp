#include "build/site_sources.h"

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "base/version.h"
#include "build/default_theme.h"
#include "build/site_file_error.h"
#include "config/theme_manifest.h"

namespace confab {

namespace fs = std::filesystem;

namespace {

/// A theme's manifest, beside its folders.
constexpr const char* kManifest = "theme.toml";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SiteFileError(path.string() + ": cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Every regular file under `dir`, keyed by its path relative to `dir` (with '/' separators).
void read_tree(const fs::path& dir, std::map<std::string, std::string>& into) {
  if (!fs::is_directory(dir)) return;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    into[fs::relative(entry.path(), dir).generic_string()] = read_file(entry.path());
  }
}

/// Puts a file of the built-in theme, by its path in the theme ("templates/index.html"), where
/// a theme on disk would put it; the others (its README, its manifest) are not for rendering.
void add_embedded_file(Theme& theme, std::map<std::string, std::string>& i18n_files,
                       std::string_view path, std::string_view bytes) {
  const std::pair<std::string_view, std::map<std::string, std::string>*> folders[] = {
      {"templates/", &theme.templates}, {"static/", &theme.static_files}, {"i18n/", &i18n_files}};
  for (const auto& [folder, files] : folders) {
    if (path.starts_with(folder)) (*files)[std::string(path.substr(folder.size()))] = bytes;
  }
}

/// Reads a theme's manifest, when it has one, and fails if the theme needs a newer confab.
/// `file` names the manifest in errors, `fallback_name` the theme when the manifest does not.
void check_manifest(std::optional<std::string> text, const std::string& file,
                    const std::string& fallback_name) {
  if (!text) return;
  ThemeManifest manifest;
  try {
    manifest = read_theme_manifest(*text, file);
  } catch (const ConfigError& error) {
    throw SiteFileError(error.what());  // located in the theme, not in site.toml
  }
  const std::string name = manifest.name.empty() ? fallback_name : manifest.name;
  if (!manifest.min_confab_version.empty() &&
      !version_at_least(confab_version(), manifest.min_confab_version)) {
    throw SiteFileError(file + ": the theme '" + name + "' needs confab " +
                        manifest.min_confab_version + " or newer; this is confab " +
                        std::string(confab_version()));
  }
}

}  // namespace

Theme load_theme(const SiteConfig& config) {
  // One name for the folder in a theme and in a site; a site written for the old name would
  // otherwise lose its overrides without a word.
  if (fs::is_directory(config.root / "layouts")) {
    throw SiteFileError((config.root / "layouts").string() +
                        ": a site's templates now go in templates/ (the name a theme uses): "
                        "rename layouts/ to templates/");
  }
  const fs::path theme_dir = config.root / "themes" / config.site.theme;
  const bool on_disk = fs::is_directory(theme_dir / "templates");
  if (!on_disk && config.site.theme != kBuiltInTheme) {
    throw SiteFileError(config.file.string() + ": theme '" + config.site.theme +
                        "' not found (expected " + (theme_dir / "templates").string() + ")");
  }
  Theme theme;
  std::map<std::string, std::string> i18n_files;  // "fr.toml" -> text; the site's win
  if (on_disk) {
    const fs::path manifest = theme_dir / kManifest;
    check_manifest(fs::exists(manifest) ? std::optional(read_file(manifest)) : std::nullopt,
                   manifest.string(), config.site.theme);
    read_tree(theme_dir / "templates", theme.templates);
    read_tree(theme_dir / "static", theme.static_files);
    read_tree(theme_dir / "i18n", i18n_files);
  } else {
    for (const EmbeddedFile& file : default_theme_files()) {
      if (file.path == kManifest) {
        check_manifest(std::string(file.bytes), "built-in theme " + std::string(kManifest),
                       kBuiltInTheme);
      }
      add_embedded_file(theme, i18n_files, file.path, file.bytes);
    }
  }
  // The site's own files win.
  read_tree(config.root / "templates", theme.templates);
  read_tree(config.root / "static", theme.static_files);
  read_tree(config.root / "i18n", i18n_files);
  for (auto& [name, text] : i18n_files) {
    if (name.ends_with(".toml")) theme.i18n[name.substr(0, name.size() - 5)] = std::move(text);
  }
  return theme;
}

std::vector<ContentFile> load_content(const SiteConfig& config) {
  std::map<std::string, std::string> files;
  read_tree(config.root / "content", files);
  std::vector<ContentFile> content;
  for (auto& [path, text] : files) {
    if (fs::path(path).extension() == ".md") content.push_back({path, std::move(text)});
  }
  return content;
}

}  // namespace confab
