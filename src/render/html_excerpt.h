// A short plain-text glimpse of an HTML fragment, for places that show a line, not the content.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace confab {

/// The text of `html` with whitespace collapsed, cut at a word boundary to at most `max_chars`
/// characters (UTF-8 code points) plus "…" when cut. Give it sanitized HTML: it keeps the text
/// of every element, script or not.
std::string html_excerpt(const std::string& html, std::size_t max_chars);

/// The same cut for text that is already plain (Node::text).
std::string text_excerpt(std::string_view plain_text, std::size_t max_chars);

}  // namespace confab
