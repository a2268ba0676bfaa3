// WordPress's REST API as a second way to a post's comments: one page of
// /wp-json/wp/v2/comments?post=ID read into the same Entry a comment feed gives, with the same
// id, so a comment seen both ways is one comment. The API says what a comment feed does not: a
// reply's parent and the commenter's avatar. Pure: the fetch stage asks, this reads the body.
#pragma once

#include <string>
#include <vector>

#include "parse/feed.h"

namespace confab {

struct WpRestComments {
  std::vector<Entry> comments;  ///< in the order given
  /// Items skipped and why, and what was read around (an unreadable date, a parent that is no
  /// comment, JSON nested too deep, PHP warnings before the JSON); each names the document's URL
  /// and, for an item, its place in the page (from 1) and its comment id when it has one.
  std::vector<std::string> warnings;
};

/// One page of /wp/v2/comments. `post` is the post's Entry from the blog's feed: a comment's id is
/// built as WordPress's feeds build it, `<post.id>#comment-<id>` (post.id is the post's guid, e.g.
/// https://blog.example/?p=42), so the same comment read from a feed and from the API is one.
/// Throws ParseError (naming the URL) when the body is not a JSON array of comments — including
/// WordPress's error objects (say their code and message).
///
/// Read liberally: numbers given as strings, `content` as a plain string, a missing `link`
/// (built from post.link), a body behind PHP notices. An item that is no object, has no usable
/// id, is not "approved", names another post or repeats an id is skipped with a warning; the rest
/// are kept. `published` is `date_gmt` (UTC), else `date` taken as UTC (off by the blog's offset,
/// which only its settings know). Pingbacks and trackbacks are kept as the API gives them: their
/// author is the linking page.
WpRestComments read_wp_rest_comments(const Document& document, const Entry& post);

/// The WordPress post ID a post's guid or shortlink carries ("https://blog.example/?p=42" → "42",
/// "…/?page_id=7" → "7"), "" when none. A wp.me shortlink gives "": its code is the blog's and the
/// post's WordPress.com numbers in base 62, or a custom slug, and only WordPress.com knows which.
std::string wordpress_post_id(const std::string& guid_or_url);

/// The comments endpoint for a post, from the API root a blog advertises
/// (`<link rel="https://api.w.org/">` or the Link header, e.g. "https://blog.example/wp-json/" or
/// "https://blog.example/?rest_route=/"): page N (from 1; less is taken as 1), 100 per page.
std::string wp_rest_comments_url(const std::string& api_root, const std::string& post_id, int page);

/// The API root in a Link header value (`<https://blog.example/wp-json/>;
/// rel="https://api.w.org/"`, possibly among other comma-separated links), as given (the caller
/// resolves it against the response's URL), "" when none.
std::string wp_api_root_from_link_header(const std::string& link_header);

}  // namespace confab
