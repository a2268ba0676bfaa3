// `confab inspect`'s JSON: the stable schema of a parsed feed (see README).
#pragma once

#include <string>

#include "parse/feed.h"

namespace confab {

/// Serialises a feed to the inspect schema, pretty-printed, keys in schema order.
std::string feed_to_inspect_json(const Feed& feed);

}  // namespace confab
