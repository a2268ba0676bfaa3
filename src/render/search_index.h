// The hub's offline search: every shown post, comment, mention and person as one small JSON
// file (search.json) that search.js reads and matches in the reader's browser, no server.
#pragma once

#include <string>

#include "render/render.h"
#include "render/site_model.h"

namespace confab {

/// Characters of a node's text a search result shows (kSearchSnippetChars code points, then "…").
inline constexpr std::size_t kSearchSnippetChars = 160;
/// Bytes of folded text a document is matched on: keeps search.json small on long posts.
inline constexpr std::size_t kSearchFoldedBytes = 2000;

/// search.json, compact: {"version":1,"documents":[…]}. One document per node the hub shows
/// (spam excluded; display().threads order, each thread root first, replies depth first in
/// display order), then one per person (people_by_activity() order). Each document is
/// {"k","t","a","b","u","d","s","f"}: kind ("post", "comment", "mention", "person"); title (a
/// post's own, a reply's thread's, a person's name); author display name ("" for a person);
/// blog name (a person: their blogs' names joined by ", "); link relative to the site root
/// (thread path + "#" + anchor, or the person's page); published date in RFC 3339 UTC or "";
/// snippet (the first kSearchSnippetChars characters of the text on one line, "…" appended when
/// cut; "" for a person); and the folded text searched: fold_text(title + " " + author + " " +
/// blog + " " + text) on one line, cut at a character boundary to kSearchFoldedBytes at most.
/// With a stream, the file goes there in pieces and "" is returned.
std::string search_index_json(const SiteModel& model, OutputStream* stream = nullptr);

}  // namespace confab
