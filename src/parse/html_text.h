// Plain text of an HTML fragment: what a reader sees, for matching keywords and judging spam.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// The visible text of `html` (entities decoded, tags removed, whitespace collapsed to single
/// spaces, script/style content dropped). Block elements separate words; inline ones (b, em,
/// a, span...) do not.
std::string html_to_text(const std::string& html);

/// `text` with each run of HTML white space made one space, and none at either end: text as a
/// browser lays it out.
std::string collapse_whitespace(std::string_view text);

}  // namespace confab
