// Small text helpers every stage needs.
#pragma once

#include <string_view>

namespace confab {

/// `text` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
std::string_view trim_space(std::string_view text);

}  // namespace confab
