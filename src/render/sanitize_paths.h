// The two ways sanitize_html (render.h) can get its answer, exposed for the tests and the
// differential fuzzer that prove they agree. Not part of the render stage's face.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace confab {

/// The reference path: parse as a browser would (gumbo), write back from the allowlist. Handles
/// any input; its output is what sanitize_html returns.
std::string sanitize_html_with_gumbo(const std::string& html, const std::string& base_url);

/// The fast path for the common tiny comment: plain text (strict UTF-8, no control characters but
/// tab and newline), a few exact character references, and only <p> <br> <em> <strong> <b> <i>
/// written exactly so (lowercase, no attributes) and strictly nested so that the HTML parser keeps
/// them as written. Returns exactly what sanitize_html_with_gumbo returns for such input, and
/// nullopt for anything else (the caller then takes the gumbo path). No URLs are involved, so no
/// base URL is needed.
std::optional<std::string> sanitize_simple_html(std::string_view html);

}  // namespace confab
