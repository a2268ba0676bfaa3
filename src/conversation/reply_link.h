// Where to answer a conversation item: the page (and the form on it) where the community manager
// writes a reply, worked out from the shape of the item's URL (see /work/shared/formats.md).
#pragma once

#include <string>

#include "conversation/conversation.h"

namespace confab {

/// The http(s) URL where one replies to `node`; `post` is the root of its thread when known
/// (nullptr otherwise). Returns, by the first rule that fits:
/// - a platform node (Node::platform set, but not "webmention"): its own url;
/// - a Blogger comment (`showComment=` in the query, or a `#cDIGITS` fragment on a blogspot or
///   blogger host): the post page without query nor fragment, plus "#comment-form";
/// - a TypePad comment (`#comment-ID` or `#cID` on a typepad.com host), or a Movable Type one
///   (`#cDIGITS` elsewhere): the page without fragment, plus "#comments";
/// - a WordPress comment (`#comment-DIGITS`): the page without fragment and without a trailing
///   `/comment-page-K/` segment, plus "?replytocom=N#respond" ("&replytocom=N" after a query);
/// - a post: its url without fragment, plus "#comments";
/// - anything else: node.url, else post->url.
/// Whichever URL a rule picks must be http or https; the function then falls back along
/// node.url, post->url, and returns "" when neither is http(s).
std::string reply_here_url(const Node& node, const Node* post);

}  // namespace confab
