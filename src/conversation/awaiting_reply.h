// Who is still waiting for an answer from the campaign.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conversation/conversation.h"

namespace confab {

/// True when a comment asks something of the post's author: a question mark (also '¿'), or it
/// is addressed to them ("@Name", or their name among its first three words).
bool asks_something(const std::string& comment_text, const std::string& post_author_name);

/// A question (as find_awaiting_reply sees one) and the first answer it got, if any.
struct QuestionAnswer {
  std::string question;  ///< Node id
  /// Node id of the first answer, "" when unanswered: the earliest published one, undated
  /// answers after dated ones, node order between equals.
  std::string answer;
  /// answer.published - question.published, when both are dated (then always > 0).
  std::optional<std::int64_t> seconds;
};

/// Every question on the conversation's posts with its first answer, in node order. A question
/// is a non-spam comment on a post, not by the team nor the post's author, that asks_something
/// of the post's author. An answer is a later non-spam comment by the post's author or the team
/// (later: published after the question, or either undated), either below the question or a
/// top-level comment on the same post naming the asker. `nodes` must list parents before
/// children (Node::text filled).
std::vector<QuestionAnswer> find_question_answers(const std::vector<Node>& nodes);

/// Questions on conversation posts that neither the post's author nor the team has answered
/// (find_question_answers with no answer): node ids, oldest first (undated as time 0, then by
/// id). `nodes` must list parents before children (Node::text filled).
std::vector<std::string> find_awaiting_reply(const std::vector<Node>& nodes);

}  // namespace confab
