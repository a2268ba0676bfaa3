// Escaping text for the two places it lands in HTML and XML: element content and quoted
// attribute values. Every stage that writes markup uses these.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// Appends `text` as element content: & < > become entities.
void append_escaped_text(std::string& out, std::string_view text);

/// Appends `text` for use inside a double-quoted attribute value: & < > " ' become entities.
void append_escaped_attribute(std::string& out, std::string_view text);

}  // namespace confab
