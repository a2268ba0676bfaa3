// Text and markup out of pugixml elements, the way feed fields need them.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace confab {

/// All text inside `element` (text and CDATA of every descendant), surrounding whitespace
/// trimmed.
std::string element_text(pugi::xml_node element);

/// element_text without a copy in the common case (a single text child): a view into the
/// parsed document, or into `storage` when the text had to be gathered from several nodes.
/// Valid while both live; for fields that are only looked at (dates, counts, URLs to resolve).
std::string_view element_text_view(pugi::xml_node element, std::string& storage);

/// Text meant as plain text (a title, a name, a category). Like element_text, except that
/// references in CDATA sections are decoded: generators put HTML-escaped names in CDATA
/// ("<![CDATA[Crumb Theory &#187; Post]]>"), which readers show as the character.
std::string plain_text(pugi::xml_node element);

/// The children of `element` written as HTML: elements by local name (an XHTML prefix
/// dropped), namespace declarations left out, void elements without end tags, text escaped.
std::string inner_html(pugi::xml_node element);

/// The HTML an RSS description or content element carries: its text (HTML escaped as XML
/// text or CDATA), or, when a generator wrote the HTML unescaped as child elements, those
/// elements written back as HTML.
std::string embedded_html(pugi::xml_node element);

/// `text` with &, <, > and " escaped for HTML.
std::string escape_html(std::string_view text);

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim_ascii(std::string_view text);

}  // namespace confab
