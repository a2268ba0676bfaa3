// The parse stage's face: a feed or an HTML page, as plain structs, whatever format it came in.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/time.h"

namespace confab {

enum class FeedFormat { rss20, rss10, rss09x, atom10, atom03, jsonfeed };

/// "rss2.0", "rss1.0", "rss0.9x", "atom1.0", "atom0.3", "jsonfeed" — the names inspect prints.
const char* feed_format_name(FeedFormat format);

struct Author {
  std::string name;
  std::string email;
  std::string uri;
  std::string avatar = {};  ///< an avatar image URL (Gravatar...), when the source shows one
  /// Pages a platform verified as this person's own: a Mastodon profile link checked with
  /// rel="me" (verified_at), the domain a Bluesky handle is. Evidence for joining people.
  std::vector<std::string> verified = {};
};

/// RFC 4685 thr:in-reply-to: `ref` is the parent's id, `href` its page.
struct InReplyTo {
  std::string ref;
  std::string href;
};

struct Enclosure {
  std::string url;
  std::string type;
  std::optional<long long> length;
};

/// One item of a feed: a post in a blog's feed, a comment in a comment feed. Every URL is
/// absolute (resolved against xml:base and the document URL). HTML fields hold the feed's HTML
/// as given, unsanitized: only render may put them on a page, through its sanitizer.
struct Entry {
  std::string id;     ///< guid/id, else link, else a hash of title+content: never empty
  std::string title;  ///< plain text
  std::string link;
  std::optional<UnixTime> published;
  std::optional<UnixTime> updated;
  std::vector<Author> authors;
  std::string summary;  ///< HTML
  std::string content;  ///< HTML
  std::vector<std::string> categories;
  std::string comments_url;   ///< the HTML page where comments are (RSS <comments>, #comments)
  std::string comments_feed;  ///< wfw:commentRss, or Atom link rel="replies" of a feed type
  std::optional<int> comment_count;  ///< slash:comments, thr:total
  std::vector<InReplyTo> in_reply_to;
  std::vector<Enclosure> enclosures;
  std::string related;  ///< Blogger: link rel="related", the parent comment of a reply
  /// What a platform counts on the item (Mastodon favourites and boosts, Bluesky likes and
  /// reposts), when it shows them.
  std::optional<int> likes;
  std::optional<int> reposts;
  /// A reaction rather than words (a Webmention like-of, repost-of, bookmark-of): "like",
  /// "repost" or "bookmark", counted on the page in_reply_to[0].href names; never a node.
  std::string reaction;
  /// The most replies the platform shows anyone without an account, when this thread reached
  /// it (Mastodon's context: 60): more replies may exist than were read.
  std::optional<int> reply_cap;
  /// When the build that first archived this entry started: set by Archive::history, never
  /// read from a feed nor stored in the entry's JSON.
  std::optional<UnixTime> first_seen;
};

struct Feed {
  FeedFormat format = FeedFormat::rss20;
  std::string title;  ///< plain text
  std::string link;
  std::string description;  ///< plain text
  std::string language;     ///< a language tag, normalised ("en_US" -> "en-US")
  std::optional<UnixTime> published;
  std::optional<UnixTime> updated;
  std::vector<Author> authors;
  std::vector<std::string> categories;
  std::string self;                   ///< the feed's own URL (atom:link rel="self")
  std::string comments_feed;          ///< a site-wide comment feed the feed points to, if any
  std::string generator;              ///< <generator> as given (URI or text): which platform
  std::string next;                   ///< the next page of this feed (atom:link rel="next")
  std::vector<std::string> warnings;  ///< what was recovered from, in words a user can act on
  std::vector<Entry> entries;
  /// False when the document had to be repaired (cut off, unbalanced): entries may be missing,
  /// so what the feed does not list proves nothing (it is no evidence of moderation). An entry
  /// cut off by the end of the document is left out; whole entries are kept.
  bool complete = true;
};

/// What the fetch stage knew about the bytes: where they came from and what the server said.
struct Document {
  std::string url;           ///< the final URL (after redirects): the base for relative links
  std::string content_type;  ///< the Content-Type header, charset included, "" if none
  std::string body;          ///< raw bytes, any encoding
};

/// Thrown when a document is not a feed at all (HTML, an image, empty, unreadable XML).
struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Parses RSS or Atom (and, later, JSON Feed) from a fetched document, transcoding it to UTF-8.
/// Recoverable problems become `warnings`; a document that is no feed throws ParseError.
Feed parse_feed(const Document& document);

/// True when the document looks like a feed (by content type or first element) rather than HTML.
bool looks_like_feed(const Document& document);

}  // namespace confab
