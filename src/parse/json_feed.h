// JSON Feed 1.0 and 1.1 (jsonfeed.org).
#pragma once

#include <string>
#include <string_view>

#include "parse/feed.h"

namespace confab {

/// Parses `text` as a JSON Feed. Throws ParseError (naming `url`) when it is not JSON, or is
/// JSON without a JSON Feed version. Relative URLs resolve against `url`.
Feed read_json_feed(std::string_view text, const std::string& url);

}  // namespace confab
