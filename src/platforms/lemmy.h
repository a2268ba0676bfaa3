// Lemmy: link aggregator of the fediverse, made of instances (lemmy.example.org, …). A thread
// is a post of an instance (https://INSTANCE/post/ID), read through the public, key-less
// API v3 of that instance (or of `endpoints.api` when set, for tests and replay; pages stay on
// the instance):
//   lookup   /api/v3/search?q=URL&type_=Url&sort=New&limit=50 — posts submitting a URL;
//   thread   /api/v3/post?id=ID — the post (the story);
//   comments /api/v3/comment/list?post_id=ID&max_depth=8&limit=50&page=N&sort=Old&type_=All —
//            pages of comments, each with its ancestry in `path` ("0.9001.9005").
// What it cannot see: replies nested deeper than 8 levels (Lemmy leaves them out of a listing
// with max_depth; a warning counts them from child_count), the post a /comment/ID URL belongs to
// (thread_of needs a request to map it, so it answers nullopt), what a deleted or removed
// comment said. Comment text is Markdown, shown as escaped text with paragraphs and links only.
// Any host may be an instance: thread_of takes any http(s) URL whose path is exactly
// /post/<digits> (a blog with such paths is a false positive; the build asks only instances a
// site configured), and looser shapes (/post/ID/) on endpoints.site.
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// The Lemmy platform: name() "lemmy", label() "Lemmy". Empty endpoints build every URL on the
/// thread's instance; `endpoints.api` sends API requests there instead; `endpoints.site` is the
/// instance assumed when a thread names none.
std::unique_ptr<Platform> make_lemmy_platform(PlatformEndpoints endpoints);

}  // namespace confab
