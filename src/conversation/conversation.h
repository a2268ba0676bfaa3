// The conversation stage's face: everything that was said, as one cross-blog conversation.
// This is what render draws and what conversation.json serialises (see README for the schema).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/time.h"

namespace confab {

enum class SourceStatus { ok, unchanged, error, gone };
enum class SourceKind { campaign, blog, discovered };  ///< "role" in conversation.json
enum class NodeKind { post, comment, mention };

const char* source_status_name(SourceStatus status);
const char* source_kind_name(SourceKind kind);
const char* node_kind_name(NodeKind kind);

/// A blog as the hub reports it.
struct SourceReport {
  std::string id;  ///< stable slug, unique in the conversation
  std::string name;
  std::string url;
  std::string feed;
  SourceKind role = SourceKind::blog;
  SourceStatus status = SourceStatus::ok;
  std::string error;  ///< for people, "" when none
  std::optional<UnixTime> last_success;
  std::string discovered_from;  ///< role discovered: URL of the conversation post that led here
  /// The typed cause, for tools: a fetch failure ("dns", "connect", "tls", "timeout",
  /// "http_status", "too_large", …) or "not_a_feed"; "" when none or unknown.
  std::string error_kind;
  /// A platform source (README "Platforms"): "hackernews", "reddit", "lemmy", "discourse",
  /// "mastodon", "bluesky", "webmention"; "" for a blog.
  std::string platform = {};
  std::string platform_label = {};  ///< for people: "Hacker News"; "" for a blog
  bool operator==(const SourceReport&) const = default;
};

struct SpamVerdict {
  double score = 0;
  std::vector<std::string> reasons;
  bool operator==(const SpamVerdict&) const = default;
};

/// A post, a comment or a mention (pingback/trackback), linked into the conversation tree.
struct Node {
  std::string id;  ///< stable, unique: "<source id>/<hash of entry id>"-like
  NodeKind kind = NodeKind::post;
  std::string source;    ///< SourceReport::id
  std::string platform;  ///< its source's platform ("hackernews"...), "" for a blog
  std::string url;
  std::string title;
  std::string author;       ///< Person::id, "" if unknown
  std::string author_name;  ///< as the feed gave it (for display)
  std::string author_url;
  std::string author_avatar;  ///< avatar image URL as the source showed it (Gravatar...)
  /// Pages the platform verified as the author's own (Author::verified): evidence for people.
  std::vector<std::string> author_verified;
  std::optional<UnixTime> published;
  std::string parent;                 ///< Node::id, "" for a thread root
  std::string thread;                 ///< Node::id of the root of its thread
  std::vector<std::string> links_to;  ///< Node ids this node links to
  std::optional<SpamVerdict> spam;
  std::string content_html;     ///< unsanitized, as the feed gave it; render sanitizes
  bool by_team = false;         ///< the author speaks for the campaign
  bool parent_unknown = false;  ///< a reply whose parent was not found: hung under the post
  /// Posts: conversation posts it links to besides its parent. A subset of links_to.
  std::vector<std::string> also_links_to;
  /// Posts this node told by pingback/trackback (merged into the edge when both are posts);
  /// a mention node: the post it mentions.
  std::vector<std::string> mentions;
  std::string linking_url;  ///< a mention: the page that links (the pingback's source)
  /// Reactions: what its platform counts (Mastodon favourites, Bluesky likes…) plus the
  /// Webmention likes, reposts and bookmarks it received.
  int likes = 0;
  int reposts = 0;
  int bookmarks = 0;
  /// A platform thread's root that reached the most replies the platform shows without an
  /// account (Mastodon: 60): more may exist there.
  std::optional<int> reply_cap;
  /// When the archive first saw it: the start of that build (none without an archive).
  std::optional<UnixTime> first_seen;
  std::string text;  ///< plain text of content_html (for matching; not in conversation.json)
  bool operator==(const Node&) const = default;
};

struct Person {
  std::string id;
  std::string name;
  std::vector<std::string> urls;
  /// Why several identities are this one person, one line each (README "People"), e.g.
  /// "gravatar 1f3870be… on Bring the love back and General Pattern"; empty when only one.
  std::vector<std::string> merged_by;
  bool team = false;
  int posts = 0;
  int comments = 0;
  std::vector<std::string> blogs;  ///< SourceReport ids
  int replies_received = 0;        ///< non-spam replies by others to their posts and comments
  int repliers = 0;                ///< distinct other people among those replies
  int cross_blog_replies = 0;      ///< replies written on another blog than the one replied to
  /// Ranking, reach over volume (README "People"): 2·blogs + repliers + 3·cross_blog_replies.
  int influence = 0;
  bool operator==(const Person&) const = default;
};

struct ThreadSummary {
  std::string root;                ///< Node id
  int size = 0;                    ///< nodes in the thread, root included, spam excluded
  std::vector<std::string> blogs;  ///< SourceReport ids touched
  std::optional<UnixTime> last_activity;
  bool operator==(const ThreadSummary&) const = default;
};

struct Conversation {
  UnixTime generated = 0;
  /// When the build before this one started, none for the first build (or without an
  /// archive): the nodes first seen after it are new.
  std::optional<UnixTime> previous_build;
  std::string campaign_title;
  std::vector<std::string> campaign_links;
  std::vector<SourceReport> sources;
  std::vector<Node> nodes;  ///< parents before children; thread order newest activity first
  std::vector<Person> people;
  std::vector<std::string> awaiting_reply;  ///< Node ids, oldest first
  std::vector<ThreadSummary> threads;       ///< newest activity first
  bool operator==(const Conversation&) const = default;
};

/// New since the previous build: first seen after that build started. Nothing is new on a first
/// build, nor without an archive.
bool is_new(const Node& node, const Conversation& conversation);

}  // namespace confab
