// The two ways sanitize_html (render.h) can get its answer, exposed for the tests and the
// differential fuzzer that prove they agree. Not part of the render stage's face.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// The reference path: parse as a browser would (gumbo), write back from the allowlist. Handles
/// any input; its output is what sanitize_html returns. `capped`, when given, is set to whether
/// the HTML nested deeper than the nesting cap (parse/html_nesting.h) and was flattened.
std::string sanitize_html_with_gumbo(const std::string& html, const std::string& base_url,
                                     bool* capped = nullptr);

/// The fast path for the common tiny comment: plain text (strict UTF-8, no control characters but
/// tab and newline), a few exact character references, only <p> <br> <em> <strong> <b> <i> written
/// exactly so (lowercase, no attributes), and links written exactly as <a href="VALUE"> (a value
/// without '&' or control characters), all strictly nested so that the HTML parser keeps them as
/// written. Returns exactly what sanitize_html_with_gumbo(html, base_url) returns for such input,
/// and nullopt for anything else (the caller then takes the gumbo path), including a link whose
/// URL safe_link_url refuses against `base_url` (the gumbo path unwraps it).
std::optional<std::string> sanitize_simple_html(std::string_view html, std::string_view base_url);

}  // namespace confab
