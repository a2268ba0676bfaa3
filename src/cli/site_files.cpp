#include "cli/site_files.h"

#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

namespace confab {

namespace fs = std::filesystem;

namespace {

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

bool is_safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == ".") return false;
  }
  return true;
}

}  // namespace

Theme load_theme(const SiteConfig& config) {
  const fs::path theme_dir = config.root / "themes" / config.site.theme;
  if (!fs::is_directory(theme_dir / "templates")) {
    throw SiteFileError(config.file.string() + ": theme '" + config.site.theme +
                        "' not found (expected " + (theme_dir / "templates").string() + ")");
  }
  Theme theme;
  read_tree(theme_dir / "templates", theme.templates);
  read_tree(config.root / "layouts", theme.templates);  // the site's own files win
  read_tree(theme_dir / "static", theme.static_files);
  read_tree(config.root / "static", theme.static_files);
  std::map<std::string, std::string> i18n_files;  // "fr.toml" -> text; the site's win
  read_tree(theme_dir / "i18n", i18n_files);
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

void write_output_atomically(const fs::path& output, const std::vector<OutputFile>& files) {
  const fs::path target = fs::absolute(output).lexically_normal();
  const fs::path parent = target.parent_path();
  const std::string suffix = "." + std::to_string(getpid());
  const fs::path staging = parent / ("." + target.filename().string() + ".new" + suffix);
  const fs::path previous = parent / ("." + target.filename().string() + ".old" + suffix);
  try {
    fs::create_directories(parent);
    fs::remove_all(staging);
    fs::create_directories(staging);
    for (const auto& file : files) {
      if (!is_safe_relative(file.path)) {
        throw SiteFileError("refusing to write '" + file.path + "': outside the output folder");
      }
      const fs::path path = staging / file.path;
      fs::create_directories(path.parent_path());
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(file.bytes.data(), static_cast<std::streamsize>(file.bytes.size()));
      if (!out) throw SiteFileError(path.string() + ": cannot write");
    }
    // Two renames: the old output exists until the new one is in place.
    if (fs::exists(target)) fs::rename(target, previous);
    fs::rename(staging, target);
    fs::remove_all(previous);
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    if (!fs::exists(target, ignored) && fs::exists(previous, ignored)) {
      fs::rename(previous, target, ignored);
    }
    throw SiteFileError(target.string() + ": cannot write output: " + error.what());
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    throw;
  }
}

}  // namespace confab
