// A local spam filter for comments: no network, explainable reasons, a score.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "config/config.h"
#include "conversation/conversation.h"
#include "conversation/html_scan.h"
#include "parse/feed.h"

namespace confab {

/// What the filter looks at for one comment.
struct SpamEvidence {
  std::string author_name;
  std::string author_url;
  std::string comment_html;
  std::string post_text;    ///< plain text of the post commented on, for word overlap
  std::string post_author;  ///< the post's author name: a comment naming them is not a template
  /// Other blogs where a comment with the same words was found (template spam sprayed around).
  int copies_elsewhere = 0;
};

/// Score and reasons; the comment is spam when the score reaches kSpamThreshold. Rules, each
/// with a weight saying how sure it is alone: commercial author name or anchor text, a
/// commenter URL selling something or unrelated to what they wrote, link density, stock praise
/// sharing no words with the post, no name, the same text on other blogs, and the token model
/// (spam_model.h).
SpamVerdict judge_comment(const SpamEvidence& evidence);

/// The words of a post that a comment on it may share (computed once per post).
struct SpamPostWords {
  std::unordered_set<std::string> words;
};
SpamPostWords spam_post_words(const std::string& post_text);

/// judge_comment for a comment already read with scan_html, against its post's words: what
/// threading calls, so each comment is read once. `evidence.post_text` is not used.
SpamVerdict judge_comment(const SpamEvidence& evidence, const ScannedHtml& scanned,
                          const SpamPostWords& post_words);

constexpr double kSpamThreshold = 1.0;

/// [spam] allow/deny: true (always spam) or false (never) when an entry matches the author's
/// name (case- and accent-insensitive) or the host of their URL (domain or subdomain); deny
/// wins over allow. nullopt when neither list names them.
std::optional<bool> spam_override(const SpamSection& lists, const std::string& author_name,
                                  const std::string& author_url);

}  // namespace confab
