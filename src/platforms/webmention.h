// Webmention: the IndieWeb's cross-site replies, likes and reposts, as received for a page by
// webmention.io (a hosted receiver many static sites name as their Webmention endpoint) and read
// through its public, key-less API (or `endpoints.api` when set, for tests and replay):
//   mentions /api/mentions.jf2?target=URL&per-page=100&page=N — a JF2 feed of what mentions the
//            page, newest first: each child a reply (in-reply-to), a mention (mention-of, rsvp)
//            or a reaction (like-of, repost-of, bookmark-of), as webmention.io parsed it from
//            the sender's page.
// No threads: every mention is a post of its own (PlatformThread::posts) whose in_reply_to is
// the page it mentions, so thread_of, lookup_url, thread_api_url and the thread readers answer
// nothing. A reply's id is its sender's page (the same page the replier's own feed gives); a
// reaction's is its own URL when it has one (Bridgy's like pages), else "webmention:WM-ID".
// What it cannot see: mentions received by another endpoint than webmention.io, mentions of a
// site that turned public access off (webmention.io answers "forbidden"), mentions marked
// private (wm-private: left out), which reply a reply answers (a reply to a reply is sent to
// the first reply's site; when it also names the post, it is read here as a reply to the post),
// the sender's page as it is now (webmention.io keeps what it parsed when the mention arrived),
// and what webmention.io could not parse (a reply without microformats is a bare mention-of).
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// The Webmention platform: name() "webmention", label() "Webmention". `endpoints.api` is
/// webmention.io's origin ("https://webmention.io" when empty); `endpoints.site` is unused (the
/// mentions' pages are their senders').
std::unique_ptr<Platform> make_webmention_platform(PlatformEndpoints endpoints);

}  // namespace confab
