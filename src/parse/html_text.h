// Plain text of an HTML fragment: what a reader sees, for matching keywords and judging spam.
#pragma once

#include <string>

namespace confab {

/// The visible text of `html` (entities decoded, tags removed, whitespace collapsed to single
/// spaces, script/style content dropped). Block elements separate words.
std::string html_to_text(const std::string& html);

}  // namespace confab
