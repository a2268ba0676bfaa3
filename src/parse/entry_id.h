// Entry identity: every entry needs a stable id, even when its feed gives none.
#pragma once

#include <string>

#include "parse/feed.h"

namespace confab {

/// "urn:confab:fnv1a64:<16 hex digits>" of the entry's title and content (its summary when it
/// has no content): the same text always yields the same id, across runs and machines.
std::string content_hash_id(const Entry& entry);

/// Leaves a given id alone; else uses the link; else content_hash_id.
void assign_entry_id(Entry& entry);

}  // namespace confab
