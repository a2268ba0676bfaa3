// Discourse: forum software a brand runs on its own host (an instance), read through the public
// JSON every page has a twin of. A topic is a thread: its first post is the story, every later
// post a comment, replying to the post its reply_to_post_number names (flat, one level of
// "in reply to", as Discourse shows it).
//
// Endpoints, on the instance (or on PlatformEndpoints::api when set, for tests and replay; page
// URLs stay on the instance):
//   {instance}/search.json?q=URL        the lookup: a full-text search, so it also finds topics
//                                       that only mention the URL in their text, not just those
//                                       that link it
//   {instance}/t/ID.json                a topic: its first 20 posts and the ids of all of them
//   {instance}/t/ID/posts.json?post_ids[]=…  the rest, at most 50 ids a request
//   {instance}/c/SLUG/ID.json           a category's topics (read_discourse_category)
//
// What it cannot see: private categories and whispers (the API does not show them to a guest),
// posts deleted before they were read, a topic's category name (the topic answer gives only its
// id), the next pages of a category (more_topics_url), and instances installed in a subfolder
// (https://example.com/forum/t/…: thread_of recognises topics at the root of a host only).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "parse/feed.h"
#include "platforms/platform.h"

namespace confab {

/// The most post ids of a topic's stream confab reads: a thousand times the posts of a lively
/// topic, and a bound on the follow-up requests a hostile answer can ask for (200).
inline constexpr std::size_t kDiscourseStreamCap = 10000;

/// How many post ids Discourse answers in one posts.json request.
inline constexpr std::size_t kDiscoursePostsPerRequest = 50;

/// The Discourse platform. Endpoints: `api` replaces every instance's origin in API requests
/// when set; `site` is the instance page URLs fall back to when a ref names none (and the
/// instance a lookup answer read from `api` belongs to).
std::unique_ptr<Platform> make_discourse_platform(PlatformEndpoints endpoints);

/// The topics a category answer ({instance}/c/SLUG/ID.json) lists, on the instance of
/// `document.url`, in the order given (pinned topics included). Throws ParseError naming the URL
/// when the body is no category answer (no JSON, an error object, another shape).
std::vector<PlatformThreadRef> read_discourse_category(const Document& document);

}  // namespace confab
