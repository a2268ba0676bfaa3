// libFuzzer target: arbitrary text as a feed date. Any answer is fine; a crash, a hang or a
// sanitizer report (overflow in a field, an out-of-range read) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parse/date.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)confab::parse_date(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
