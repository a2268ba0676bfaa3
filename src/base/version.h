// confab's own version, and comparing versions written "MAJOR.MINOR.PATCH".
#pragma once

#include <string_view>

namespace confab {

/// This confab's version: CMakeLists.txt's project version ("0.1.0").
std::string_view confab_version();

/// Whether `text` is a version: one to three dot-separated numbers ("1", "0.2", "0.1.0").
bool is_version(std::string_view text);

/// Whether version `have` is `need` or newer, part by part as numbers (a missing part is 0, so
/// "0.2" is "0.2.0"). Both must be versions (is_version).
bool version_at_least(std::string_view have, std::string_view need);

}  // namespace confab
