// What the thread stage is handed: per source, the posts its feed gave and the comments of the
// posts whose comment feeds were fetched. Built by the build driver from fetch + parse results.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "parse/feed.h"
#include "thread/conversation.h"

namespace confab {

/// One blog's harvest. `report` carries its identity and fetch status; `posts` may be empty
/// when its fetch failed. `comments` is keyed by the post's Entry::id.
struct SourceHarvest {
  SourceReport report;
  std::vector<Entry> posts;
  std::map<std::string, std::vector<Entry>> comments;
};

/// Identifies one post of a harvest list: harvests[source].posts[post].
struct PostRef {
  std::size_t source = 0;
  std::size_t post = 0;
  friend bool operator<(const PostRef& a, const PostRef& b) {
    return a.source != b.source ? a.source < b.source : a.post < b.post;
  }
  friend bool operator==(const PostRef&, const PostRef&) = default;
};

/// The posts that belong to the conversation (see README "How confab decides"): from campaign
/// sources, the posts a crawl took from discovered blogs, linking to a campaign link or to a post
/// already in, or naming a keyword. Sorted.
std::vector<PostRef> select_conversation_posts(const CampaignSection& campaign,
                                               const std::vector<SourceHarvest>& harvests);

/// Links from conversation posts to pages on hosts that no harvest covers: the pages to crawl
/// to discover new blogs. Only http(s) URLs, each once, in a stable order.
std::vector<std::string> discovery_targets(const CampaignSection& campaign,
                                           const std::vector<SourceHarvest>& harvests);

/// Threads the harvests into one conversation. `now` becomes Conversation::generated.
Conversation build_conversation(const SiteConfig& config,
                                const std::vector<SourceHarvest>& harvests, UnixTime now);

}  // namespace confab
