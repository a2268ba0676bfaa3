// The comments a blog post's own HTML page shows, read from the markup of the platform that
// made the page (WordPress, Blogger, Movable Type / TypePad, microformats2). A comment feed
// shows the latest comments only, or none at all; the page often shows them all, threaded.
#pragma once

#include <string>
#include <vector>

#include "parse/feed.h"

namespace confab {

struct CommentMarkup {
  /// Which markup was recognised: "wordpress", "blogger", "movabletype", "mf2"; "" when none.
  std::string platform;
  /// The comments (pingbacks and trackbacks included), in document order. Each has the id the
  /// platform's comment feed gives the same comment where the page lets us build it, so the two
  /// merge; its parent, for a reply, in `in_reply_to` (one entry: the parent's id and link).
  std::vector<Entry> comments;
  /// What was recovered from, in words a user can act on (nesting capped, ids built from links).
  std::vector<std::string> warnings;
};

/// The comments shown on `page`, the HTML page of `post` (its Entry from the blog's feed: its
/// id and link are what comment ids and links are built from, the way the platform's feeds
/// build them). A page without recognisable comments gives no comments and platform "": never
/// an exception. Content is each comment's HTML as the page has it, unsanitized.
CommentMarkup read_comment_markup(const Document& page, const Entry& post);

}  // namespace confab
