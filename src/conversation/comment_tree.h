// Turning a post's comment feed into nodes: parents, mentions (pingbacks/trackbacks), spam.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "conversation/conversation.h"
#include "parse/feed.h"

namespace confab {

/// A comment that is really a pingback or trackback: another page linking to the post.
/// `blog_names` (folded with fold_text) recognise a trackback whose feed gives no author URL
/// (WordPress RSS comment feeds): its author is the sending blog's name.
bool is_mention(const Entry& comment, const std::string& post_url,
                const std::set<std::string>& blog_names = {});

/// Finds each comment's parent among `comments` (indexes; -1 = the post itself) from
/// thr:in-reply-to (ref, then href), Blogger's rel="related" and #comment-N / #cN fragments.
/// `unknown[i]` is set when comment i names a parent that is not there.
std::vector<int> resolve_comment_parents(const Entry& post, const std::vector<Entry>& comments,
                                         std::vector<bool>& unknown);

}  // namespace confab
