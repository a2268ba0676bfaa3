#include "config/config.h"

namespace confab {
namespace {

std::filesystem::path resolve_against(const std::filesystem::path& root, const std::string& path) {
  if (path.empty()) return {};
  const std::filesystem::path given(path);
  if (given.is_absolute()) return given;
  return (root / given).lexically_normal();
}

}  // namespace

std::filesystem::path SiteConfig::replay_dir() const {
  return resolve_against(root, fetch.replay);
}

std::filesystem::path SiteConfig::output_dir() const {
  return resolve_against(root, site.output);
}

std::filesystem::path SiteConfig::archive_file() const {
  return resolve_against(root, archive.path);
}

}  // namespace confab
