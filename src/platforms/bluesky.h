// Bluesky: the AT Protocol's microblog. A thread is a post, https://bsky.app/profile/AUTHORITY/
// post/RKEY, where AUTHORITY is a handle (a domain name: lanternfish.bsky.social, or a custom
// domain its owner proves, quill.example.org) or a DID (did:plc:…, did:web:…). Internally a
// post is the at-uri at://AUTHORITY/app.bsky.feed.post/RKEY. Read through the public, key-less
// AppView (https://public.api.bsky.app, or `endpoints.api`):
//   handle  /xrpc/com.atproto.identity.resolveHandle?handle=HANDLE — a handle to its DID, when a
//           page URL names a handle (the thread is then read again by DID: `instead`);
//   thread  /xrpc/app.bsky.feed.getPostThread?uri=AT-URI&depth=100&parentHeight=0 — the post
//           and its replies nested as a tree; a post that is itself a reply names the root of
//           its thread, which is read `instead`;
//   listing /xrpc/app.bsky.feed.getAuthorFeed?actor=AUTHORITY&limit=50&filter=posts_no_replies
//           — a profile's own posts (reposts left out), paged by `cursor`.
// What it cannot see: which posts link to a URL (the public AppView searches for signed-in
// accounts only: lookup_url is ""), replies nested deeper than 100 levels, what a deleted or
// blocked reply said (a notFoundPost or blockedPost, counted as deleted), quote posts (they are
// posts of their own, not replies). Text is plain text with facets (links, mentions, hashtags)
// given as UTF-8 byte ranges; it is shown escaped, line breaks as <br>, facets as links.
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// The Bluesky platform: name() "bluesky", label() "Bluesky". Empty endpoints mean the public
/// ones: API https://public.api.bsky.app, pages https://bsky.app (each configurable; thread_of
/// takes pages of bsky.app and of the configured site).
std::unique_ptr<Platform> make_bluesky_platform(PlatformEndpoints endpoints);

}  // namespace confab
