#include "base/version.h"

#include <array>
#include <cstdint>

#ifndef CONFAB_VERSION
#error "CONFAB_VERSION comes from CMakeLists.txt's project version"
#endif

namespace confab {
namespace {

constexpr std::size_t kParts = 3;

/// The numbers of a version, missing parts 0; nothing when `text` is not one.
bool parse_version(std::string_view text, std::array<std::uint64_t, kParts>& parts) {
  parts = {};
  std::size_t part = 0;
  bool digits = false;
  for (const char c : text) {
    if (c == '.') {
      if (!digits || ++part == kParts) return false;
      digits = false;
    } else if (c >= '0' && c <= '9') {
      if (parts[part] > (UINT64_MAX - 9) / 10) return false;  // no version is that long
      parts[part] = parts[part] * 10 + static_cast<std::uint64_t>(c - '0');
      digits = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

std::string_view confab_version() {
  return CONFAB_VERSION;
}

bool is_version(std::string_view text) {
  std::array<std::uint64_t, kParts> parts;
  return parse_version(text, parts);
}

bool version_at_least(std::string_view have, std::string_view need) {
  std::array<std::uint64_t, kParts> have_parts, need_parts;
  parse_version(have, have_parts);
  parse_version(need, need_parts);
  return have_parts >= need_parts;
}

}  // namespace confab
