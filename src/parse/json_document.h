// JSON from outside (JSON Feed today, platform APIs later), read with a depth cap: the parser
// itself is iterative, but every reader of the tree walks it, and a hostile document can nest a
// million levels in a few megabytes (issue 13).
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace confab {

/// Far deeper than any feed or platform answer confab reads (a reply tree of an API nests a
/// handful of JSON levels per reply level), far shallower than any stack.
inline constexpr std::size_t kJsonNestingCap = 512;

struct JsonDocument {
  /// The document; is_discarded() when the text is not JSON.
  nlohmann::json root;
  /// True when objects or arrays nested deeper than the cap were left out of `root`.
  bool capped = false;
};

/// Parses `text`, leaving out every object or array that would open at depth `max_depth` or
/// deeper (the root is at depth 0), with everything inside it; the rest is read as usual.
JsonDocument read_json_document(std::string_view text, std::size_t max_depth = kJsonNestingCap);

}  // namespace confab
