// The error of a build's own file I/O (theme, content, output).
#pragma once

#include <stdexcept>

namespace confab {

/// A file the build could not read or write; what() names it.
struct SiteFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace confab
