// Mastodon (any instance): a status and its replies, read from the instance the status's URL
// names through its public API, which needs no account:
//   thread   {instance}/api/v1/statuses/ID            the status (a reply: its parent is read
//                                                      instead, up to the thread's start)
//            {instance}/api/v1/statuses/ID/context    its descendants, by in_reply_to_id
//   listing  {instance}/api/v1/timelines/tag/TAG?limit=40&max_id=…   a hashtag, page by page
// Status pages are https://INSTANCE/@user/ID (also /@user@other.host/ID, /users/user/statuses/ID,
// /web/statuses/ID); hashtags https://INSTANCE/tags/TAG. Every status is named by its public URL
// (`url`, else `uri`), so a thread read on two instances is one.
// What it cannot see: more than 60 descendants of one status (an instance shows visitors without
// an account at most 60: the story's reply_cap says so); followers-only and direct statuses;
// replies from servers the instance does not federate with; statuses by URL (no lookup: an
// instance does not search for visitors); an instance with limited federation (401).
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// Mastodon; every request goes to the instance a URL names, so `endpoints` are unused.
std::unique_ptr<Platform> make_mastodon_platform(PlatformEndpoints endpoints);

}  // namespace confab
