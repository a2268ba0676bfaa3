// libFuzzer target: arbitrary text as site.toml. The one documented answer to a bad file is a
// ConfigError located FILE:LINE:COL; any other exception, crash, hang or sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)confab::parse_config(text, "/sites/hub/site.toml");
  } catch (const confab::ConfigError& error) {
    // Every error names the file and a position in it.
    if (error.file != "/sites/hub/site.toml" || error.line < 0 || error.column < 0) std::abort();
  }
  return 0;
}
