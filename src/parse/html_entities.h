// HTML's named character references, for feeds that use them where XML does not define them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// The code point of an HTML 4 named entity ("nbsp" -> U+00A0), plus XML's "apos".
/// Case-sensitive, as in HTML ("Eacute" and "eacute" differ).
std::optional<char32_t> html_entity_code_point(std::string_view name);

/// Decodes named and numeric character references in HTML text (an attribute value, a title
/// given as escaped HTML). Unknown references are kept as written.
std::string decode_html_entities(std::string_view text);

}  // namespace confab
