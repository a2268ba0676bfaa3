// Which blog platform a post lives on, from what the blog shows (its feed's generator, the
// shape of its ids and URLs): it decides which representations of the post's comments exist.
#pragma once

#include <string>

#include "parse/feed.h"

namespace confab {

enum class BlogPlatform { unknown, wordpress, blogger, movable_type };

/// "wordpress", "blogger", "movabletype", "" — the words warnings and inspect use.
const char* blog_platform_name(BlogPlatform platform);

/// The platform a post's blog runs: `generator` is its feed's <generator> or its page's
/// <meta name="generator"> ("" when unknown); the post's id, link and comment feed URL are
/// recognised when the generator says nothing (wordpress.com and blogspot.com hosts, Blogger's
/// tag: ids, WordPress's ?p=N guids, TypePad's hosts and ids).
BlogPlatform detect_blog_platform(const std::string& generator, const Entry& post);

/// The Atom form of a WordPress comment feed, which carries thr:in-reply-to and the commenter's
/// <uri> where the RSS form carries neither: ".../feed/" → ".../feed/atom/",
/// "?feed=comments-rss2&p=N" → "?feed=comments-atom&p=N". "" when the URL has no such form
/// (already Atom, or not shaped like WordPress's).
std::string wordpress_atom_comment_feed(const std::string& comment_feed);

}  // namespace confab
