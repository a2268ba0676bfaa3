// A platform source: a discussion site with a public JSON API (Hacker News, Reddit, Lemmy,
// Discourse…). Each platform is one module that says which URLs are its threads, how to look a
// URL up, and how to read one thread into the same Entry a feed gives: the thread's story (a
// post, which links to what it discusses) and its comments (whose parents are ids of the same
// thread). Pure, like parse: the build asks the fetcher for the URLs these name and hands the
// answers back.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parse/feed.h"

namespace confab {

/// Where a platform's API and pages are. Every base is configurable, so tests and replay
/// snapshots can point a platform at 127.0.0.1.
struct PlatformEndpoints {
  std::string api;   ///< the API's origin, e.g. "https://hn.algolia.com" (no trailing '/')
  std::string site;  ///< the pages people read, e.g. "https://news.ycombinator.com"
};

/// One thread of a platform: what names it in its API and where people read it.
struct PlatformThreadRef {
  std::string id;   ///< the platform's own id of the thread (HN item, Reddit base36, …)
  std::string url;  ///< the thread's page (news.ycombinator.com/item?id=ID): the story's link
  /// Where the thread lives, for platforms with instances (Lemmy, Discourse): the instance's
  /// origin ("https://lemmy.example.org"); "" for single-site platforms.
  std::string instance;
};

/// What one API answer about a thread gave.
struct PlatformThread {
  /// The story (HN story, Reddit submission, Lemmy post, Discourse topic's first post), when this
  /// answer holds it (follow-up answers do not): Entry::id and Entry::link are its page URL; its
  /// content is its text (HTML) followed by a link to the URL it submits, if any, so the
  /// conversation sees what it discusses; authors[0] is {handle, "", profile URL}.
  std::optional<Entry> story;
  /// The comments, parents first where the API nests them: each Entry::id and Entry::link is the
  /// comment's own page, authors[0] {handle, "", profile URL}, content HTML, published its time,
  /// in_reply_to[0].ref the id of its parent (the story's id for a top-level comment).
  std::vector<Entry> comments;
  /// API URLs still to read for this thread (Reddit "more" stubs, Lemmy's next page, Discourse
  /// posts not in the first answer), in the order to read them; read_more reads their answers.
  std::vector<std::string> more;
  /// Comments the platform shows as deleted or removed: left out, counted here.
  std::size_t deleted = 0;
  /// What was read around (an item with no id, a date that is no date, JSON nested too deep),
  /// each naming the answer's URL.
  std::vector<std::string> warnings;
  /// Entries that stand on their own rather than under a story (Webmentions received): each a
  /// post whose content links to the page it mentions or replies to, or a reaction
  /// (Entry::reaction) counted on that page.
  std::vector<Entry> posts;
  /// The thread to read in this one's place, with no story here: the item read is a reply and
  /// its thread starts elsewhere (a Bluesky reply's root, a Mastodon reply's parent), or the
  /// answer only resolved a name (a Bluesky handle to its DID).
  std::optional<PlatformThreadRef> instead;
  /// Set when the platform's cap on replies shown without an account was reached (Mastodon: 60
  /// descendants): the story's Entry::reply_cap.
  std::optional<int> reply_cap;
};

/// One page of a listing: a hashtag's timeline, a profile's posts.
struct PlatformListing {
  /// The threads the page names, in its order (a reply names itself: its read says `instead`).
  std::vector<PlatformThreadRef> threads;
  std::string next;  ///< the API URL of the next page, "" when this is the last
  std::vector<std::string> warnings;
};

/// Where an answer came from, as every message about it starts: its URL, else "document".
std::string answer_source(const Document& document);

/// A configured base URL (PlatformEndpoints, an instance) as readers join paths to it: trimmed,
/// without trailing '/'.
std::string endpoint_base(std::string_view configured);

/// One platform. Implementations read liberally (numbers as strings, missing fields) with
/// read_json_document (depth-capped) and walk the JSON iteratively: an outsider controls its
/// depth. A body that is not the answer expected (HTML, an error object, truncated JSON) throws
/// ParseError naming the URL and what was found.
class Platform {
 public:
  virtual ~Platform() = default;

  /// The word site.toml, conversation.json and the theme use: "hackernews", "reddit"...
  virtual std::string_view name() const = 0;
  /// For people: "Hacker News", "Reddit"...
  virtual std::string_view label() const = 0;
  /// True for a platform of many hosts (Lemmy, Discourse, Mastodon): each thread's instance is
  /// asked on its own, with its own budget.
  virtual bool has_instances() const { return false; }

  /// The thread a URL names when it is one of this platform's thread pages (any of its usual
  /// URL shapes), nullopt otherwise.
  virtual std::optional<PlatformThreadRef> thread_of(std::string_view url) const = 0;

  /// The API request that lists threads submitting `url` (for a platform with instances, on
  /// `instance`); "" when this platform cannot look URLs up.
  virtual std::string lookup_url(std::string_view url, std::string_view instance) const = 0;
  /// The threads a lookup answer lists (`document.url` is the lookup URL).
  virtual std::vector<PlatformThreadRef> read_lookup(const Document& document) const = 0;

  /// The API request for a whole thread.
  virtual std::string thread_api_url(const PlatformThreadRef& thread) const = 0;
  /// Reads the answer to thread_api_url.
  virtual PlatformThread read_thread(const Document& document,
                                     const PlatformThreadRef& thread) const = 0;
  /// Reads the answer to one of PlatformThread::more (comments, perhaps more URLs; no story).
  virtual PlatformThread read_more(const Document& document,
                                   const PlatformThreadRef& thread) const = 0;

  /// The API request for the first page of a listing page (a Mastodon hashtag page
  /// https://INSTANCE/tags/TAG, a Bluesky profile), "" when `url` is none of this platform's.
  virtual std::string listing_api_url(std::string_view /*url*/) const { return {}; }
  /// Reads one page of a listing (`document.url` is the page's API URL).
  virtual PlatformListing read_listing(const Document& /*document*/) const { return {}; }

  /// For a platform that holds entries about any URL rather than threads (a Webmention
  /// receiver): the API request for the first page of what mentions `url`; "" when none.
  virtual std::string mentions_url(std::string_view /*url*/) const { return {}; }
  /// Reads one page of mentions: PlatformThread::posts, and `more` for the next page.
  virtual PlatformThread read_mentions(const Document& /*document*/) const { return {}; }
};

}  // namespace confab
