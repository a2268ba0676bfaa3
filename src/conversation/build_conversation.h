// What the conversation stage is handed: per source, the posts its feed gave and the comments of
// the posts whose comment feeds were fetched. Built by the build driver from fetch + parse results.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/content_hash.h"
#include "config/config.h"
#include "conversation/conversation.h"
#include "conversation/people.h"
#include "parse/feed.h"

namespace confab {

/// One blog's harvest. `report` carries its identity and fetch status; `posts` may be empty
/// when its fetch failed. `comments` is keyed by the post's Entry::id.
struct SourceHarvest {
  SourceReport report;
  std::vector<Entry> posts;
  std::map<std::string, std::vector<Entry>> comments;
  /// Post ids whose comment feed came repaired (Feed::complete false): its comments are kept,
  /// but it is no evidence that a comment it does not list was removed.
  std::set<std::string> partial_comment_feeds;
  /// Post ids whose every comment representation answered "unchanged": nothing to merge.
  std::set<std::string> unchanged_comments;
  /// When the posts and comments were read back from the archive: its SourceHistory::rows, which
  /// tell a build whether it threads what the build before threaded. Threading ignores it.
  std::optional<ContentHash> archived_rows;
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

/// A page the discovery crawl should fetch, and what led to it.
struct CrawlTarget {
  std::string url;
  std::string from;          ///< URL of the conversation post whose link (or pingback) led here
  bool via_mention = false;  ///< the linking post of a pingback/trackback on a conversation post
  bool homepage = false;     ///< a commenter's homepage: its blog may write about the campaign
};

/// Crawl decisions under site.toml's rules: links from conversation posts to pages on blogs that
/// no harvest covers, plus the linking posts of pingbacks and trackbacks found in the comments
/// of conversation posts, then the homepages their commenters left (spam excluded); only what
/// [crawl] allow/deny/allow_private permits (see crawl_rules.h: private addresses are recognised
/// literally, never resolved). Each page once, in a stable order (posts in harvest order, their
/// links in document order, then mentions).
std::vector<CrawlTarget> crawl_targets(const SiteConfig& config,
                                       const std::vector<SourceHarvest>& harvests);

/// Threads the harvests into one conversation. `now` becomes Conversation::generated;
/// `evidence` is what pages fetched this build say about identities (rel="me").
Conversation build_conversation(const SiteConfig& config,
                                const std::vector<SourceHarvest>& harvests, UnixTime now,
                                const IdentityEvidence& evidence = {});

/// The same, taking the harvests: each comment's HTML moves into its node and each comment feed
/// is let go once threaded, so the archive's entries and the nodes are not both whole in memory.
Conversation build_conversation(const SiteConfig& config, std::vector<SourceHarvest>&& harvests,
                                UnixTime now, const IdentityEvidence& evidence = {});

}  // namespace confab
