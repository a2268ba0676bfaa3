// Who is still waiting for an answer from the campaign.
#pragma once

#include <string>
#include <vector>

#include "conversation/conversation.h"

namespace confab {

/// True when a comment asks something of the post's author: a question mark (also '¿'), or it
/// is addressed to them ("@Name", or their name among its first three words).
bool asks_something(const std::string& comment_text, const std::string& post_author_name);

/// Questions on conversation posts that neither the post's author nor the team has answered:
/// no later reply by them below the question, nor a later top-level comment of theirs naming
/// the asker. Oldest first. `nodes` must list parents before children (Node::text filled).
std::vector<std::string> find_awaiting_reply(const std::vector<Node>& nodes);

}  // namespace confab
