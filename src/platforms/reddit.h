// Reddit: submissions (a link or a self post in a subreddit) and their comment trees, read from
// Reddit's public JSON, which needs no account:
//   lookup    {api}/api/info.json?url=URL             a Listing of the t3 submissions of URL
//   thread    {api}/comments/ID.json?raw_json=1       [the t3 Listing, the t1 comment tree]
//   follow-up {api}/api/morechildren.json?api_type=json&raw_json=1&link_id=t3_ID&children=a,b
//             the comments a "more" stub stands for (100 ids a request at most), flat
// What it cannot see: comments Reddit hides behind "continue this thread" links (a "more" stub
// with no ids: they are only on the deeper comment's own page; a warning says where), the text
// of deleted or removed comments (counted, their replies kept), quarantined or private
// subreddits (Reddit answers 403), and whatever a logged-out reader is not shown.
#pragma once

#include <memory>

#include "platforms/platform.h"

namespace confab {

/// Reddit, its API and pages at `endpoints` (public: https://www.reddit.com for both).
std::unique_ptr<Platform> make_reddit_platform(PlatformEndpoints endpoints);

}  // namespace confab
