// One post's comments as several representations tell them (WordPress's REST API and its Atom
// and RSS comment feeds, the post's own page), merged: one comment, one entry, each field
// taken from the representation that knows it best.
#pragma once

#include <string>
#include <vector>

#include "parse/feed.h"

namespace confab {

/// Richest first: the order in which representations are preferred.
enum class CommentFormat { wp_rest, atom, rss, page };

/// "wp-rest", "atom", "rss", "page".
const char* comment_format_name(CommentFormat format);

/// The comments one representation gave.
struct CommentRead {
  CommentFormat format = CommentFormat::rss;
  std::vector<Entry> comments;
};

/// What identifies a comment whichever representation shows it: its number on the platform
/// (WordPress "#comment-12", Blogger ".post-345" and "#c345", TypePad "#comment-6a00…"), else
/// its id.
std::string comment_key(const Entry& comment);

/// Merges the reads of one post's comments: comments with one key become one entry. Parents
/// (in_reply_to, related) come from the richest read that states parents (the REST API and the
/// page always do; a feed does when any of its entries names one — WordPress's RSS never does,
/// so it cannot flatten what the Atom feed or the API nested); the author's name, homepage and
/// avatar from the richest read that has them; the text from the API, else a feed, else the
/// page; the id from a feed when one lists the comment (what earlier builds archived), else
/// from the richest read. Feed order first, then comments only richer reads hold, by date.
std::vector<Entry> merge_comment_reads(const std::vector<CommentRead>& reads);

}  // namespace confab
