// Reading one post's comments the best way its blog offers (README "Comments"): the WordPress
// REST API, paged, for the whole history; the Atom comment feed where WordPress offers one
// beside the RSS one; the comment feed as given, following rel="next" pages; the post's own
// page when no feed answers. What several representations say is merged per comment.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/fetch.h"
#include "parse/blog_platform.h"
#include "parse/feed.h"

namespace confab {

/// One conversation post whose comments are wanted.
struct CommentPost {
  const Entry* post = nullptr;
  std::string source_name;  ///< for warnings
  BlogPlatform platform = BlogPlatform::unknown;
  std::string api_root;     ///< the blog's WordPress REST API root, "" when it advertised none
  bool discovered = false;  ///< on a blog nobody configured: [crawl] rules apply to its URLs
};

/// One post's comments as read this build.
struct GatheredComments {
  bool read = false;  ///< some representation answered: `comments` is what the post has
  std::vector<Entry> comments;
  /// Every representation came whole (no page missing, no feed cut off): a comment it no
  /// longer lists may be judged moderated away.
  bool whole = true;
  bool unchanged = false;            ///< every representation read answered "unchanged"
  std::vector<std::string> formats;  ///< representations read, richest first ("wp-rest"...)
};

struct CommentGathering {
  std::vector<GatheredComments> posts;  ///< one per CommentPost, in order
  std::size_t requests = 0;
  std::vector<std::string> warnings;  ///< each names its source and post
};

struct CommentGatheringOptions {
  int max_pages = 10;  ///< [fetch] max_comment_pages
  const CrawlSection* crawl = nullptr;
  FetchProgressCallback progress;
};

/// Reads every post's comments, all posts' requests batched together round by round. A
/// representation that fails is reported (a guessed one — the Atom form of a WordPress RSS
/// comment feed — only falls back quietly); what the others gave still counts. When the comment
/// feed answers "unchanged", the API and the page are not asked again.
CommentGathering gather_comments(const std::vector<CommentPost>& posts, Fetcher& fetcher,
                                 const CommentGatheringOptions& options);

}  // namespace confab
