// A threaded conversation as bytes and back, so that a build can keep it for the next one (see
// build/kept_conversation.h). Not a format for other programs: conversation.json is that. The
// bytes hold what threading made; what the build sets on every run (`generated`,
// `previous_build`, and the sources, whose fetch status changes each build) is left out.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "conversation/conversation.h"

namespace confab {

struct ConversationBytesError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The campaign title and links, nodes, people, the awaiting-reply list and the thread summaries,
/// handed to `sink` in pieces of about a megabyte as they are made (at 100,000 comments the
/// bytes are a hundred megabytes or more: they are never whole in memory).
void write_conversation_bytes(const Conversation& conversation,
                              const std::function<void(std::string_view piece)>& sink);

/// The same bytes at once.
std::string conversation_to_bytes(const Conversation& conversation);

/// What conversation_to_bytes wrote, with `generated`, `previous_build` and `sources` left empty.
/// Throws ConversationBytesError when the bytes end early, run on, or hold an impossible value.
Conversation conversation_from_bytes(std::string_view bytes);

}  // namespace confab
