// A local spam filter for comments: no network, explainable reasons, a score.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parse/feed.h"
#include "thread/conversation.h"

namespace confab {

/// What the filter looks at for one comment.
struct SpamEvidence {
  std::string author_name;
  std::string author_url;
  std::string comment_html;
  std::string post_text;  ///< plain text of the post commented on, for word overlap
};

/// Score and reasons; the comment is spam when the score reaches kSpamThreshold.
SpamVerdict judge_comment(const SpamEvidence& evidence);

constexpr double kSpamThreshold = 1.0;

}  // namespace confab
