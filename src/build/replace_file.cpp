#include "build/replace_file.h"

#include <cerrno>
#include <fstream>
#include <system_error>

#include "build/site_file_error.h"

namespace confab {

void replace_file(const std::filesystem::path& file,
                  const std::function<void(std::ostream&)>& write) {
  const std::filesystem::path temporary = std::filesystem::path(file).concat(".tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    write(out);
    if (!out.flush()) {
      throw SiteFileError(file.string() +
                          ": cannot write: " + std::generic_category().message(errno));
    }
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace confab
