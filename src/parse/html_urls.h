// Relative links inside feed HTML, made absolute so the HTML still works on another site.
#pragma once

#include <string>
#include <string_view>

namespace confab {

/// Rewrites relative URLs in the URL-valued attributes of `html` (href, src, srcset, cite,
/// poster, action, longdesc, background, data, formaction, usemap) against `base`.
///
/// A careful attribute scan rather than gumbo: the feed's HTML stays byte for byte as given
/// except for the rewritten values, so render's sanitizer sees what the author wrote, and the
/// scan costs far less than building a tree. Comments and script/style contents are skipped;
/// values are entity-decoded before resolving and escaped again when written. Takes the HTML
/// by value and hands it back untouched (no copy) when nothing is relative.
std::string absolutize_html_urls(std::string html, std::string_view base);

}  // namespace confab
