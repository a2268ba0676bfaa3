#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/config.h"

namespace confab {

SiteConfig load_config(const std::filesystem::path& file) {
  const auto cannot_read = [&file](int error_number) {
    return ConfigError(file.string(), 0, 0,
                       "cannot read: " + std::generic_category().message(error_number));
  };
  // A directory opens fine as a stream on Linux and only fails on reading; say so plainly.
  std::error_code ignored;
  if (std::filesystem::is_directory(file, ignored)) throw cannot_read(EISDIR);

  errno = 0;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw cannot_read(errno != 0 ? errno : ENOENT);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw cannot_read(errno != 0 ? errno : EIO);
  return parse_config(text.str(), file);
}

}  // namespace confab
