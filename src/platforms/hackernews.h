// Hacker News: stories (a submitted link, or an "Ask HN" text post) and their comment trees,
// read from Algolia's public HN API, which needs no account:
//   lookup  {api}/api/v1/search?query=URL&restrictSearchableAttributes=url&tags=story
//           the stories whose submitted URL matches URL (Algolia's search is fuzzy: only hits
//           whose url is URL up to http/https, "www.", host case, a trailing slash and a
//           fragment are kept; the query string must be the same)
//   thread  {api}/api/v1/items/ID
//           the item with its whole reply tree nested in "children": no follow-up requests
// Pages are {site}/item?id=ID, profiles {site}/user?id=HANDLE.
// What it cannot see: the text of deleted comments (counted, their replies kept), dead or
// flagged comments (counted the same way), points and rankings of comments, edits (HN's API has
// no edit time), hits past the first page of a lookup (20 stories submitting one URL), and what
// Algolia's index has not caught up with yet (it lags HN by minutes). An item URL of a comment
// reads that comment and its replies, with the comment in the story's place.
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// Hacker News, its API at `endpoints.api` (public: https://hn.algolia.com) and its pages at
/// `endpoints.site` (public: https://news.ycombinator.com).
std::unique_ptr<Platform> make_hackernews_platform(PlatformEndpoints endpoints);

}  // namespace confab
